import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// An order captured with a sale on the desk, then verified, shipped and signed; calls of a project in
/// its test calls (拨测) flagged and counted nowhere.
@Suite struct OrderDeskTests {
    @Test func callsMadeWhileTheProjectIsInTestCallsAreFlaggedAndLeftOutOfTheMetrics() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
            let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first())
            project.status = .testCalls
            try await project.save(on: app.db)
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let taken = try await takeNext(app, agent)
            #expect(try await finish(app, agent, taken.attempt_id, ["disposition": "completed", "talk_seconds": 60]).status == .ok)
            #expect(try await CallAttemptModel.find(taken.attempt_id, on: app.db)?.testCall == true)
            let metrics = try await MetricsService.compute(.init(project: "DEMO-MKT", metrics: "calls_made,completed_accounts"),
                                                           scope: .organisation, at: deskMorning, on: app.db)
            #expect(metrics.rows.first?.value(.calls_made) == 0 && metrics.rows.first?.value(.completed_accounts) == 0)
        }
    }

    let order: [String: Any] = [
        "items": [["product": "畅享套餐", "quantity": 2, "unit_price": 199.0], ["product": "流量包", "quantity": 1, "unit_price": 30.5]],
        "delivery_name": "张先生", "delivery_address": "杭州市西湖区文三路 90 号", "delivery_phone": "13800138000",
    ]

    @Test func aSaleIsRecordedWithItsConfirmedOrderAndNothingHalfSavedWithout() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let taken = try await takeNext(app, agent)

            // Without the read-back agreed line by line, or without the customer's yes: refused, naming what is
            // missing; the attempt still open, no order.
            var unconfirmed = order.merging(agreedOrder) { a, _ in a }
            unconfirmed["read_back"] = ["product", "delivery"]
            let refused = try await finish(app, agent, taken.attempt_id, ["disposition": "success", "talk_seconds": 200, "order": unconfirmed])
            #expect(refused.status == .unprocessableEntity && errorCode(refused) == "order_not_confirmed")
            #expect(refused.body.string.contains("收费标准、交费方式"))
            unconfirmed["read_back"] = ["product", "charge", "payment", "delivery"]
            unconfirmed["customer_yes"] = false
            #expect(errorCode(try await finish(app, agent, taken.attempt_id, ["disposition": "success", "talk_seconds": 200, "order": unconfirmed]))
                    == "order_not_confirmed")
            #expect(try await AttemptQueries.open(taken.attempt_id!, on: app.db) != nil)
            #expect(try await OrderModel.query(on: app.db).count() == 0)
            // On a refusal it is refused too.
            let confirmed = order.merging(agreedOrder) { a, _ in a }
            #expect(errorCode(try await finish(app, agent, taken.attempt_id, ["disposition": "refused", "order": confirmed])) == "order_without_sale")

            let sold = try await finish(app, agent, taken.attempt_id, ["disposition": "success", "talk_seconds": 200, "order": confirmed])
            let result = try sold.content.decode(DeskService.Finished.self)
            let number = try #require(result.order_number)
            let stored = try #require(try await OrderModel.query(on: app.db).filter(\.$number == number).first())
            #expect(stored.amountCents == 42_850 && stored.status == "pending" && stored.confirmedAt == deskMorning)
            #expect(stored.deliveryPhone == "13800138000" && stored.attemptID == taken.attempt_id)

            // The manager sees it masked, approves, ships, has it signed; a move out of order is refused.
            let listed = try await app.testing().sendRequest(.GET, "/api/v1/orders", headers: jsonHeaders(manager))
            #expect(listed.body.string.contains("138****8000") && !listed.body.string.contains("13800138000"))
            func move(_ status: String, tracking: String? = nil) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/orders/\(number)/status", headers: jsonHeaders(manager),
                                                    body: json(["status": status, "tracking_number": tracking ?? ""]))
            }
            #expect(errorCode(try await move("signed")) == "order_status_move")
            #expect(try await move("approved").status == .ok)
            #expect(errorCode(try await move("shipped")) == "missing_field", "shipping needs its tracking number")
            #expect(try await move("shipped", tracking: "SF1234567890").status == .ok)
            #expect(try await move("signed").status == .ok)
            #expect(try await OrderModel.query(on: app.db).filter(\.$number == number).first()?.status == "signed")
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/orders/\(number)/status", headers: jsonHeaders(agent),
                                                        body: json(["status": "returned"])).status == .forbidden)

            // The day's figures count it: 428.50 sold, signed.
            let metrics = try await MetricsService.compute(.init(project: "DEMO-MKT", metrics: "orders,sales_amount,order_sign_rate"),
                                                           scope: .organisation, at: deskMorning, on: app.db)
            #expect(metrics.rows.first?.value(.orders) == 1 && metrics.rows.first?.value(.sales_amount) == 428.5)
            #expect(metrics.rows.first?.value(.order_sign_rate) == 1)
            var browser = try await signIn(app, "manager")
            #expect(try await browser.get("/orders").body.string.contains(number))
        }
    }
}
