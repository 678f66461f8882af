import Foundation
import Testing
@testable import WaihuCore

/// An order on the desk: only with a sale, only confirmed, its amount from its lines; its moves in order.
@Suite struct OrderCaptureTests {
    let lines = [OrderItem(product: "畅享套餐", quantity: 2, unit_price_cents: 19_900), OrderItem(product: "流量包", quantity: 1, unit_price_cents: 3_050)]

    func capture(confirmed: Bool = true, category: DispositionCategory = .success, address: String = "杭州市西湖区文三路 90 号",
                 phone: String = "138 0013 8000") throws(DomainError) -> OrderCapture {
        try OrderCapture(items: lines, name: "张先生", address: address, phone: phone, confirmed: confirmed, category: category)
    }

    @Test func aConfirmedOrderOnASaleAddsUpItsLines() throws {
        let order = try capture()
        // 2 × 199.00 + 1 × 30.50 = 428.50.
        #expect(order.amountCents == 42_850)
        #expect(order.delivery_phone == "13800138000")
    }

    @Test func anOrderWithoutConfirmationOrSaleOrDeliveryIsRefusedWithTheReason() {
        #expect(throws: DomainError(.ruleRefused, code: "order_not_confirmed", zh: "下单前须向客户确认产品名称和资费（二次确认），并勾选确认",
                                    en: "Before the order is taken, the product name and the fee must be confirmed with the customer (read back), and ticked")) {
            try capture(confirmed: false)
        }
        #expect { try capture(category: .completed) } throws: { ($0 as? DomainError)?.code == "order_without_sale" }
        #expect { try capture(address: "杭州") } throws: { ($0 as? DomainError)?.code == "invalid_field" }
        #expect { try capture(phone: "12345") } throws: { ($0 as? DomainError)?.code == "invalid_field" }
        #expect {
            try OrderCapture(items: [OrderItem(product: "x", quantity: 0, unit_price_cents: 1)], name: "a", address: "杭州市文三路 1 号",
                             phone: "13800138000", confirmed: true, category: .success)
        } throws: { ($0 as? DomainError)?.code == "invalid_field" }
    }

    @Test func anOrderMovesThroughVerificationShippingAndSigningOnly() throws {
        #expect(try OrderStatus.pending.move(to: .approved) == .approved)
        #expect(OrderStatus.approved.canMove(to: .shipped) && OrderStatus.shipped.canMove(to: .returned))
        #expect(!OrderStatus.pending.canMove(to: .signed) && !OrderStatus.rejected.canMove(to: .approved) && !OrderStatus.signed.canMove(to: .returned))
        #expect { try OrderStatus.pending.move(to: .shipped) } throws: { ($0 as? DomainError)?.code == "order_status_move" }
    }
}
