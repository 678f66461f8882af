import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// A complaint about a sold call followed from registration to the reply: steps out of order refused with their
/// reason, the valid judgement listing the number and booking its penalties, the remedy cancelling the order (which
/// then counts as neither approved nor signed), deadlines and overdue flags, the deadlines setting, the pages.
@Suite struct ComplaintWorkflowAPITests {
    func post(_ app: Application, _ token: String, _ path: String, _ body: [String: Any] = [:]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, path, headers: jsonHeaders(token), body: json(body))
    }

    @Test func aComplaintIsFollowedToTheReplyAndItsOrderCancelled() async throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            try await DemoCalling.seed(at: clock.now, on: app.db)
            try await DemoHistory.seed(app, at: clock.now)
            let admin = try await login(app, "admin", adminPassword)
            let call = try #require(try await CallAttemptModel.query(on: app.db).filter(\.$talkSeconds > 30).filter(\.$agentID != nil).first())
            let orders = "order_id,attempt_id,amount,status\nW-1,\(try call.requireID()),199.00,signed\n"
            _ = try await app.testing().sendRequest(.POST, "/api/v1/records/orders", headers: ["Authorization": "Bearer \(admin)", "Content-Type": "text/csv"],
                                                    body: ByteBuffer(string: orders))
            let order = try #require(try await OrderModel.query(on: app.db).filter(\.$number == "W-1").first())
            let lead = try #require(try await LeadModel.find(try #require(call.leadID), on: app.db))

            let qa = try await login(app, "qa", DemoOrganisation.password)
            let registered = try await post(app, qa, "/api/v1/complaints", ["phone": lead.phone ?? "", "channel": "12321", "kind": "no_consent",
                                                                            "attempt_id": try call.requireID().uuidString, "note": "未经同意开通"])
            #expect(registered.status == .created)
            var view = try registered.content.decode(ComplaintReads.View.self)
            let id = try #require(view.id)
            #expect(view.stage == "registered" && view.open_steps == ["classified", "judged"] && view.channel_name == "12321 举报")
            #expect(view.agent != nil && view.site == "总部呼叫中心")

            // Out of order: refused with the step that comes first; nothing changes.
            #expect(errorCode(try await post(app, qa, "/api/v1/complaints/\(id)/steps/fed_back")) == "complaint_step_order")
            #expect(errorCode(try await post(app, qa, "/api/v1/complaints/\(id)/steps/remedied")) == "complaint_step_order")
            #expect(try await post(app, qa, "/api/v1/complaints/\(id)/steps/classified", ["note": "电话营销投诉"]).status == .ok)
            #expect(errorCode(try await post(app, qa, "/api/v1/complaints/\(id)/steps/classified")) == "complaint_step_done")
            #expect(try await post(app, qa, "/api/v1/complaints/\(id)/steps/recording_retrieved", ["note": "录音未提及资费"]).status == .ok)
            #expect(errorCode(try await post(app, qa, "/api/v1/complaints/\(id)/steps/judged", ["note": "x"])) == "missing_field")
            view = try await post(app, qa, "/api/v1/complaints/\(id)/steps/judged", ["valid": true, "root_cause": "坐席未确认客户同意"])
                .content.decode(ComplaintReads.View.self)
            #expect(view.valid == true && view.root_cause == "坐席未确认客户同意" && view.open_steps == ["judged", "remedied"])
            // Valid: the number is on the do-not-call list.
            #expect(try await DoNotCallModel.query(on: app.db).filter(\.$phone == (lead.phone ?? "")).filter(\.$removedAt == nil).count() == 1)

            // The remedy: the order cancelled, ¥50 paid.
            #expect(errorCode(try await post(app, qa, "/api/v1/complaints/\(id)/steps/remedied", ["compensation": -1])) == "invalid_field")
            view = try await post(app, qa, "/api/v1/complaints/\(id)/steps/remedied", ["cancel_orders": true, "compensation": 50])
                .content.decode(ComplaintReads.View.self)
            #expect(view.compensation == 50)
            let cancelled = try #require(try await OrderModel.find(try order.requireID(), on: app.db))
            #expect(cancelled.status == "cancelled")
            #expect(OrderStatus.cancelled.isApproved == false)

            // Judged not our fault after the remedy? Still allowed until fed back; then it stands.
            #expect(try await post(app, qa, "/api/v1/complaints/\(id)/steps/fed_back", ["note": "已反馈省投诉中心"]).status == .ok)
            #expect(errorCode(try await post(app, qa, "/api/v1/complaints/\(id)/steps/judged", ["valid": false])) == "complaint_fed_back")
            view = try await post(app, qa, "/api/v1/complaints/\(id)/steps/replied", ["note": "已致电客户说明"]).content.decode(ComplaintReads.View.self)
            #expect(view.stage == "replied" && view.open_steps.isEmpty && view.overdue.isEmpty)
            #expect(view.steps.map(\.step) == ["classified", "recording_retrieved", "judged", "remedied", "fed_back", "replied"])
            #expect(view.steps.allSatisfy { $0.by == "qa" })

            // A suggestion left alone: 25 hours on, its feedback is overdue; the open list keeps it, not the replied one.
            let suggestion = try await post(app, qa, "/api/v1/complaints", ["phone": "13800000001", "channel": "call", "kind": "other", "type": "suggestion"])
            #expect(suggestion.status == .created)
            clock.advance(25 * 3_600)
            let open = try await app.testing().sendRequest(.GET, "/api/v1/complaints?open=true", headers: jsonHeaders(qa)).content.decode([ComplaintReads.View].self)
            #expect(open.map(\.type) == ["suggestion"] && open.first?.overdue == ["feedback"])

            // The deadlines: refused out of range, set by a manager.
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let wrong = try await app.testing().sendRequest(.PUT, "/api/v1/complaint-deadlines", headers: jsonHeaders(manager),
                                                            body: json(["feedback_hours": 0, "result_working_days": 5]))
            #expect(errorCode(wrong) == "invalid_field")
            let set = try await app.testing().sendRequest(.PUT, "/api/v1/complaint-deadlines", headers: jsonHeaders(manager),
                                                          body: json(["feedback_hours": 48, "result_working_days": 3]))
            #expect(set.status == .ok)
            let again = try await app.testing().sendRequest(.GET, "/api/v1/complaints?open=true", headers: jsonHeaders(qa)).content.decode([ComplaintReads.View].self)
            #expect(again.first?.overdue == [], "48 hours: not overdue yet")

            // The pages.
            var page = try await signIn(app, "qa")
            let list = try await page.get("/complaints?all=1").body.string
            #expect(list.contains("12321 举报") && list.contains("回复客户") && list.contains("建议"))
            let detail = try await page.get("/complaints/\(id)").body.string
            #expect(detail.contains("坐席未确认客户同意") && detail.contains("¥50") && detail.contains("调取录音"))
        }
    }
}
