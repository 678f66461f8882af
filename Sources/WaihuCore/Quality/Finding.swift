import Foundation

/// What an inspector found wrong on a call, beside the score (issue 17, RULES A and B).
public enum FindingCategory: String, Sendable, Codable, CaseIterable {
    /// 服务态度差
    case attitude
    /// 讲粗口
    case profanity
    /// 服务忌语
    case forbiddenPhrase = "forbidden_phrase"
    /// 业务介绍错误或不到位
    case wrongInformation = "wrong_information"
    /// 未经客户明确同意
    case noConsent = "no_consent"
    /// 强制开通
    case forcedActivation = "forced_activation"
    /// 泄露客户资料
    case dataLeak = "data_leak"
    /// 损害企业形象
    case imageDamage = "image_damage"
    case other

    public var name: LocalizedText {
        switch self {
        case .attitude: LocalizedText(zh: "服务态度差", en: "Bad attitude")
        case .profanity: LocalizedText(zh: "讲粗口", en: "Profanity")
        case .forbiddenPhrase: LocalizedText(zh: "服务忌语", en: "Forbidden phrase")
        case .wrongInformation: LocalizedText(zh: "业务介绍错误", en: "Wrong information")
        case .noConsent: LocalizedText(zh: "未经客户同意", en: "No consent")
        case .forcedActivation: LocalizedText(zh: "强制开通", en: "Forced activation")
        case .dataLeak: LocalizedText(zh: "泄露客户资料", en: "Data leak")
        case .imageDamage: LocalizedText(zh: "损害企业形象", en: "Image damage")
        case .other: LocalizedText(zh: "其他", en: "Other")
        }
    }

    /// Bad attitude or profanity: a manager and the agent call the customer back to apologise (RULES QA-08).
    public var needsApology: Bool { self == .attitude || self == .profanity }
}

/// A finding as the inspector writes it: its category, a note, and for a leak how many customers' data (每户).
public struct Finding: Sendable, Codable, Equatable {
    public var category: FindingCategory
    public var note: String
    public var households: Int

    public init(category: FindingCategory, note: String = "", households: Int = 1) {
        self.category = category
        self.note = note
        self.households = households
    }

    enum CodingKeys: String, CodingKey { case category, note, households }

    /// The note and the households may be left out (no note, one household).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        category = try container.decode(FindingCategory.self, forKey: .category)
        note = try container.decodeIfPresent(String.self, forKey: .note) ?? ""
        households = try container.decodeIfPresent(Int.self, forKey: .households) ?? 1
    }

    /// Checks a review's findings: one per category, a leak names at least one household, notes kept short.
    public static func validated(_ findings: [Finding]) throws(DomainError) -> [Finding] {
        var seen: Set<FindingCategory> = []
        var result: [Finding] = []
        for var finding in findings {
            guard seen.insert(finding.category).inserted else {
                throw DomainError(.badInput, code: "finding_repeated", zh: "问题类别“\(finding.category.name.zh)”填写了两次",
                                  en: "The finding \(finding.category.name.en) is given twice")
            }
            guard (1 ... 10_000).contains(finding.households) else {
                throw DomainError.invalidField("households", zh: "涉及户数须在 1 到 10000 之间", en: "the households are between 1 and 10000")
            }
            finding.note = String(finding.note.trimmingWhitespace().prefix(1_000))
            result.append(finding)
        }
        return result
    }
}
