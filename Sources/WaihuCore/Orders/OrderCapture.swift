import Foundation

/// A product line of an order: quantity and unit price in cents (分).
public struct OrderItem: Sendable, Codable, Equatable {
    public var product: String
    public var quantity: Int
    public var unit_price_cents: Int

    public init(product: String, quantity: Int, unit_price_cents: Int) {
        self.product = product
        self.quantity = quantity
        self.unit_price_cents = unit_price_cents
    }
}

/// An order taken by the agent on a successful call (SPEC.md §3, §5): the products, the delivery name,
/// address and phone, and the mandatory confirmation (二次确认, seed 003 第二十三条) that the product name
/// and the fee were read to the customer.
public struct OrderCapture: Sendable, Codable, Equatable {
    public var items: [OrderItem]
    public var delivery_name: String
    public var delivery_address: String
    /// Normalised digits.
    public var delivery_phone: String

    /// Σ quantity × unit price.
    public var amountCents: Int { items.reduce(0) { $0 + $1.quantity * $1.unit_price_cents } }

    /// The order, or why it is refused; nothing is taken without the confirmation, nor on a call that
    /// did not end in a sale.
    public init(items: [OrderItem], name: String, address: String, phone: String, confirmed: Bool,
                category: DispositionCategory) throws(DomainError) {
        guard category == .success else {
            throw DomainError(.ruleRefused, code: "order_without_sale", zh: "只有结果为成功（在线成功）的通话才能下订单",
                              en: "An order can only be taken on a call that ended in a sale (success)")
        }
        guard confirmed else {
            throw DomainError(.ruleRefused, code: "order_not_confirmed",
                              zh: "下单前须向客户确认产品名称和资费（二次确认），并勾选确认",
                              en: "Before the order is taken, the product name and the fee must be confirmed with the customer (read back), and ticked")
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
        self.items = items.map { OrderItem(product: $0.product.trimmingWhitespace(), quantity: $0.quantity, unit_price_cents: $0.unit_price_cents) }
        delivery_name = name
        delivery_address = address
        delivery_phone = try PhoneParser.normalised(phone, field: "delivery_phone")
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
