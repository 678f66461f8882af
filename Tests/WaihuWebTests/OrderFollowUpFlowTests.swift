import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// An order as the seeds run it (RULES G): read back on the desk with a subscription's terms, flagged as shaky by
/// the verifier and re-confirmed by the supervisor, shipped with a tracking number, disputed and saved; the agent
/// follows their own orders; the signed amount counts only what was signed.
@Suite struct OrderFollowUpFlowTests {
    func post(_ app: Application, _ token: String, _ path: String, _ body: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, path, headers: jsonHeaders(token), body: json(body))
    }

    @Test func anOrderIsReadBackReconfirmedShippedDisputedAndSaved() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
            let products: [[String: Any]] = [["name": "畅享套餐", "unit_price": 199],
                                             ["name": "流量包", "unit_price": 30, "activation": "次月1日生效", "cancellation": "发送 QXLL 到 10086"]]
            #expect(try await app.testing().sendRequest(.PATCH, "/api/v1/projects/DEMO-MKT", headers: jsonHeaders(manager),
                                                        body: json(["products": products])).status == .ok)
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let draft: [String: Any] = ["items": [["product": "畅享套餐", "quantity": 1, "unit_price": 199.0], ["product": "流量包", "quantity": 1, "unit_price": 30.0]],
                                        "delivery_name": "张先生", "delivery_address": "杭州市西湖区文三路 90 号", "delivery_phone": "13800138000",
                                        "payment_method": "cash_on_delivery"]

            // The read-back names the subscription's terms; the order needs them agreed.
            var numbers: [String] = []
            for _ in 0..<2 {
                let taken = try await takeNext(app, agent)
                let readBack = try await post(app, agent, "/api/v1/attempts/\(taken.attempt_id!)/read-back", draft)
                let lines = try readBack.content.decode(DeskService.ReadBack.self).lines
                #expect(lines.map(\.item) == ["product", "charge", "payment", "activation", "cancellation", "delivery"])
                #expect(lines[2].text == "交费方式：货到付款" && lines[4].text == "取消方式：流量包 发送 QXLL 到 10086")
                var order = draft.merging(["read_back": ["product", "charge", "payment", "delivery"], "customer_yes": true]) { a, _ in a }
                let refused = try await finish(app, agent, taken.attempt_id, ["disposition": "success", "talk_seconds": 200, "order": order])
                #expect(errorCode(refused) == "order_not_confirmed" && refused.body.string.contains("开通时间、取消方式"))
                order["read_back"] = lines.map(\.item)
                let sold = try await finish(app, agent, taken.attempt_id, ["disposition": "success", "talk_seconds": 200, "order": order])
                numbers.append(try #require(try sold.content.decode(DeskService.Finished.self).order_number))
            }
            let stored = try #require(try await OrderModel.query(on: app.db).filter(\.$number == numbers[0]).first())
            #expect(stored.paymentMethod == "cash_on_delivery" && stored.orderItems[1].cancellation == "发送 QXLL 到 10086")

            // The verifier's page shows the script in the agent's words, and flags the first order as shaky.
            var page = try await signIn(app, "manager")
            let orders = try await page.get("/orders").body.string
            #expect(orders.contains("审单话术") && orders.contains("取消方式：流量包 发送 QXLL 到 10086") && orders.contains("交费方式：货到付款"))
            #expect(errorCode(try await post(app, manager, "/api/v1/orders/\(numbers[0])/reconfirm-flag", ["note": ""])) == "missing_field")
            #expect(try await post(app, manager, "/api/v1/orders/\(numbers[0])/reconfirm-flag", ["note": "客户犹豫，录音里没说“是”"]).status == .ok)
            #expect(errorCode(try await post(app, manager, "/api/v1/orders/\(numbers[0])/status", ["status": "approved"])) == "reconfirmation_pending")

            // The supervisor re-confirms (but does not verify); confirmed, the order can be approved.
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            var supervisorPage = try await signIn(app, "supervisor")
            let supervisorHome = try await supervisorPage.get("/").body.string
            #expect(supervisorHome.contains("待跟进的订单") && supervisorHome.contains(numbers[0]) && supervisorHome.contains("待主管再次确认"),
                    "the supervisor's home names the re-confirmation owed")
            #expect(try await post(app, supervisor, "/api/v1/orders/\(numbers[0])/status", ["status": "approved"]).status == .forbidden)
            #expect(try await post(app, supervisor, "/api/v1/orders/\(numbers[0])/reconfirm", ["outcome": "confirmed", "note": "已回电，客户确认"]).status == .ok)
            #expect(try await post(app, manager, "/api/v1/orders/\(numbers[0])/status", ["status": "approved"]).status == .ok)
            #expect(errorCode(try await post(app, manager, "/api/v1/orders/\(numbers[0])/status", ["status": "shipped"])) == "missing_field")
            #expect(try await post(app, manager, "/api/v1/orders/\(numbers[0])/status", ["status": "shipped", "tracking_number": "SF1234567890"]).status == .ok)
            #expect(try await post(app, manager, "/api/v1/orders/\(numbers[0])/dispute", ["note": "客户说没订过流量包"]).status == .ok)

            // The second: flagged, the customer backs out on the supervisor's call: rejected as regret.
            #expect(try await post(app, manager, "/api/v1/orders/\(numbers[1])/reconfirm-flag", ["note": "语速太快"]).status == .ok)
            #expect(try await post(app, supervisor, "/api/v1/orders/\(numbers[1])/reconfirm", ["outcome": "backed_out"]).status == .ok)
            let backedOut = try #require(try await OrderModel.query(on: app.db).filter(\.$number == numbers[1]).first())
            #expect(backedOut.status == "rejected" && backedOut.rejectionReason == "regret")

            // The agent follows their own orders: the dispute first and marked, the tracking number; not everyone's.
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/orders", headers: jsonHeaders(agent)).status == .forbidden)
            let mine = try await app.testing().sendRequest(.GET, "/api/v1/orders/mine", headers: jsonHeaders(agent))
                .content.decode([OrdersController.OrderDTO].self)
            #expect(Set(mine.map(\.number)) == Set(numbers))
            let disputed = try #require(mine.first { $0.number == numbers[0] })
            #expect(disputed.tracking_number == "SF1234567890" && disputed.dispute_note == "客户说没订过流量包" && disputed.dispute_outcome == nil)
            var agentPage = try await signIn(app, "a1001")
            let minePage = try await agentPage.get("/orders/mine").body.string
            #expect(minePage.contains("签收异议跟进中") && minePage.contains("SF1234567890") && minePage.contains("客户反悔"))
            let agentHome = try await agentPage.get("/").body.string
            #expect(agentHome.contains(numbers[0]) && agentHome.contains("客户说没订过流量包") && agentHome.contains("/orders/mine"),
                    "the agent's home puts the dispute first in view")

            // Talked round: signed, the dispute saved.
            #expect(try await post(app, manager, "/api/v1/orders/\(numbers[0])/status", ["status": "signed"]).status == .ok)
            let signed = try #require(try await OrderModel.query(on: app.db).filter(\.$number == numbers[0]).first())
            #expect(signed.disputeOutcome == "saved" && signed.disputeClosedAt == deskMorning)

            // Sales count the order not rejected (229.00), the signed amount only the signed one (229.00 of it),
            // the approval rate 1 of 2 verified.
            let metrics = try await MetricsService.compute(.init(project: "DEMO-MKT", metrics: "sales_amount,signed_amount,order_approval_rate"),
                                                           scope: .organisation, at: deskMorning, on: app.db)
            #expect(metrics.rows.first?.value(.sales_amount) == 229 && metrics.rows.first?.value(.signed_amount) == 229)
            #expect(metrics.rows.first?.value(.order_approval_rate) == 0.5)
            let actions = try await AuditEntryModel.query(on: app.db).filter(\.$targetID == numbers[0]).all().map(\.action)
            #expect(actions.contains("order.reconfirm_flag") && actions.contains("order.reconfirm") && actions.contains("order.dispute"))
        }
    }
}
