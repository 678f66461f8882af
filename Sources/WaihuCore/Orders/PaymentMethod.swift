/// How the customer pays for an order (交费方式, seed 003 第二十三条): read back to the customer before the order
/// is taken, and named again by the verifier.
public enum PaymentMethod: String, Sendable, Codable, CaseIterable {
    /// Paid to the courier on delivery (货到付款).
    case cash_on_delivery
    /// Paid online by a link sent to the customer (在线支付).
    case online
    /// Charged to the customer's phone bill (话费扣款), as subscriptions of a carrier are.
    case phone_bill
    /// Paid by bank transfer (银行转账).
    case bank_transfer

    public var name: LocalizedText {
        switch self {
        case .cash_on_delivery: LocalizedText(zh: "货到付款", en: "cash on delivery")
        case .online: LocalizedText(zh: "在线支付", en: "online payment")
        case .phone_bill: LocalizedText(zh: "话费扣款", en: "charged to the phone bill")
        case .bank_transfer: LocalizedText(zh: "银行转账", en: "bank transfer")
        }
    }

    public static func parse(_ text: String?) throws(DomainError) -> PaymentMethod {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { throw DomainError.missingField("payment_method") }
        guard let method = PaymentMethod(rawValue: text) ?? allCases.first(where: { $0.name.zh == text }) else {
            throw DomainError.invalidField("payment_method", zh: "交费方式须为 " + allCases.map(\.name.zh).joined(separator: "、") + " 之一",
                                           en: "the payment method is one of " + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return method
    }
}
