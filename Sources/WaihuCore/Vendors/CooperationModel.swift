import Foundation

/// How a vendor (外呼公司) works with the client (RULES D.1): a general agent runs a whole business category and may
/// take sub-vendors; an exclusive agent works only for the client; a specialised agent takes special work.
public enum CooperationModel: String, Sendable, Codable, CaseIterable {
    /// 总代理 (D-01, D-02).
    case general
    /// 专营代理 (D-03, D-04).
    case exclusive
    /// 专业代理 (D-05, D-06).
    case specialised

    public var name: LocalizedText {
        switch self {
        case .general: LocalizedText(zh: "总代理", en: "General agent")
        case .exclusive: LocalizedText(zh: "专营代理", en: "Exclusive agent")
        case .specialised: LocalizedText(zh: "专业代理", en: "Specialised agent")
        }
    }

    /// How long a qualification lasts (D-07): 3, 2 and 1 years.
    public var qualificationYears: Int {
        switch self {
        case .general: 3
        case .exclusive: 2
        case .specialised: 1
        }
    }

    /// Years of outbound work for telecom companies the model asks for (D-12, D-15, D-17: the seed's order, kept).
    public var requiredExperienceYears: Int {
        switch self {
        case .general: 3
        case .exclusive: 1
        case .specialised: 2
        }
    }

    public static func parse(_ raw: String) throws(DomainError) -> CooperationModel {
        guard let model = CooperationModel(rawValue: raw.trimmingWhitespace().lowercased()) else {
            throw DomainError.invalidField("model", zh: "合作模式须为 general（总代理）、exclusive（专营代理）或 specialised（专业代理）",
                                           en: "the model is general, exclusive or specialised")
        }
        return model
    }
}

/// The business categories a vendor may be qualified for (D-01, D-05).
public enum BusinessCategory: String, Sendable, Codable, CaseIterable {
    /// 营销类
    case marketing
    /// 服务类
    case service
    /// 调研类
    case survey
    /// 商业策反等特殊业务
    case winback

    public var name: LocalizedText {
        switch self {
        case .marketing: LocalizedText(zh: "营销类", en: "Marketing")
        case .service: LocalizedText(zh: "服务类", en: "Service")
        case .survey: LocalizedText(zh: "调研类", en: "Survey")
        case .winback: LocalizedText(zh: "策反挽留类", en: "Win-back and retention")
        }
    }

    /// The category a project's type belongs to: what a vendor must be qualified for to be given it.
    public static func of(_ type: ProjectType) -> BusinessCategory {
        switch type {
        case .marketing, .meetingInvitation: .marketing
        case .retention: .winback
        case .satisfactionSurvey, .questionnaire: .survey
        case .returnVisit, .dataVerification, .vipCare: .service
        }
    }

    /// Is a unit billed by the success count of a sale (marketing, win-back) or by completed calls (E-02, E-05)?
    public var paidPerSale: Bool { self == .marketing || self == .winback }

    public static func parseList(_ raw: String) throws(DomainError) -> [BusinessCategory] {
        var categories: [BusinessCategory] = []
        for part in raw.split(separator: ",").map({ String($0).trimmingWhitespace().lowercased() }) where !part.isEmpty {
            guard let category = BusinessCategory(rawValue: part) else {
                throw DomainError.invalidField("categories", zh: "业务类别“\(part)”未知，可选 marketing、service、survey、winback",
                                               en: "unknown business category '\(part)'; expected marketing, service, survey or winback")
            }
            if !categories.contains(category) { categories.append(category) }
        }
        guard !categories.isEmpty else {
            throw DomainError.invalidField("categories", zh: "请至少选择一个业务类别", en: "choose at least one business category")
        }
        return categories
    }
}
