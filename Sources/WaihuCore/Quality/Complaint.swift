import Foundation

/// How a complaint reached the organisation (投诉渠道).
public enum ComplaintChannel: String, Sendable, Codable, CaseIterable {
    case call
    case letter
    case visit
    case media
    /// Escalated to a higher authority (越级投诉).
    case escalation
    /// The telecom users' complaint hotline of the ministry (12321 网络不良与垃圾信息举报受理中心).
    case hotline12321 = "12321"

    public var name: LocalizedText {
        switch self {
        case .call: LocalizedText(zh: "电话", en: "Call")
        case .letter: LocalizedText(zh: "信函", en: "Letter")
        case .visit: LocalizedText(zh: "来访", en: "Visit")
        case .media: LocalizedText(zh: "媒体", en: "Media")
        case .escalation: LocalizedText(zh: "越级投诉", en: "Escalation")
        case .hotline12321: LocalizedText(zh: "12321 举报", en: "12321 hotline")
        }
    }
}

/// What a complaint is about: its cause (RULES CP-09).
public enum ComplaintKind: String, Sendable, Codable, CaseIterable {
    /// 骚扰：called too often, at night, after refusing.
    case harassment
    /// 服务态度
    case attitude
    /// 误导销售：the product or fee misrepresented.
    case misleading
    /// 业务介绍不到位或错误
    case wrongInformation = "wrong_information"
    /// 操作错误
    case operationError = "operation_error"
    /// 未经同意开通
    case noConsent = "no_consent"
    /// 泄露客户资料
    case dataLeak = "data_leak"
    case other

    public var name: LocalizedText {
        switch self {
        case .harassment: LocalizedText(zh: "骚扰", en: "Harassment")
        case .attitude: LocalizedText(zh: "服务态度", en: "Attitude")
        case .misleading: LocalizedText(zh: "误导销售", en: "Misleading sale")
        case .wrongInformation: LocalizedText(zh: "业务介绍错误", en: "Wrong information")
        case .operationError: LocalizedText(zh: "操作错误", en: "Operation error")
        case .noConsent: LocalizedText(zh: "未经同意开通", en: "Activated without consent")
        case .dataLeak: LocalizedText(zh: "泄露客户资料", en: "Data leak")
        case .other: LocalizedText(zh: "其他", en: "Other")
        }
    }

    /// The do-not-call reason a valid complaint of this kind lists the number with: every valid
    /// complaint lists it (SPEC.md §6), harassment as harassment, the rest as a complaint.
    public var listingReason: DoNotCallReason {
        self == .harassment ? .harassment : .complaint
    }
}

/// A complaint or a customer's suggestion (客户建议, RULES CP-05): both are followed to a reply.
public enum ComplaintType: String, Sendable, Codable, CaseIterable {
    case complaint
    case suggestion

    public var name: LocalizedText {
        switch self {
        case .complaint: LocalizedText(zh: "投诉", en: "Complaint")
        case .suggestion: LocalizedText(zh: "建议", en: "Suggestion")
        }
    }
}
