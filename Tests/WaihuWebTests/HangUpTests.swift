import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Hang up (挂断) from the desk: a connected preview call ends at the dialer's next beat with the talk time up
/// to then, the agent in after-call work; a call already over cannot be hung up again.
@Suite struct HangUpTests {
    func desk(_ app: Application, _ token: String) async throws -> DeskService.DeskStatus {
        try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(token)).content.decode(DeskService.DeskStatus.self)
    }

    /// DEMO-MKT on preview with two leads allocated to A1001, who is logged in ready; returns A1001's token.
    func readyOnPreview(_ app: Application) async throws -> String {
        let manager = try await login(app, "manager", DemoOrganisation.password)
        try await importTenLeads(app, manager: manager)
        _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
        _ = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dialer", headers: jsonHeaders(manager),
                                                body: json(["mode": "preview"]))
        let agent = try await login(app, "a1001", DemoOrganisation.password)
        _ = try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(agent),
                                                body: json(["state": "ready", "project": "DEMO-MKT"]))
        return agent
    }

    /// A network on which every call is answered by a person: never busy, vacant, off or a machine.
    static var answeredByAPerson: NetworkProfile {
        var network = NetworkProfile()
        network.answerRate = 1
        network.busyRange = 0 ... 0
        (network.vacantRate, network.suspendedRate, network.poweredOffRate, network.machineRate, network.failedRate) = (0, 0, 0, 0, 0)
        return network
    }

    @Test func theAgentEndsAConnectedCall() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let agent = try await readyOnPreview(app)
            // Every call answered by a person who would talk for an hour.
            var network = Self.answeredByAPerson
            network.talkMean = 3600
            let floor = LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now }, holder: "test", network: network)
            var floors: [UUID: LiveFloor] = [:]

            let taken = try await takeNext(app, agent)
            let attempt = try #require(taken.attempt_id)
            let early = try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(attempt)/hangup", headers: jsonHeaders(agent))
            #expect(errorCode(early) == "not_on_call", "nothing dialled yet")
            _ = try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(attempt)/dial", headers: jsonHeaders(agent))
            var status = try await desk(app, agent)
            for _ in 0 ..< 60 where status.call?.answered_at == nil {
                clock.advance(1)
                try await floor.step(&floors)
                status = try await desk(app, agent)
            }
            let answered = try #require(status.call?.answered_at)
            #expect(status.state == "talking")

            // 45 seconds of talk, then Hang up: the call ends at the next beat, one second later.
            clock.advance(45)
            try await floor.step(&floors)
            let hangUp = try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(attempt)/hangup", headers: jsonHeaders(agent))
            #expect(hangUp.status == .noContent)
            clock.advance(1)
            try await floor.step(&floors)
            status = try await desk(app, agent)
            #expect(status.state == "acw" && status.call?.ended_at != nil)
            let ended = try #require(status.call?.ended_at)
            #expect(ended == clock.now, "the hang-up carried out at the next beat")
            #expect(ended.timeIntervalSince(answered) >= 46, "45 s of talk and the beat")
            let again = try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(attempt)/hangup", headers: jsonHeaders(agent))
            #expect(errorCode(again) == "not_on_call")
            #expect(try await finish(app, agent, attempt, ["disposition": "refused", "answers": ["refusal_reason": "price"]]).status == .ok)
            // Talk time runs from the bridge to the hang-up: bridged by the time the desk showed talking, 46 s before
            // the end, and not before the answer.
            let talk = try #require(try await CallAttemptModel.find(attempt, on: app.db)?.talkSeconds)
            #expect((46 ... Int(ended.timeIntervalSince(answered).rounded())).contains(talk), "talk \(talk)")
        }
    }

    /// The agent records "no answer" while the preview call still rings: the dialer hangs it up at its next beat, so
    /// the lead (offered again at once when its retry delay is 0) is never rung twice, and the agent's record stands.
    @Test func aRingingCallWhoseAttemptTheAgentEndedIsHungUp() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let agent = try await readyOnPreview(app)
            // Every call answered by a person, after two minutes of ringing.
            var network = Self.answeredByAPerson
            network.answerMedian = 120
            network.answerSigma = 0.01
            let floor = LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now }, holder: "test", network: network)
            var floors: [UUID: LiveFloor] = [:]
            let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first()?.id)

            let attempt = try #require(try await takeNext(app, agent).attempt_id)
            _ = try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(attempt)/dial", headers: jsonHeaders(agent))
            for _ in 0 ..< 3 {
                clock.advance(1)
                try await floor.step(&floors)
            }
            #expect(floors[project]?.dialer.callsInProgress == 1, "the call rings")
            let recorded = clock.now
            #expect(try await finish(app, agent, attempt, ["disposition": "no_answer"]).status == .ok)
            clock.advance(1)
            try await floor.step(&floors)
            #expect(floors[project]?.dialer.callsInProgress == 0, "the ringing call was hung up at the next beat")
            // Long past the time the customer would have answered: no call bridged, the agent's record unchanged.
            for _ in 0 ..< 150 {
                clock.advance(1)
                try await floor.step(&floors)
            }
            let stored = try #require(try await CallAttemptModel.find(attempt, on: app.db))
            #expect(stored.disposition == "no_answer" && stored.endedAt == recorded && stored.answeredAt == nil)
            #expect(try await desk(app, agent).state != "talking")
        }
    }
}
