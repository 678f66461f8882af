/// The roles of SPEC.md: who a user is to Waihu.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// 系统管理员 — users, sites, vendors, system policy.
    case admin
    /// 项目经理 — projects, customer data, targets, every report.
    case manager
    /// 现场主管/班长 — allocates data, watches the wallboard, coaches; scoped to their teams.
    case supervisor
    /// 质检员 — samples and scores calls, registers complaints.
    case qa
    /// 坐席 — works leads; scoped to their own work.
    case agent
    /// 外呼公司管理员 — sees only their own site.
    case vendor
    /// 审计 — read-only, including the audit log.
    case auditor

    public var name: LocalizedText {
        switch self {
        case .admin: LocalizedText(zh: "系统管理员", en: "Administrator")
        case .manager: LocalizedText(zh: "项目经理", en: "Project manager")
        case .supervisor: LocalizedText(zh: "现场主管", en: "Supervisor")
        case .qa: LocalizedText(zh: "质检员", en: "Quality inspector")
        case .agent: LocalizedText(zh: "坐席", en: "Agent")
        case .vendor: LocalizedText(zh: "外呼公司", en: "Vendor")
        case .auditor: LocalizedText(zh: "审计员", en: "Auditor")
        }
    }

    /// Parses a role id, refusing unknown ones with a reason.
    public static func parse(_ raw: String) throws(DomainError) -> Role {
        guard let role = Role(rawValue: raw.trimmingWhitespace().lowercased()) else {
            let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidField("role", zh: "未知角色“\(raw)”，可选：\(known)",
                                en: "unknown role '\(raw)'; expected one of \(known)")
        }
        return role
    }
}
