import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Callbacks (预约回拨): served first to their owner when due, shown as reminders, passed to any agent of
/// the project once overdue by the project's pass time (30 minutes by default).
@Suite struct CallbackTests {
    @Test func aDueCallbackIsServedFirstAndAnOverdueOnePassesToAnotherAgent() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 3])
            _ = try await allocate(app, manager, ["agents": ["A1002"], "mode": "count", "count": 3])
            let a1001 = try await login(app, "a1001", DemoOrganisation.password)
            let a1002 = try await login(app, "a1002", DemoOrganisation.password)
            func at(_ minutes: Int) -> String {
                ISO8601DateFormatter().string(from: deskMorning.addingTimeInterval(Double(minutes) * 60))
            }

            // 10:00 — K0 abandoned (back at 10:10), K1 booked for 10:05, K2 booked for 10:20.
            let k0 = try await takeNext(app, a1001)
            #expect(k0.lead?.customer_id == "K0")
            #expect(try await finish(app, a1001, k0.attempt_id, ["disposition": "abandoned"]).status == .ok)
            let k1 = try await takeNext(app, a1001)
            #expect(try await finish(app, a1001, k1.attempt_id, ["disposition": "callback", "callback_at": at(5)]).status == .ok)
            let k2 = try await takeNext(app, a1001)
            #expect(k2.lead?.customer_id == "K2")
            #expect(try await finish(app, a1001, k2.attempt_id, ["disposition": "callback", "callback_at": at(20)]).status == .ok)

            // 10:15 — K0 (first in the file) is free again, but K1's callback is due: K1 first.
            clock.advance(15 * 60)
            let again = try await takeNext(app, a1001)
            #expect(again.lead?.customer_id == "K1")
            // The desk marks it as the callback the customer booked, for 10:05; it is no test call.
            let marked = try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(a1001))
                .content.decode(DeskService.DeskStatus.self).call
            #expect(marked?.callback_at == deskMorning.addingTimeInterval(5 * 60) && marked?.test_call == false)
            #expect(try await finish(app, a1001, again.attempt_id, ["disposition": "refused", "talk_seconds": 30, "answers": ["refusal_reason": "price"]]).status == .ok)

            // 10:45 — K2 overdue by 25 minutes: still A1001's, shown as a reminder; A1002 gets its own lead.
            clock.advance(30 * 60)
            let desk = try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(a1001)).content.decode(DeskService.DeskStatus.self)
            #expect(desk.callbacks.map(\.customer_id) == ["K2"])
            let own = try await takeNext(app, a1002)
            #expect(own.lead?.customer_id == "K3")
            #expect(try await finish(app, a1002, own.attempt_id, ["disposition": "refused", "talk_seconds": 20, "answers": ["refusal_reason": "no_need"]]).status == .ok)

            // 10:55 — overdue by 35 minutes: it passes to A1002, ahead of A1002's own leads.
            clock.advance(10 * 60)
            let passed = try await takeNext(app, a1002)
            #expect(passed.lead?.customer_id == "K2")
            let attempt = try #require(try await CallAttemptModel.find(passed.attempt_id, on: app.db))
            let a1002ID = try await AgentModel.query(on: app.db).filter(\.$number == "A1002").first()?.id
            #expect(attempt.agentID == a1002ID)
        }
    }
}
