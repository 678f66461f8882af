import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
import WaihuApp
@testable import WaihuWeb

/// The desk shows the agent's day: completed accounts against the project's daily target, and the busy time by
/// reason, a break still running counted to now.
@Suite struct DeskDayTests {
    func status(_ app: Application, _ token: String) async throws -> DeskService.DeskStatus {
        try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(token)).content.decode(DeskService.DeskStatus.self)
    }

    func state(_ app: Application, _ token: String, _ body: [String: Any]) async throws {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(token), body: json(body))
        #expect(response.status == .ok, "\(response.body.string)")
    }

    @Test func theTargetAndTheBreaksOfTheDay() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
            let bad = try await app.testing().sendRequest(.PATCH, "/api/v1/projects/DEMO-MKT", headers: jsonHeaders(manager),
                                                          body: json(["daily_target": 20_000]))
            #expect(bad.status == .badRequest && bad.body.string.contains("每人每日目标"))
            let set = try await app.testing().sendRequest(.PATCH, "/api/v1/projects/DEMO-MKT", headers: jsonHeaders(manager),
                                                          body: json(["daily_target": 20]))
            #expect(set.status == .ok)
            let agent = try await login(app, "a1001", DemoOrganisation.password)

            // 10:00 busy for a meal, 10:10 ready, 10:20 a 5-minute break still running at 10:25.
            try await state(app, agent, ["state": "busy", "reason": "meal", "project": "DEMO-MKT"])
            clock.advance(600)
            try await state(app, agent, ["state": "ready"])
            let taken = try await takeNext(app, agent)
            #expect(try await finish(app, agent, taken.attempt_id, ["disposition": "completed", "talk_seconds": 60]).status == .ok)
            clock.advance(600)
            try await state(app, agent, ["state": "busy", "reason": "break"])
            clock.advance(300)
            let desk = try await status(app, agent)
            #expect(desk.daily_target == 20 && desk.today.completed == 1)
            #expect(desk.breaks.map(\.reason) == ["break", "meal"] && desk.breaks.map(\.seconds) == [300, 600])
            #expect(desk.breaks.map(\.name) == [BusyReason.break.name.zh, BusyReason.meal.name.zh])

            // Cleared, the target no longer shows.
            _ = try await app.testing().sendRequest(.PATCH, "/api/v1/projects/DEMO-MKT", headers: jsonHeaders(manager), body: json(["daily_target": 0]))
            #expect(try await status(app, agent).daily_target == nil)
        }
    }
}
