import Testing
@testable import WaihuCore

/// The product list a manager writes, and the orders it lets through.
@Suite struct ProductListTests {
    @Test func aListReadsLineByLineAndNamesEveryBadLine() throws {
        let list = try ProductList.parse("畅享套餐 | 199\n\n流量包 | 30.5\n")
        #expect(list.products == [.init(name: "畅享套餐", unit_price_cents: 19_900), .init(name: "流量包", unit_price_cents: 3_050)])
        #expect(list.text == "畅享套餐 | 199\n流量包 | 30.5")
        #expect(try ProductList.parse(list.text) == list, "the form's text reads back the same")
        do {
            _ = try ProductList.parse("畅享套餐 | 199\n宽带\n畅享套餐 | 99\n流量包 | -1")
            Issue.record("a bad list was taken")
        } catch {
            #expect(error.message.zh.contains("第 2 行") && error.message.zh.contains("第 3 行") && error.message.zh.contains("重复")
                    && error.message.zh.contains("第 4 行"))
        }
        #expect(try ProductList.parse("  \n") == ProductList([]), "an empty list clears it")
    }

    @Test func anOrderNamesListedProductsAtTheirPrices() throws {
        let list = ProductList([.init(name: "畅享套餐", unit_price_cents: 19_900)])
        #expect(try list.priced([OrderItem(product: "畅享套餐", quantity: 2, unit_price_cents: 19_900)]).count == 1)
        #expect(throws: DomainError.self) { try list.priced([OrderItem(product: "宽带", quantity: 1, unit_price_cents: 100)]) }
        do {
            _ = try list.priced([OrderItem(product: "畅享套餐", quantity: 1, unit_price_cents: 9_900)])
            Issue.record("a wrong price was taken")
        } catch {
            #expect(error.code == "wrong_price" && error.message.zh == "“畅享套餐”的单价是 199.00 元，不是 99.00 元")
        }
        _ = try ProductList([]).priced([OrderItem(product: "任何东西", quantity: 1, unit_price_cents: 1)])
    }
}
