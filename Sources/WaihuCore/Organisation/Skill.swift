/// What an agent (坐席) is trained for.
public enum Skill: String, Sendable, CaseIterable, Codable {
    /// 双技能 — inbound and outbound.
    case dual
    /// 外呼 — outbound only.
    case outbound
    /// 呼入 — inbound only.
    case inbound

    public var name: LocalizedText {
        switch self {
        case .dual: LocalizedText(zh: "双技能", en: "Dual")
        case .outbound: LocalizedText(zh: "外呼", en: "Outbound")
        case .inbound: LocalizedText(zh: "呼入", en: "Inbound")
        }
    }

    /// Parses a skill from its id or its Chinese name.
    public static func parse(_ raw: String) throws(DomainError) -> Skill {
        let value = raw.trimmingWhitespace()
        if let skill = Skill(rawValue: value.lowercased()) { return skill }
        if let skill = Skill.allCases.first(where: { $0.name.zh == value }) { return skill }
        throw .invalidField("skill", zh: "未知技能“\(raw)”，可选：dual、outbound、inbound",
                            en: "unknown skill '\(raw)'; expected dual, outbound or inbound")
    }
}

/// Whether a site is the organisation's own center or an outsourced calling company (外呼公司).
public enum SiteKind: String, Sendable, CaseIterable, Codable {
    case own
    case vendor

    public var name: LocalizedText {
        switch self {
        case .own: LocalizedText(zh: "自有职场", en: "Own center")
        case .vendor: LocalizedText(zh: "外呼公司", en: "Vendor")
        }
    }

    public static func parse(_ raw: String) throws(DomainError) -> SiteKind {
        guard let kind = SiteKind(rawValue: raw.trimmingWhitespace().lowercased()) else {
            throw .invalidField("kind", zh: "未知职场类型“\(raw)”，可选：own、vendor",
                                en: "unknown site kind '\(raw)'; expected own or vendor")
        }
        return kind
    }
}
