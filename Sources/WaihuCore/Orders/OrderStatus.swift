/// Where an order (订单) stands (SPEC.md §5): taken, then verified (审单) as approved or rejected,
/// then shipped, then signed for or returned (签收/拒收); cancelled for the customer as the remedy of a valid
/// complaint (RULES B.2 CW-5), counted nowhere as approved or signed.
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    case pending, approved, rejected, shipped, signed, returned, cancelled

    /// An order a complaint's remedy may cancel: one still standing.
    public var isCancellable: Bool { [.pending, .approved, .shipped, .signed].contains(self) }

    /// Approved by verification, whatever happened after (核准).
    public var isApproved: Bool { [.approved, .shipped, .signed, .returned].contains(self) }

    /// Through verification, approved or rejected (已审).
    public var isVerified: Bool { isApproved || self == .rejected }

    public var name: LocalizedText {
        switch self {
        case .pending: LocalizedText(zh: "待审", en: "pending")
        case .approved: LocalizedText(zh: "已核准", en: "approved")
        case .rejected: LocalizedText(zh: "已拒绝", en: "rejected")
        case .shipped: LocalizedText(zh: "已发货", en: "shipped")
        case .signed: LocalizedText(zh: "已签收", en: "signed")
        case .returned: LocalizedText(zh: "拒收退回", en: "returned")
        case .cancelled: LocalizedText(zh: "投诉取消", en: "cancelled on complaint")
        }
    }

    public static func parse(_ text: String) throws(DomainError) -> OrderStatus {
        guard let status = OrderStatus(rawValue: text.trimmingWhitespace().lowercased()) else {
            throw DomainError.invalidField("status", zh: "订单状态须为 pending、approved、rejected、shipped、signed、returned、cancelled 之一，不是「\(text)」",
                                           en: "an order's status is one of pending, approved, rejected, shipped, signed, returned, cancelled, not \"\(text)\"")
        }
        return status
    }
}
