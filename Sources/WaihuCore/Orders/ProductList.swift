/// A project's products with their prices (产品价目表): the agent picks from it on the desk instead of typing
/// names and prices, and an order naming another product or another price is refused. A project without a
/// list takes what the agent types. A subscription (订购业务) carries its activation time and how to cancel
/// it, which the agent must read to the customer (seed 000 四·六.7; RULES G-13).
public struct ProductList: Sendable, Codable, Equatable {
    public struct Product: Sendable, Codable, Equatable {
        public var name: String
        public var unit_price_cents: Int
        /// A subscription's activation time (开通时间, e.g. “次月1日生效”); nil for a product sold once.
        public var activation: String?
        /// How the customer cancels the subscription (取消方式, e.g. “发送 QX 到 10086”).
        public var cancellation: String?

        public init(name: String, unit_price_cents: Int, activation: String? = nil, cancellation: String? = nil) {
            self.name = name
            self.unit_price_cents = unit_price_cents
            self.activation = activation
            self.cancellation = cancellation
        }
    }

    public var products: [Product]

    public init(_ products: [Product]) { self.products = products }

    public static let maxProducts = 200

    /// The list as a manager writes it, one product a line, `name | price` (`畅享套餐 | 199`), a subscription
    /// with its activation time and how to cancel it (`流量包 | 30 | 次月1日生效 | 发送 QXLL 到 10086`); blank
    /// lines skipped; every bad line named with its number.
    public static func parse(_ text: String) throws(DomainError) -> ProductList {
        var products: [Product] = []
        var problems: [LocalizedText] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingWhitespace()
            guard !line.isEmpty else { continue }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
            guard parts.count == 2 || (parts.count == 4 && !parts[2].isEmpty && !parts[3].isEmpty), !parts[0].isEmpty,
                  let price = Double(parts[1]), price.isFinite, (0 ... 1_000_000).contains(price) else {
                problems.append(LocalizedText(zh: "第 \(index + 1) 行须为“名称 | 单价”，订购业务为“名称 | 单价 | 开通时间 | 取消方式”，单价 0–1,000,000 元",
                                              en: "line \(index + 1) must be “name | price”, a subscription “name | price | activation | how to cancel”, a price of 0–1,000,000"))
                continue
            }
            if products.contains(where: { $0.name == parts[0] }) {
                problems.append(LocalizedText(zh: "第 \(index + 1) 行：产品“\(parts[0])”重复", en: "line \(index + 1): “\(parts[0])” appears twice"))
                continue
            }
            products.append(Product(name: parts[0], unit_price_cents: Int((price * 100).rounded()),
                                    activation: parts.count == 4 ? parts[2] : nil, cancellation: parts.count == 4 ? parts[3] : nil))
        }
        if products.count > maxProducts {
            problems.append(LocalizedText(zh: "最多 \(maxProducts) 个产品", en: "at most \(maxProducts) products"))
        }
        guard problems.isEmpty else {
            throw DomainError.invalidField("products", zh: problems.map(\.zh).joined(separator: "；"), en: problems.map(\.en).joined(separator: "; "))
        }
        return ProductList(products)
    }

    /// The list as the manager's form shows it.
    public var text: String {
        products.map { product in
            let yuan = Double(product.unit_price_cents) / 100
            let terms = product.activation.map { " | \($0) | \(product.cancellation ?? "")" } ?? ""
            return "\(product.name) | " + (product.unit_price_cents % 100 == 0 ? String(product.unit_price_cents / 100) : String(yuan)) + terms
        }.joined(separator: "\n")
    }

    /// The items, each naming a product of the list at its price, with a subscription's terms attached; an
    /// empty list takes anything as it is.
    public func priced(_ items: [OrderItem]) throws(DomainError) -> [OrderItem] {
        guard !products.isEmpty else { return items }
        return try items.map { item throws(DomainError) in
            guard let product = products.first(where: { $0.name == item.product }) else {
                throw DomainError(.ruleRefused, code: "unknown_product", zh: "“\(item.product)”不在本项目的产品价目表中，请从列表选择",
                                  en: "“\(item.product)” is not on the project's product list: pick from it")
            }
            guard product.unit_price_cents == item.unit_price_cents else {
                throw DomainError(.ruleRefused, code: "wrong_price",
                                  zh: "“\(product.name)”的单价是 \(Self.yuan(product.unit_price_cents)) 元，不是 \(Self.yuan(item.unit_price_cents)) 元",
                                  en: "“\(product.name)” costs \(Self.yuan(product.unit_price_cents)), not \(Self.yuan(item.unit_price_cents))")
            }
            var priced = item
            priced.activation = product.activation
            priced.cancellation = product.cancellation
            return priced
        }
    }

    public static func yuan(_ cents: Int) -> String {
        let whole = cents / 100, rest = cents % 100
        return "\(whole)." + (rest < 10 ? "0" : "") + "\(rest)"
    }
}
