import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Orders carry a short number to read out; verification rejects only with a reason, kept and shown; the
/// orders page filters and downloads what it shows.
@Suite struct OrderVerificationTests {
    @Test func theNumberIsShortStableAndReadable() throws {
        let attempt = try #require(UUID(uuidString: "00000000-0000-0000-0000-000000000000"))
        #expect(OrderNumber.make(for: attempt) == "W0000000000")
        // 0xFF… in the first 50 bits: every character the last of the alphabet.
        let ones = try #require(UUID(uuidString: "FFFFFFFF-FFFF-FFFF-0000-000000000000"))
        #expect(OrderNumber.make(for: ones) == "WZZZZZZZZZZ")
        // 0x08 = 00001 000… : the first character 1, then 0s.
        let eight = try #require(UUID(uuidString: "08000000-0000-0000-0000-000000000000"))
        #expect(OrderNumber.make(for: eight) == "W1000000000")
        let any = UUID()
        #expect(OrderNumber.make(for: any) == OrderNumber.make(for: any))
        #expect(OrderNumber.make(for: any).allSatisfy { "W0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
    }

    @Test func aRejectionNeedsItsReasonAndThePageFiltersAndExports() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            var numbers: [String] = []
            for _ in 0..<2 {
                let taken = try await takeNext(app, agent)
                let sold = try await finish(app, agent, taken.attempt_id, ["disposition": "success", "talk_seconds": 120, "order": [
                    "items": [["product": "畅享套餐", "quantity": 1, "unit_price": 199.0]], "delivery_name": "张先生",
                    "delivery_address": "杭州市西湖区文三路 90 号", "delivery_phone": "13800138000",
                ].merging(agreedOrder) { a, _ in a }])
                numbers.append(try #require(try sold.content.decode(DeskService.Finished.self).order_number))
            }
            #expect(numbers.allSatisfy { $0.count == 11 && $0.hasPrefix("W") } && numbers[0] != numbers[1])

            func move(_ number: String, _ body: [String: Any]) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/orders/\(number)/status", headers: jsonHeaders(manager), body: json(body))
            }
            let bare = try await move(numbers[0], ["status": "rejected"])
            #expect(bare.status == .badRequest && errorCode(bare) == "rejection_reason_missing")
            #expect(try await OrderModel.query(on: app.db).filter(\.$number == numbers[0]).first()?.status == "pending", "nothing changed")
            // `customer_denied`, the code before `regret` was told apart, is read as `denies_ordering`.
            #expect(try await move(numbers[0], ["status": "rejected", "reason": "customer_denied", "note": "客户说没有订过"]).status == .ok)
            let rejected = try #require(try await OrderModel.query(on: app.db).filter(\.$number == numbers[0]).first())
            #expect(rejected.status == "rejected" && rejected.rejectionReason == "denies_ordering" && rejected.rejectionNote == "客户说没有订过")
            #expect(try await move(numbers[1], ["status": "approved"]).status == .ok)

            // The page: filtered by status, the reason in words; found by part of the number.
            var page = try await signIn(app, "manager")
            let onlyRejected = try await page.get("/orders?status=rejected").body.string
            #expect(onlyRejected.contains(numbers[0]) && !onlyRejected.contains(numbers[1]))
            #expect(onlyRejected.contains("客户否认订购") && onlyRejected.contains("客户说没有订过"))
            let found = try await page.get("/orders?q=\(numbers[1].dropFirst().prefix(6))").body.string
            #expect(found.contains(numbers[1]) && !found.contains(numbers[0]))

            // The download holds what the page shows, with Chinese headers and local times.
            let csv = try await page.get("/orders/export?format=csv&status=approved").body.string
            let lines = csv.split(separator: "\n")
            #expect(lines.count == 2 && lines[0].contains("订单号") && lines[1].contains(numbers[1]) && lines[1].contains("2026-11-25 10:"))
            let xlsx = try await page.get("/orders/export")
            #expect(xlsx.status == .ok && xlsx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")

            // A step taken from a filtered list comes back to the same list.
            let approved = try await page.get("/orders?status=approved").body.string
            #expect(approved.contains("?back=status%3Dapproved"))
            let shipped = try await page.post("/orders/\(numbers[1])/status?back=status%3Dapproved",
                                              form: ["status": "shipped", "tracking_number": "SF100"], csrfFrom: approved)
            #expect(shipped.headers.first(name: .location) == "/orders?status=approved&notice=saved")
            #expect(try await OrderModel.query(on: app.db).filter(\.$number == numbers[1]).first()?.trackingNumber == "SF100")
        }
    }

    /// With a product list, the desk offers it and an order off the list or at another price is refused.
    @Test func aProjectsProductListBindsTheOrders() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 1])
            let set = try await app.testing().sendRequest(.PATCH, "/api/v1/projects/DEMO-MKT", headers: jsonHeaders(manager),
                                                          body: json(["products": [["name": "畅享套餐", "unit_price": 199]]]))
            #expect(set.status == .ok && set.body.string.contains("\"unit_price\":199"))
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let taken = try await takeNext(app, agent)
            let desk = try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(agent))
                .content.decode(DeskService.DeskStatus.self)
            #expect(desk.call?.products == [.init(name: "畅享套餐", unit_price_cents: 19_900)])
            func order(_ product: String, _ price: Double) -> [String: Any] {
                ["disposition": "success", "talk_seconds": 90, "order": [
                    "items": [["product": product, "quantity": 1, "unit_price": price]], "delivery_name": "张先生",
                    "delivery_address": "杭州市西湖区文三路 90 号", "delivery_phone": "13800138000"].merging(agreedOrder) { a, _ in a }]
            }
            #expect(errorCode(try await finish(app, agent, taken.attempt_id, order("宽带", 199))) == "unknown_product")
            #expect(errorCode(try await finish(app, agent, taken.attempt_id, order("畅享套餐", 99))) == "wrong_price")
            #expect(try await OrderModel.query(on: app.db).count() == 0, "nothing half saved")
            #expect(try await finish(app, agent, taken.attempt_id, order("畅享套餐", 199)).status == .ok)

            // The manager's form writes the list a line a product.
            var page = try await signIn(app, "manager")
            #expect(try await page.get("/projects/DEMO-MKT").body.string.contains("畅享套餐 | 199</textarea>"))
        }
    }
}
