import Foundation

/// Where an order stands beyond its status: a re-confirmation asked for by the verifier and not yet done by
/// the floor supervisor (seed 002 第九: 「感觉订单不稳时，有必要再次和客户确认沟通」), and a sign dispute being
/// worked on (第十: 「当存在签收异议时，一定要第一时间和客户进行有效沟通」).
public struct OrderFollowUp: Sendable, Equatable {
    public var status: OrderStatus
    public var reconfirmationPending: Bool
    public var disputeOpen: Bool

    public init(status: OrderStatus, reconfirmationPending: Bool = false, disputeOpen: Bool = false) {
        self.status = status
        self.reconfirmationPending = reconfirmationPending
        self.disputeOpen = disputeOpen
    }

    /// The next status, refused out of order, an approval while a re-confirmation is pending, and shipping
    /// without a tracking number (RULES G-10, G-14); returns the tracking number trimmed when shipping.
    public func move(to next: OrderStatus, trackingNumber: String? = nil) throws(DomainError) -> (status: OrderStatus, tracking: String?) {
        let status = try status.move(to: next)
        if next == .approved && reconfirmationPending {
            throw DomainError(.ruleRefused, code: "reconfirmation_pending",
                              zh: "此订单已标记为“不稳，需再次确认”，须由现场主管与客户再次确认后才能核准",
                              en: "This order is flagged as shaky: the floor supervisor must confirm it with the customer again before it is approved")
        }
        guard next == .shipped else { return (status, nil) }
        let tracking = (trackingNumber ?? "").trimmingWhitespace()
        guard !tracking.isEmpty else { throw DomainError.missingField("tracking_number") }
        guard tracking.count <= 64 else {
            throw DomainError.invalidField("tracking_number", zh: "最多 64 个字符", en: "at most 64 characters")
        }
        return (status, tracking)
    }

    /// A verifier's flag that the order is shaky: only while it waits for verification, once at a time.
    public func flagForReconfirmation() throws(DomainError) {
        guard status == .pending, !reconfirmationPending else {
            throw DomainError(.ruleRefused, code: "reconfirm_not_open",
                              zh: reconfirmationPending ? "此订单已在等待再次确认" : "只有待审的订单可以标记为需再次确认",
                              en: reconfirmationPending ? "This order already waits for re-confirmation" : "Only an order waiting for verification can be flagged for re-confirmation")
        }
    }

    /// The supervisor's re-confirmation: only of a flagged order.
    public func reconfirm() throws(DomainError) {
        guard status == .pending, reconfirmationPending else {
            throw DomainError(.ruleRefused, code: "reconfirm_not_open", zh: "此订单没有等待再次确认",
                              en: "This order does not wait for re-confirmation")
        }
    }

    /// A sign dispute (签收异议): only on a shipped order, one open at a time; it ends when the order is signed
    /// (saved) or returned.
    public func openDispute() throws(DomainError) {
        guard status == .shipped, !disputeOpen else {
            throw DomainError(.ruleRefused, code: "dispute_not_open",
                              zh: disputeOpen ? "此订单的签收异议正在跟进" : "只有已发货的订单可以登记签收异议",
                              en: disputeOpen ? "A sign dispute on this order is already being followed up" : "Only a shipped order can have a sign dispute")
        }
    }
}

/// What the supervisor's re-confirmation call found.
public enum ReconfirmOutcome: String, Sendable, Codable, CaseIterable {
    /// The customer confirmed the order again: it goes on to verification.
    case confirmed
    /// The customer backed out: the order is rejected as regret (反悔).
    case backed_out

    public var name: LocalizedText {
        switch self {
        case .confirmed: LocalizedText(zh: "客户再次确认订购", en: "Customer confirmed again")
        case .backed_out: LocalizedText(zh: "客户反悔，订单拒绝", en: "Customer backed out: rejected")
        }
    }

    public static func parse(_ text: String?) throws(DomainError) -> ReconfirmOutcome {
        guard let outcome = text.flatMap({ ReconfirmOutcome(rawValue: $0.trimmingWhitespace()) }) else {
            throw DomainError.invalidField("outcome", zh: "结果须为 confirmed（再次确认）或 backed_out（反悔）",
                                           en: "the outcome is confirmed or backed_out")
        }
        return outcome
    }
}

/// How a sign dispute ended (RULES G-15).
public enum DisputeOutcome: String, Sendable, Codable, CaseIterable {
    /// Talked round: the customer signed.
    case saved
    case returned

    public var name: LocalizedText {
        switch self {
        case .saved: LocalizedText(zh: "已挽回签收", en: "saved, signed")
        case .returned: LocalizedText(zh: "拒收退回", en: "returned")
        }
    }
}
