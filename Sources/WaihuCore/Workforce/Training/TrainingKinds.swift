/// Before the first live call or while in post (RULES WF-36).
public enum TrainingStage: String, Sendable, Codable, CaseIterable {
    case pre_job
    case on_job

    public var name: LocalizedText {
        switch self {
        case .pre_job: LocalizedText(zh: "岗前培训", en: "Pre-job")
        case .on_job: LocalizedText(zh: "在岗培训", en: "On-job")
        }
    }
}

/// The layers of vendor staff training (RULES WF-44): basic qualities, then product knowledge, then working skills.
public enum TrainingLevel: String, Sendable, Codable, CaseIterable {
    case basic
    case knowledge
    case skills

    public var name: LocalizedText {
        switch self {
        case .basic: LocalizedText(zh: "基本素质", en: "Basic qualities")
        case .knowledge: LocalizedText(zh: "专业知识", en: "Product knowledge")
        case .skills: LocalizedText(zh: "工作技能", en: "Working skills")
        }
    }
}

/// How a session is taught (RULES WF-38).
public enum TrainingFormat: String, Sendable, Codable, CaseIterable {
    case lecture
    case case_analysis
    case role_play
    case experience_sharing

    public var name: LocalizedText {
        switch self {
        case .lecture: LocalizedText(zh: "讲授", en: "Lecture")
        case .case_analysis: LocalizedText(zh: "案例分析", en: "Case analysis")
        case .role_play: LocalizedText(zh: "角色扮演", en: "Role play")
        case .experience_sharing: LocalizedText(zh: "经验分享", en: "Experience sharing")
        }
    }
}

extension TrainingStage {
    public static func parse(_ text: String) throws(DomainError) -> TrainingStage {
        try parseNamed(text, field: "stage", names: \.name, what: LocalizedText(zh: "培训阶段", en: "training stage"))
    }
}

extension TrainingLevel {
    public static func parse(_ text: String) throws(DomainError) -> TrainingLevel {
        try parseNamed(text, field: "level", names: \.name, what: LocalizedText(zh: "培训层级", en: "training level"))
    }
}

extension TrainingFormat {
    public static func parse(_ text: String) throws(DomainError) -> TrainingFormat {
        try parseNamed(text, field: "format", names: \.name, what: LocalizedText(zh: "培训形式", en: "training format"))
    }
}
