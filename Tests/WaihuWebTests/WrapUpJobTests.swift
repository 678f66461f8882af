import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// The wrap-up limit in `waihu serve`: after-call work past the project's limit becomes ready at the limit's
/// instant, never with a disposition pending; the limit is set per project and shown on the desk.
@Suite struct WrapUpJobTests {
    @Test func afterCallWorkPastTheLimitBecomesReady() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
            func limit(_ seconds: Int) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.PATCH, "/api/v1/projects/DEMO-MKT", headers: jsonHeaders(manager), body: json(["wrap_up_seconds": seconds]))
            }
            #expect(errorCode(try await limit(2)) == "invalid_field")
            #expect(try await limit(30).status == .ok)
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let agentID = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1001").first()?.id)
            let state = try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(agent),
                                                            body: json(["state": "ready", "project": "DEMO-MKT"]))
            #expect(state.status == .ok)

            // A call ends at 10:00:10: after-call work until 10:00:40 at the latest.
            let hangUp = deskMorning.addingTimeInterval(10)
            try await AgentStateQueries.change(agent: agentID, to: .acw, at: hangUp, source: "dialer", on: app.db)
            clock.advance(20)
            let desk = try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(agent)).content.decode(DeskService.DeskStatus.self)
            #expect(desk.state == "acw" && desk.wrap_up_ends_at == hangUp.addingTimeInterval(30))
            #expect(try await WrapUpJob.endOverdue(at: clock.now, on: app.db) == 0)
            clock.advance(25)
            #expect(try await WrapUpJob.endOverdue(at: clock.now, on: app.db) == 1)
            let ready = try await AgentStateQueries.current(agent: agentID, on: app.db)
            #expect(ready.state == .ready && ready.since == hangUp.addingTimeInterval(30))
            let wrapped = try #require(try await AgentStateIntervalModel.query(on: app.db).filter(\.$agentID == agentID)
                .filter(\.$state == "acw").first())
            #expect(wrapped.startedAt == hangUp && wrapped.endedAt == hangUp.addingTimeInterval(30))
            #expect(try await WrapUpJob.endOverdue(at: clock.now, on: app.db) == 0)

            // With a call still to be dispositioned the agent stays in after-call work, however long.
            let lead = try await takeNext(app, agent)
            let second = clock.now
            try await AgentStateQueries.change(agent: agentID, to: .acw, at: second, source: "dialer", on: app.db)
            clock.advance(300)
            #expect(try await WrapUpJob.endOverdue(at: clock.now, on: app.db) == 0)
            #expect(try await AgentStateQueries.current(agent: agentID, on: app.db).state == .acw)
            // Recorded five minutes in: ready from that instant.
            #expect(try await finish(app, agent, lead.attempt_id, ["disposition": "busy"]).status == .ok)
            let recorded = clock.now
            clock.advance(3)
            #expect(try await WrapUpJob.endOverdue(at: clock.now, on: app.db) == 1)
            #expect(try await AgentStateQueries.current(agent: agentID, on: app.db).since == recorded)
        }
    }
}
