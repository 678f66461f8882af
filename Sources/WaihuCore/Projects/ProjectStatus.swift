/// Where a project stands in its lifecycle (seed 001):
/// requirement → kickoff → planning → test calls (拨测) → running ⇄ paused → closing → closed.
public enum ProjectStatus: String, Sendable, CaseIterable, Codable {
    case requirement
    case kickoff
    case planning
    case testCalls = "test_calls"
    case running
    case paused
    case closing
    case closed

    public var name: LocalizedText {
        switch self {
        case .requirement: LocalizedText(zh: "需求", en: "Requirement")
        case .kickoff: LocalizedText(zh: "启动", en: "Kickoff")
        case .planning: LocalizedText(zh: "策划", en: "Planning")
        case .testCalls: LocalizedText(zh: "拨测", en: "Test calls")
        case .running: LocalizedText(zh: "运行中", en: "Running")
        case .paused: LocalizedText(zh: "暂停", en: "Paused")
        case .closing: LocalizedText(zh: "结项中", en: "Closing")
        case .closed: LocalizedText(zh: "已结项", en: "Closed")
        }
    }

    /// The states a project may move to from this one.
    public var successors: [ProjectStatus] {
        switch self {
        case .requirement: [.kickoff, .closing]
        case .kickoff: [.planning, .closing]
        case .planning: [.testCalls, .closing]
        case .testCalls: [.running, .planning, .closing]
        case .running: [.paused, .closing]
        case .paused: [.running, .closing]
        case .closing: [.closed]
        case .closed: []
        }
    }

    /// Whether agents may still take leads, log into it, and its dialer place calls: not once it closes.
    public var handsOutLeads: Bool { self != .closing && self != .closed }

    /// Whether leads may be allocated to its teams and agents: not once it closes (closing gives them back).
    public var acceptsAllocation: Bool { handsOutLeads }

    /// Whether its calls are test calls (拨测), left out of every metric.
    public var makesTestCalls: Bool { self == .testCalls }

    /// The refusal of a take, a login or an allocation in a project that no longer hands out leads.
    public static let closedRefusal = DomainError(.ruleRefused, code: "project_closed",
                                                  zh: "项目已结项或正在结项，不再分派客户、不能签入或分配",
                                                  en: "The project is closing or closed: no more leads are handed out, allocated or logged into")

    public static func parse(_ raw: String) throws(DomainError) -> ProjectStatus {
        guard let status = ProjectStatus(rawValue: raw.trimmingWhitespace().lowercased()) else {
            let known = ProjectStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidField("status", zh: "未知项目状态“\(raw)”，可选：\(known)",
                                en: "unknown project status '\(raw)'; expected one of \(known)")
        }
        return status
    }
}

/// What a project has in place that its lifecycle guards look at.
public struct ProjectReadiness: Sendable, Equatable {
    /// A script (话术) is in force.
    public var hasScript: Bool
    /// A disposition set is configured.
    public var hasDispositions: Bool

    public init(hasScript: Bool, hasDispositions: Bool) {
        self.hasScript = hasScript
        self.hasDispositions = hasDispositions
    }
}

/// The lifecycle guard: may a project move from one status to another?
public enum ProjectLifecycle {
    /// Checks a status change, explaining a refusal.
    public static func check(
        from current: ProjectStatus, to next: ProjectStatus, readiness: ProjectReadiness
    ) throws(DomainError) {
        guard current != next else { return }
        guard current.successors.contains(next) else {
            let allowed = current.successors.map(\.rawValue).joined(separator: ", ")
            throw DomainError(
                .ruleRefused, code: "invalid_transition",
                zh: "项目不能从“\(current.name.zh)”变为“\(next.name.zh)”；可变为：\(allowed.isEmpty ? "无" : allowed)",
                en: "A project cannot move from \(current.rawValue) to \(next.rawValue); allowed: \(allowed.isEmpty ? "none" : allowed)")
        }
        if next == .running || next == .testCalls {
            guard readiness.hasScript else {
                throw DomainError(.ruleRefused, code: "script_missing",
                                  zh: "项目没有话术，不能拨测或运行", en: "The project has no script; it cannot make test calls or run")
            }
            guard readiness.hasDispositions else {
                throw DomainError(.ruleRefused, code: "dispositions_missing",
                                  zh: "项目没有结果代码（小结）设置，不能拨测或运行",
                                  en: "The project has no disposition set; it cannot make test calls or run")
            }
        }
    }
}
