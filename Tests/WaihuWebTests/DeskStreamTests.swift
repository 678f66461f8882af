import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import WaihuApp
import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

/// The desk's status pushed over Server-Sent Events (`GET /desk/stream`): sent at once, sent again as soon as the
/// agent's bell rings (a desk action, the dialer), each look a heartbeat that keeps the agent present.
@Suite struct DeskStreamTests {
    func script(_ browser: PageSession, _ method: HTTPMethod, _ path: String, csrf: String?, _ body: [String: Any]? = nil) async throws -> TestingHTTPResponse {
        try await DeskPageTests().script(browser, method, path, csrf: csrf, body)
    }

    /// The `event: status` payloads of a stream's body, in order.
    static func statuses(_ body: String) throws -> [[String: Any]] {
        try body.components(separatedBy: "\n\n").filter { $0.hasPrefix("event: status\n") }.map { block in
            let data = String(block.dropFirst("event: status\ndata: ".count))
            return try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        }
    }

    /// The agent's last heartbeat once it is `instant` (a look of the stream at that time), or the last seen after 20 s.
    static func heartbeat(_ agent: UUID, at instant: Date, on db: any Database) async throws -> Date? {
        var seen = try await AgentStateQueries.current(agent: agent, on: db).seenAt
        for _ in 0 ..< 400 where seen != instant {
            try await Task.sleep(for: .milliseconds(50))
            seen = try await AgentStateQueries.current(agent: agent, on: db).seenAt
        }
        return seen
    }

    @Test func aDeskActionRingsTheBellAndTheStreamSendsTheNewStatusAtOnce() async throws {
        // Looks ten minutes apart: only the bell can bring the second status within five (the full suite's load can slow
        // every step of this test to a crawl, so the bounds are wide).
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }, deskStreamLook: .seconds(600)) { app in
            var agent = try await signIn(app, "a1001")
            let token = DeskPageTests().csrf(in: try await agent.get("/desk").body.string)
            #expect(try await script(agent, .POST, "/desk/state", csrf: token, ["state": "ready", "project": "DEMO-MKT"]).status == .ok)
            let agentID = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1001").first()?.id)
            clock.advance(10)

            let started = ContinuousClock.now
            let browser = agent
            // At most 590 s: a stream whose second status never came ends instead of holding the test.
            let stream = Task { try await DeskPageTests().script(browser, .GET, "/desk/stream?events=2&seconds=590", csrf: nil) }
            // The stream's first look (its heartbeat, then the status sent), before the action.
            _ = try await Self.heartbeat(agentID, at: clock.now, on: app.db)
            try await Task.sleep(for: .seconds(1))
            let busy = try await script(agent, .POST, "/desk/state", csrf: token, ["state": "busy", "reason": "meal", "project": "DEMO-MKT"])
            #expect(busy.status == .ok, "\(busy.body.string)")
            let response = try await stream.value
            #expect(ContinuousClock.now - started < .seconds(300), "the second status waited for the look, not the bell")
            #expect(response.headers.contentType?.subType == "event-stream")
            let statuses = try Self.statuses(response.body.string)
            #expect(statuses.map { $0["state"] as? String } == ["ready", "busy"])
            #expect(statuses.last?["reason"] as? String == "meal")
            // `seconds` ends a stream that has nothing more to send.
            let bounded = try await DeskPageTests().script(agent, .GET, "/desk/stream?events=5&seconds=1", csrf: nil)
            #expect(try Self.statuses(bounded.body.string).count == 1)
        }
    }

    @Test func eachLookKeepsTheAgentPresentAndTheStreamIsForAgentsOnly() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }, deskStreamLook: .milliseconds(100)) { app in
            var agent = try await signIn(app, "a1001")
            let token = DeskPageTests().csrf(in: try await agent.get("/desk").body.string)
            #expect(try await script(agent, .POST, "/desk/state", csrf: token, ["state": "ready", "project": "DEMO-MKT"]).status == .ok)
            let agentID = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1001").first()?.id)
            clock.advance(30)
            // One status, as nothing changes; the looks after it are heartbeats sent as comments.
            let browser = agent
            let stream = Task { try await DeskPageTests().script(browser, .GET, "/desk/stream?events=2&seconds=60", csrf: nil) }
            #expect(try await Self.heartbeat(agentID, at: clock.now, on: app.db) == clock.now, "the stream's looks are the desk's heartbeat")
            // Later looks, each a heartbeat: the second one's heartbeat comes after the first one has looked and found
            // nothing changed (only the time moved), so a comment line has gone out.
            for _ in 1 ... 2 {
                clock.advance(5)
                #expect(try await Self.heartbeat(agentID, at: clock.now, on: app.db) == clock.now, "every look is a heartbeat")
            }
            // A change the dialer makes without a bell (another node's) reaches the desk at the next look.
            try await AgentStateQueries.change(agent: agentID, to: .busy, reason: BusyReason.away.rawValue, at: clock.now, source: "dialer", on: app.db)
            let body = try await stream.value.body.string
            #expect(body.contains(":\n\n"), "unchanged looks send a comment line")
            #expect(try Self.statuses(body).map { $0["reason"] as? String } == [nil, "away"])

            var manager = try await signIn(app, "manager")
            #expect(try await manager.get("/desk/stream").status == .forbidden)
        }
    }

    @Test func theDesksActionsThroughTheAPIRingTheBellToo() async throws {
        // A softphone or a script working the desk through the API: a desk open in a browser must show it at once.
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let token = try await login(app, "a1001", DemoOrganisation.password)
            let agentID = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1001").first()?.id)
            func state(_ body: [String: String]) async throws -> HTTPStatus {
                try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(token), body: json(body)).status
            }
            let before = app.deskBells.count(agentID)
            #expect(try await state(["state": "ready", "project": "DEMO-MKT"]) == .ok)
            #expect(app.deskBells.count(agentID) == before + 1)
            let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first()?.id)
            let next = try await app.testing().sendRequest(.POST, "/api/v1/projects/\(project)/desk/next", headers: jsonHeaders(token))
            #expect(next.status == .ok, "\(next.body.string)")
            #expect(app.deskBells.count(agentID) == before + 2)
            // A refused action rings nothing: nothing changed.
            #expect(try await state(["state": "dancing"]) == .badRequest)
            #expect(app.deskBells.count(agentID) == before + 2)
        }
    }

    @Test func aRingBeforeTheWaitIsNotLostAndAWaitWithoutARingEnds() async throws {
        let bells = DeskBells(), agent = UUID(), other = UUID()
        let seen = bells.count(agent)
        bells.ring([agent])
        // Rung between the look and the wait: the wait returns at once.
        let started = ContinuousClock.now
        #expect(await bells.wait(agent, after: seen, atMost: .seconds(60)) == seen + 1)
        #expect(ContinuousClock.now - started < .seconds(30))
        // Another agent's ring does not wake this one; the wait ends at its interval.
        bells.ring([other])
        #expect(await bells.wait(agent, after: seen + 1, atMost: .milliseconds(50)) == seen + 1)
    }
}
