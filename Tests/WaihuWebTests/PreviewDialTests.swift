import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Preview mode through the telephony interface: the agent takes a lead, presses Dial, and the project's live
/// dialer places the call on the simulated network; an answered call reaches the agent (talking, after-call
/// work), one the network does not connect ends with the network's disposition and the agent is told so.
@Suite struct PreviewDialTests {
    func desk(_ app: Application, _ token: String) async throws -> DeskService.DeskStatus {
        try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(token)).content.decode(DeskService.DeskStatus.self)
    }

    /// A network where every call is answered by a person (`answers`) or rings out unanswered.
    func network(answers: Bool) -> NetworkProfile {
        var network = NetworkProfile()
        network.answerRate = answers ? 1 : 0
        network.busyRange = 0 ... 0
        (network.vacantRate, network.suspendedRate, network.poweredOffRate, network.machineRate, network.failedRate) = (0, 0, 0, 0, 0)
        network.talkMean = 30
        return network
    }

    @Test func aPreviewDialGoesOutOnTheNetworkAndReachesTheAgent() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
            let mode = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dialer", headers: jsonHeaders(manager),
                                                           body: json(["mode": "preview"]))
            #expect(mode.status == .ok)
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let ready = try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(agent),
                                                            body: json(["state": "ready", "project": "DEMO-MKT"]))
            #expect(ready.status == .ok)
            let answering = LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now }, holder: "test",
                                              network: network(answers: true))
            var floors: [UUID: LiveFloor] = [:]

            // Nothing is dialled until the agent presses Dial.
            let first = try await takeNext(app, agent)
            for _ in 0 ..< 5 { clock.advance(1); try await answering.step(&floors) }
            #expect(try await desk(app, agent).call?.answered_at == nil)
            #expect(try await CallAttemptModel.query(on: app.db).count() == 1)
            let dialled = clock.now
            let dial = try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(first.attempt_id!)/dial", headers: jsonHeaders(agent))
            #expect(try dial.content.decode(PolicyCheck.self).allowed)
            var status = try await desk(app, agent)
            // Dialled once: the dialer places it at the next beat, and the agent is dialling from then.
            clock.advance(1)
            try await answering.step(&floors)
            let placed = clock.now
            #expect(try await desk(app, agent).state == "dialing")
            let again = try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(first.attempt_id!)/dial", headers: jsonHeaders(agent))
            #expect(errorCode(again) == "already_dialled")
            for _ in 0 ..< 60 where status.call?.answered_at == nil {
                clock.advance(1)
                try await answering.step(&floors)
                status = try await desk(app, agent)
            }
            // Answered within the ring timeout; the same attempt, now talking, its number the lead's.
            let answeredAt = try #require(status.call?.answered_at)
            #expect(status.state == "talking" && status.call?.attempt_id == first.attempt_id)
            #expect(answeredAt > dialled && answeredAt.timeIntervalSince(dialled) <= 30)
            #expect(try await CallAttemptModel.query(on: app.db).count() == 1)
            for _ in 0 ..< 900 where status.state == "talking" {
                clock.advance(1)
                try await answering.step(&floors)
                status = try await desk(app, agent)
            }
            #expect(status.state == "acw" && status.call?.ended_at != nil)
            clock.advance(10)
            #expect(try await finish(app, agent, first.attempt_id, ["disposition": "success"]).status == .ok)
            let attempt = try #require(try await CallAttemptModel.find(first.attempt_id, on: app.db))
            let ended = try #require(attempt.endedAt), answered = try #require(attempt.answeredAt)
            // The desk shows whole seconds; the store keeps the network's instant.
            #expect(abs(answered.timeIntervalSince(answeredAt)) < 1)
            #expect(attempt.talkSeconds == Int(ended.timeIntervalSince(answered).rounded()) && attempt.talkSeconds > 0)
            #expect(attempt.acwSeconds == 10 && attempt.dialRequestedAt == nil)
            let agentID = try #require(attempt.agentID)

            // The next lead rings out: no answer after the ring timeout, recorded by the dialer, and the desk says so.
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(agent),
                                                        body: json(["state": "ready"])).status == .ok)
            let ringing = LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now }, holder: "test",
                                            network: network(answers: false))
            var quiet: [UUID: LiveFloor] = [:]
            let second = try await takeNext(app, agent)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(second.attempt_id!)/dial", headers: jsonHeaders(agent))
                .content.decode(PolicyCheck.self).allowed)
            status = try await desk(app, agent)
            for _ in 0 ..< 60 where status.call != nil {
                clock.advance(1)
                try await ringing.step(&quiet)
                status = try await desk(app, agent)
            }
            #expect(status.call == nil && status.state == "ready")
            #expect(status.last_call?.disposition == "no_answer")
            let unanswered = try #require(try await CallAttemptModel.find(second.attempt_id, on: app.db))
            #expect(unanswered.disposition == "no_answer" && unanswered.answeredAt == nil && !unanswered.inProgress)

            // The states, each from the instant it began: dialling from the placing, talking from the answer, after-call
            // work from the hang-up, ready when the agent said so; the unanswered dial back to ready at the ring timeout.
            let intervals = try await AgentStateIntervalModel.query(on: app.db).filter(\.$agentID == agentID).sort(\.$startedAt).all()
            #expect(intervals.map(\.state) == ["ready", "dialing", "talking", "acw", "ready", "dialing", "ready"])
            for (a, b) in zip(intervals, intervals.dropFirst()) { #expect(a.endedAt == b.startedAt) }
            #expect(intervals[1].startedAt == placed && intervals[2].startedAt == answered && intervals[3].startedAt == ended)
            let unansweredEnd = try #require(unanswered.endedAt)
            #expect(intervals[6].startedAt == unansweredEnd && unansweredEnd.timeIntervalSince(intervals[5].startedAt) == PacingSettings().ringTimeout)
        }
    }

    @Test func aDialerStartingAfterARestartSendsAnAgentLeftOnACallToWrapUp() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(agent),
                                                        body: json(["state": "ready", "project": "DEMO-MKT"])).status == .ok)
            let agentID = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1001").first()?.id)
            // The process that placed this call is gone: the store still says talking, which the agent cannot leave.
            try await AgentStateQueries.change(agent: agentID, to: .talking, at: clock.now, source: "dialer", on: app.db)
            let stuck = try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(agent), body: json(["state": "ready"]))
            #expect(errorCode(stuck) == "state_on_call")
            clock.advance(1)
            let service = LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now }, holder: "test", network: network(answers: true))
            var floors: [UUID: LiveFloor] = [:]
            try await service.step(&floors)
            let current = try await AgentStateQueries.current(agent: agentID, on: app.db)
            #expect(current.state == .acw && current.since == clock.now)
            let ready = try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(agent), body: json(["state": "ready"]))
            #expect(ready.status == .ok)
        }
    }
}
