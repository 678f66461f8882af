/// A line of the order read back to the customer (唱单): each is read and agreed before the order is taken,
/// and the verifier reads the same lines again (RULES G-07, G-09, G-12, G-13).
public enum ReadBackItem: String, Sendable, Codable, CaseIterable, Comparable {
    /// The product names and quantities (产品名称).
    case product
    /// The charge standard: unit prices and the total (收费标准).
    case charge
    /// How the customer pays (交费方式).
    case payment
    /// A subscription's activation time (开通时间).
    case activation
    /// How to cancel a subscription (取消方式).
    case cancellation
    /// The recipient, the address and the phone the order goes to (收货信息).
    case delivery

    public var name: LocalizedText {
        switch self {
        case .product: LocalizedText(zh: "产品名称", en: "product")
        case .charge: LocalizedText(zh: "收费标准", en: "charge standard")
        case .payment: LocalizedText(zh: "交费方式", en: "payment method")
        case .activation: LocalizedText(zh: "开通时间", en: "activation time")
        case .cancellation: LocalizedText(zh: "取消方式", en: "how to cancel")
        case .delivery: LocalizedText(zh: "收货信息", en: "delivery")
        }
    }

    public static func < (lhs: ReadBackItem, rhs: ReadBackItem) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The read-back of an order (唱单) and the verifier's script (审单话术), written once from the order's facts so
/// that the verifier says exactly what the agent said (seed 002 第九: 「沟通内容要吻合」).
public enum OrderReadBack {
    public struct Line: Sendable, Codable, Equatable {
        public var item: ReadBackItem
        public var text: LocalizedText
    }

    /// What must be read back for these items: always the product, the charge, the payment and the delivery;
    /// the activation time and how to cancel when a line is a subscription.
    public static func required(for items: [OrderItem]) -> Set<ReadBackItem> {
        var required: Set<ReadBackItem> = [.product, .charge, .payment, .delivery]
        if items.contains(where: \.isSubscription) { required.formUnion([.activation, .cancellation]) }
        return required
    }

    /// The lines the agent reads, in order; the phone masked as the agent sees it.
    public static func lines(items: [OrderItem], payment: PaymentMethod?, name: String, address: String, maskedPhone: String) -> [Line] {
        let total = items.reduce(0) { $0 + $1.quantity * $1.unit_price_cents }
        var lines = [
            Line(item: .product, text: LocalizedText(
                zh: "您订购的是：" + items.map { "\($0.product) × \($0.quantity)" }.joined(separator: "，"),
                en: "You are ordering: " + items.map { "\($0.product) × \($0.quantity)" }.joined(separator: ", "))),
            Line(item: .charge, text: LocalizedText(
                zh: "收费标准：" + items.map { "\($0.product) 每份 \(ProductList.yuan($0.unit_price_cents)) 元" }.joined(separator: "，")
                    + "，合计 \(ProductList.yuan(total)) 元",
                en: "Charges: " + items.map { "\($0.product) \(ProductList.yuan($0.unit_price_cents)) each" }.joined(separator: ", ")
                    + ", \(ProductList.yuan(total)) in all")),
            Line(item: .payment, text: LocalizedText(zh: "交费方式：" + (payment?.name.zh ?? "（未选）"),
                                                     en: "Payment: " + (payment?.name.en ?? "(not chosen)"))),
        ]
        let subscriptions = items.filter(\.isSubscription)
        if !subscriptions.isEmpty {
            lines.append(Line(item: .activation, text: LocalizedText(
                zh: "开通时间：" + subscriptions.map { "\($0.product) \($0.activation ?? "")" }.joined(separator: "，"),
                en: "Activation: " + subscriptions.map { "\($0.product) \($0.activation ?? "")" }.joined(separator: ", "))))
            lines.append(Line(item: .cancellation, text: LocalizedText(
                zh: "取消方式：" + subscriptions.map { "\($0.product) \($0.cancellation ?? "")" }.joined(separator: "，"),
                en: "To cancel: " + subscriptions.map { "\($0.product) \($0.cancellation ?? "")" }.joined(separator: ", "))))
        }
        lines.append(Line(item: .delivery, text: LocalizedText(zh: "收货人 \(name)，地址 \(address)，电话 \(maskedPhone)",
                                                              en: "Deliver to \(name), \(address), phone \(maskedPhone)")))
        return lines
    }

    /// The question that asks for the customer's explicit yes.
    public static let question = LocalizedText(zh: "以上信息是否正确？请问您确认订购吗？", en: "Is all of this right? Do you confirm the order?")

    /// The verifier's call (审单回访): who calls and why, the same lines as the agent read, the same question.
    public static func verifierScript(orderNumber: String, orderedOn: String, items: [OrderItem], payment: PaymentMethod?,
                                      name: String, address: String, maskedPhone: String) -> [LocalizedText] {
        [LocalizedText(zh: "您好，请问是\(name)吗？我是订单审核专员，跟您核对一下您 \(orderedOn) 在电话里订购的订单（订单号 \(orderNumber)）。",
                       en: "Hello, is this \(name)? I am calling from order verification to check the order you placed by phone on \(orderedOn) (order \(orderNumber))."),
        ] + lines(items: items, payment: payment, name: name, address: address, maskedPhone: maskedPhone).map(\.text) + [question]
    }
}
