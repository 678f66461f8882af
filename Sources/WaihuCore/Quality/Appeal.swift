import Foundation

/// An agent's appeal (申诉) of a review: their own, within the window (3 days by default — our choice), once; decided
/// by an inspector who did not make the review (our choice).
public enum Appeal {
    public static let defaultWindowDays = 3

    public static func checkOpen(reviewedAt: Date, appealedAt: Date?, ownCall: Bool, at now: Date,
                                 windowDays: Int = defaultWindowDays) throws(DomainError) {
        guard ownCall else {
            throw DomainError(.forbidden, code: "not_your_review", zh: "只能对自己通话的质检结果申诉", en: "Only a review of one's own call can be appealed")
        }
        guard appealedAt == nil else {
            throw DomainError(.conflict, code: "already_appealed", zh: "这条质检结果已经申诉过", en: "This review has already been appealed")
        }
        guard now.timeIntervalSince(reviewedAt) <= Double(windowDays) * 86_400 else {
            throw DomainError(.ruleRefused, code: "appeal_too_late", zh: "申诉须在质检后 \(windowDays) 天内提出，已超过期限",
                              en: "An appeal is made within \(windowDays) days of the review; that time is past")
        }
    }

    public static func checkDecision(inspector: String, decider: String, appealedAt: Date?, decidedAt: Date?) throws(DomainError) {
        guard appealedAt != nil, decidedAt == nil else {
            throw DomainError(.conflict, code: "no_open_appeal", zh: "这条质检结果没有待处理的申诉", en: "This review has no appeal waiting")
        }
        guard inspector != decider else {
            throw DomainError(.ruleRefused, code: "own_review_appeal", zh: "申诉须由另一名质检员处理，不能处理自己的质检结果",
                              en: "An appeal is decided by another inspector, not the one who made the review")
        }
    }
}

/// How an appeal ended: the review stands, or it is scored again.
public enum AppealOutcome: String, Sendable, Codable, CaseIterable {
    case upheld
    case revised

    public var name: LocalizedText {
        switch self {
        case .upheld: LocalizedText(zh: "维持原评分", en: "review upheld")
        case .revised: LocalizedText(zh: "改判重新评分", en: "review revised")
        }
    }
}
