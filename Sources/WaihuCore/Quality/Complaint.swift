import Foundation

/// How a complaint reached the organisation (投诉渠道).
public enum ComplaintChannel: String, Sendable, Codable, CaseIterable {
    case call
    case letter
    case visit
    case media
    /// Escalated to a higher authority (越级投诉).
    case escalation

    public var name: LocalizedText {
        switch self {
        case .call: LocalizedText(zh: "电话", en: "Call")
        case .letter: LocalizedText(zh: "信函", en: "Letter")
        case .visit: LocalizedText(zh: "来访", en: "Visit")
        case .media: LocalizedText(zh: "媒体", en: "Media")
        case .escalation: LocalizedText(zh: "越级投诉", en: "Escalation")
        }
    }
}

/// What a complaint is about.
public enum ComplaintKind: String, Sendable, Codable, CaseIterable {
    /// 骚扰：called too often, at night, after refusing.
    case harassment
    /// 服务态度
    case attitude
    /// 误导销售：the product or fee misrepresented.
    case misleading
    case other

    public var name: LocalizedText {
        switch self {
        case .harassment: LocalizedText(zh: "骚扰", en: "Harassment")
        case .attitude: LocalizedText(zh: "服务态度", en: "Attitude")
        case .misleading: LocalizedText(zh: "误导销售", en: "Misleading sale")
        case .other: LocalizedText(zh: "其他", en: "Other")
        }
    }

    /// The do-not-call reason a valid complaint of this kind lists the number with: every valid
    /// complaint lists it (SPEC.md §6), harassment as harassment, the rest as a complaint.
    public var listingReason: DoNotCallReason {
        self == .harassment ? .harassment : .complaint
    }
}
