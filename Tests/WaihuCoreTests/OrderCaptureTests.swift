import Foundation
import Testing
@testable import WaihuCore

/// An order on the desk: only with a sale, only with every line of the read-back agreed and the customer's yes,
/// its amount from its lines; its moves in order.
@Suite struct OrderCaptureTests {
    let lines = [OrderItem(product: "畅享套餐", quantity: 2, unit_price_cents: 19_900), OrderItem(product: "流量包", quantity: 1, unit_price_cents: 3_050)]

    static let agreed = OrderConfirmation(payment_method: .cash_on_delivery, read_back: [.product, .charge, .payment, .delivery], customer_yes: true)

    func capture(confirmation: OrderConfirmation = agreed, items: [OrderItem]? = nil, category: DispositionCategory = .success,
                 address: String = "杭州市西湖区文三路 90 号", phone: String = "138 0013 8000") throws(DomainError) -> OrderCapture {
        try OrderCapture(items: items ?? lines, name: "张先生", address: address, phone: phone, confirmation: confirmation, category: category)
    }

    @Test func aConfirmedOrderOnASaleAddsUpItsLines() throws {
        let order = try capture()
        // 2 × 199.00 + 1 × 30.50 = 428.50.
        #expect(order.amountCents == 42_850)
        #expect(order.delivery_phone == "13800138000")
    }

    @Test func anOrderWithoutConfirmationOrSaleOrDeliveryIsRefusedWithTheReason() {
        var partial = Self.agreed
        partial.read_back = [.product, .delivery]
        #expect(throws: DomainError(.ruleRefused, code: "order_not_confirmed", zh: "下单前须向客户唱单并逐项确认，尚未确认：收费标准、交费方式",
                                    en: "Before the order is taken, read it back to the customer line by line; not yet confirmed: charge standard, payment method")) {
            try capture(confirmation: partial)
        }
        var noYes = Self.agreed
        noYes.customer_yes = false
        #expect { try capture(confirmation: noYes) } throws: { ($0 as? DomainError)?.code == "order_not_confirmed" }
        #expect { try capture(category: .completed) } throws: { ($0 as? DomainError)?.code == "order_without_sale" }
        #expect { try capture(address: "杭州") } throws: { ($0 as? DomainError)?.code == "invalid_field" }
        #expect { try capture(phone: "12345") } throws: { ($0 as? DomainError)?.code == "invalid_field" }
        #expect {
            try capture(items: [OrderItem(product: "x", quantity: 0, unit_price_cents: 1)])
        } throws: { ($0 as? DomainError)?.code == "invalid_field" }
    }

    /// A subscription (seed 000 四·六.7) must also have its activation time and how to cancel it read back.
    @Test func aSubscriptionNeedsItsActivationAndCancellationReadBack() throws {
        let list = try ProductList.parse("畅享套餐 | 199\n流量包 | 30.5 | 次月1日生效 | 发送 QXLL 到 10086")
        let priced = try list.priced(lines)
        #expect(priced[1].activation == "次月1日生效" && priced[1].cancellation == "发送 QXLL 到 10086" && !priced[0].isSubscription)
        #expect(OrderReadBack.required(for: priced) == [.product, .charge, .payment, .activation, .cancellation, .delivery])
        #expect { try capture(items: priced) } throws: { error in
            (error as? DomainError)?.message.zh == "下单前须向客户唱单并逐项确认，尚未确认：开通时间、取消方式"
        }
        var all = Self.agreed
        all.read_back = Set(ReadBackItem.allCases)
        #expect(try capture(confirmation: all, items: priced).items == priced)
        // A subscription line names both terms, or it is refused with its line number.
        #expect { try ProductList.parse("畅享套餐 | 199\n流量包 | 30 | 次月1日生效") } throws: { error in
            (error as? DomainError)?.message.zh.contains("第 2 行") == true
        }
        #expect(list.text == "畅享套餐 | 199\n流量包 | 30.5 | 次月1日生效 | 发送 QXLL 到 10086")
    }

    /// The read-back and the verifier's script say the same lines (seed 002 第九: 「沟通内容要吻合」).
    @Test func theVerifierReadsTheLinesTheAgentRead() throws {
        let items = [OrderItem(product: "畅享套餐", quantity: 2, unit_price_cents: 19_900),
                     OrderItem(product: "流量包", quantity: 1, unit_price_cents: 3_050, activation: "次月1日生效", cancellation: "发送 QXLL 到 10086")]
        let lines = OrderReadBack.lines(items: items, payment: .phone_bill, name: "张先生", address: "杭州市文三路 90 号", maskedPhone: "138****8000")
        #expect(lines.map(\.item) == [.product, .charge, .payment, .activation, .cancellation, .delivery])
        // 2 × 199.00 + 30.50 = 428.50.
        #expect(lines[1].text.zh == "收费标准：畅享套餐 每份 199.00 元，流量包 每份 30.50 元，合计 428.50 元")
        #expect(lines[2].text.zh == "交费方式：话费扣款")
        #expect(lines[4].text.zh == "取消方式：流量包 发送 QXLL 到 10086")
        let script = OrderReadBack.verifierScript(orderNumber: "W0000000001", orderedOn: "2026-11-25", items: items, payment: .phone_bill,
                                                  name: "张先生", address: "杭州市文三路 90 号", maskedPhone: "138****8000")
        #expect(script.count == lines.count + 2 && Array(script[1...lines.count]) == lines.map(\.text))
        #expect(script[0].zh.contains("W0000000001") && script[0].zh.contains("2026-11-25") && script.last == OrderReadBack.question)
    }

    @Test func anOrderMovesThroughVerificationShippingAndSigningOnly() throws {
        #expect(try OrderStatus.pending.move(to: .approved) == .approved)
        #expect(OrderStatus.approved.canMove(to: .shipped) && OrderStatus.shipped.canMove(to: .returned))
        #expect(!OrderStatus.pending.canMove(to: .signed) && !OrderStatus.rejected.canMove(to: .approved) && !OrderStatus.signed.canMove(to: .returned))
        #expect { try OrderStatus.pending.move(to: .shipped) } throws: { ($0 as? DomainError)?.code == "order_status_move" }
    }
}
