import Foundation

/// A product line of an order: quantity and unit price in cents (分); a subscription's activation time and
/// how to cancel it, from the project's product list.
public struct OrderItem: Sendable, Codable, Equatable {
    public var product: String
    public var quantity: Int
    public var unit_price_cents: Int
    public var activation: String?
    public var cancellation: String?

    public init(product: String, quantity: Int, unit_price_cents: Int, activation: String? = nil, cancellation: String? = nil) {
        self.product = product
        self.quantity = quantity
        self.unit_price_cents = unit_price_cents
        self.activation = activation
        self.cancellation = cancellation
    }

    public var isSubscription: Bool { activation != nil || cancellation != nil }
}

/// What the agent confirmed with the customer before taking the order (唱单 and 二次确认, seed 003 第二十三条,
/// seed 002 第九): how the customer pays, which lines of the read-back were read and agreed, and the
/// customer's explicit yes.
public struct OrderConfirmation: Sendable, Codable, Equatable {
    public var payment_method: PaymentMethod
    public var read_back: Set<ReadBackItem>
    public var customer_yes: Bool

    public init(payment_method: PaymentMethod, read_back: Set<ReadBackItem>, customer_yes: Bool) {
        self.payment_method = payment_method
        self.read_back = read_back
        self.customer_yes = customer_yes
    }
}

/// An order taken by the agent on a successful call (SPEC.md §3, §5): the products, the delivery name,
/// address and phone, how it is paid, and the confirmation: every line of the read-back (product, charge
/// standard, payment method, delivery, and for a subscription its activation time and how to cancel it)
/// read and agreed, and the customer's explicit yes (RULES G-07, G-12, G-13).
public struct OrderCapture: Sendable, Codable, Equatable {
    public var items: [OrderItem]
    public var delivery_name: String
    public var delivery_address: String
    /// Normalised digits.
    public var delivery_phone: String
    public var confirmation: OrderConfirmation

    /// Σ quantity × unit price.
    public var amountCents: Int { items.reduce(0) { $0 + $1.quantity * $1.unit_price_cents } }

    /// The order, or why it is refused; nothing is taken without the whole confirmation, nor on a call that
    /// did not end in a sale. `items` come priced from the project's list (`ProductList.priced`).
    public init(items: [OrderItem], name: String, address: String, phone: String, confirmation: OrderConfirmation,
                category: DispositionCategory) throws(DomainError) {
        guard category == .success else {
            throw DomainError(.ruleRefused, code: "order_without_sale", zh: "只有结果为成功（在线成功）的通话才能下订单",
                              en: "An order can only be taken on a call that ended in a sale (success)")
        }
        guard !items.isEmpty else { throw DomainError.missingField("items") }
        for item in items {
            guard !item.product.trimmingWhitespace().isEmpty else { throw DomainError.missingField("items.product") }
            guard (1 ... 999).contains(item.quantity) else {
                throw DomainError.invalidField("items.quantity", zh: "数量须为 1–999", en: "a quantity is 1–999")
            }
            guard (0 ... 100_000_000).contains(item.unit_price_cents) else {
                throw DomainError.invalidField("items.unit_price", zh: "单价须为 0–1,000,000 元", en: "a unit price is 0–1,000,000")
            }
        }
        let name = name.trimmingWhitespace(), address = address.trimmingWhitespace()
        guard !name.isEmpty else { throw DomainError.missingField("delivery_name") }
        guard address.count >= 5 else {
            throw DomainError.invalidField("delivery_address", zh: "收货地址太短，请写到门牌号", en: "the delivery address is too short: give it down to the door")
        }
        self.items = items.map { item in
            var trimmed = item
            trimmed.product = item.product.trimmingWhitespace()
            return trimmed
        }
        delivery_name = name
        delivery_address = address
        delivery_phone = try PhoneParser.normalised(phone, field: "delivery_phone")
        self.confirmation = confirmation
        let missing = ReadBackItem.allCases.filter { OrderReadBack.required(for: self.items).contains($0) && !confirmation.read_back.contains($0) }
        guard missing.isEmpty else {
            throw DomainError(.ruleRefused, code: "order_not_confirmed",
                              zh: "下单前须向客户唱单并逐项确认，尚未确认：" + missing.map(\.name.zh).joined(separator: "、"),
                              en: "Before the order is taken, read it back to the customer line by line; not yet confirmed: "
                                  + missing.map(\.name.en).joined(separator: ", "))
        }
        guard confirmation.customer_yes else {
            throw DomainError(.ruleRefused, code: "order_not_confirmed", zh: "客户须明确回答“同意订购”后才能下单，请勾选客户已明确同意",
                              en: "The customer must say an explicit yes before the order is taken: tick that they did")
        }
    }
}

extension OrderStatus {
    /// The moves of verification and delivery (审单、发货、签收): pending → approved or rejected;
    /// approved → shipped; shipped → signed or returned.
    public func canMove(to next: OrderStatus) -> Bool {
        switch (self, next) {
        case (.pending, .approved), (.pending, .rejected), (.approved, .shipped), (.shipped, .signed), (.shipped, .returned): true
        default: false
        }
    }

    public func move(to next: OrderStatus) throws(DomainError) -> OrderStatus {
        guard canMove(to: next) else {
            throw DomainError(.ruleRefused, code: "order_status_move",
                              zh: "订单不能从“\(name.zh)”改为“\(next.name.zh)”：依次为待审 → 核准/拒绝 → 发货 → 签收/拒收",
                              en: "An order cannot go from \(name.en) to \(next.name.en): pending → approved or rejected → shipped → signed or returned")
        }
        return next
    }
}
