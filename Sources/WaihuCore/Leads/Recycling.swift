import Foundation

/// How long allocated leads may stay with a team or an agent before they return to the
/// project's pool (数据回收): at most 10 months after allocation (seed 003 数据管理 4).
public struct RecyclingPeriod: Sendable, Equatable {
    public static let maximumMonths = 10
    public static let `default` = RecyclingPeriod(uncheckedMonths: maximumMonths)

    public let months: Int

    init(uncheckedMonths months: Int) { self.months = months }

    /// 1 to 10 months; a longer period would break the seed's rule.
    public init(months: Int) throws(DomainError) {
        guard (1...Self.maximumMonths).contains(months) else {
            throw DomainError.invalidField(
                "recycle_months", zh: "回收期须为 1–10 个月（分配到坐席的数据最多 10 个月内回收）",
                en: "the recycling period must be 1–10 months (allocated data is taken back within 10 months at most)")
        }
        self.months = months
    }

    /// Leads allocated at or before this instant are due to return at `now`: the same wall-clock
    /// time `months` calendar months earlier, in the project's time zone (a 31st falls back to
    /// the month's last day).
    public func cutoff(at now: Date, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .month, value: -months, to: now) ?? now
    }
}

/// Why allocated leads went back to the pool.
public enum RecycleCause: String, Sendable, CaseIterable, Codable {
    /// The recycling period after allocation has passed.
    case periodElapsed = "period_elapsed"
    /// The agent holding them has left (left_on reached).
    case agentLeft = "agent_left"
    /// A supervisor or manager took them back.
    case onDemand = "on_demand"

    public var name: LocalizedText {
        switch self {
        case .periodElapsed: LocalizedText(zh: "超过回收期", en: "recycling period elapsed")
        case .agentLeft: LocalizedText(zh: "坐席已离职", en: "agent has left")
        case .onDemand: LocalizedText(zh: "手动回收", en: "taken back on demand")
        }
    }
}

/// The status of a lead in its project's data flow.
public enum LeadStatus: String, Sendable, CaseIterable, Codable {
    /// In the project's pool, allocated to no one.
    case pool
    /// Held by a team or an agent.
    case allocated
    /// Held by an agent and taken for a call right now (an attempt in progress).
    case reserved
    /// Worked to an end; never handed out again.
    case finished
    /// Refused at import; kept for the account size and the rejects file.
    case rejected

    public var name: LocalizedText {
        switch self {
        case .pool: LocalizedText(zh: "数据池", en: "pool")
        case .allocated: LocalizedText(zh: "已分配", en: "allocated")
        case .reserved: LocalizedText(zh: "外呼中", en: "being called")
        case .finished: LocalizedText(zh: "已完成", en: "finished")
        case .rejected: LocalizedText(zh: "导入拒绝", en: "rejected at import")
        }
    }
}
