import Fluent
import Foundation
import Synchronization
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let instant: Mutex<Date>
    init(_ start: Date) { instant = Mutex(start) }
    var now: Date { instant.withLock { $0 } }
    func advance(_ seconds: Double) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The dialer in `waihu serve`: a project in progressive mode dials its leads through the contact
/// policy, a call a person answers reaches the logged-in agent's desk, the agent records the
/// disposition and is ready for the next.
@Suite struct LiveDialerTests {
    func desk(_ app: Application, _ token: String) async throws -> DeskService.DeskStatus {
        try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(token)).content.decode(DeskService.DeskStatus.self)
    }

    func setState(_ app: Application, _ token: String, _ fields: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(token), body: json(fields))
    }

    @Test func aProgressiveProjectPutsAnsweredCallsThroughToTheAgentsDesk() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let allocated = try await allocate(app, manager, ["agents": ["A1001"], "mode": "evenly"])
            #expect(allocated.status == .created)
            let mode = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dialer", headers: jsonHeaders(manager),
                                                           body: json(["mode": "progressive"]))
            #expect(mode.status == .ok, "\(mode.body.string)")
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            // Busy needs a reason; logging in needs a project.
            let noReason = try await setState(app, agent, ["state": "busy", "project": "DEMO-MKT"])
            let noProject = try await setState(app, agent, ["state": "ready"])
            let ready = try await setState(app, agent, ["state": "ready", "project": "DEMO-MKT"])
            #expect(noReason.status == .badRequest && noProject.status == .badRequest && ready.status == .ok)
            let loggedIn = clock.now

            var network = NetworkProfile()
            network.answerRate = 0.8
            network.talkMean = 30
            let bells = DeskBells()
            let service = LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now }, network: network, deskBells: bells)
            let agentID = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1001").first()?.id)
            var floors: [UUID: LiveFloor] = [:]
            var status = try await desk(app, agent)
            var rungBefore = 0
            for _ in 0 ..< 600 where status.call?.answered_at == nil {
                clock.advance(1)
                rungBefore = bells.count(agentID)
                try await service.step(&floors)
                status = try await desk(app, agent)
            }
            let call = try #require(status.call, "no call reached the desk in ten minutes")
            #expect(status.state == "talking")
            #expect(bells.count(agentID) > rungBefore, "the step that bridged the call rang the agent's desk bell")
            #expect(call.lead?.phones.first?.contains("****") == true)
            // A call with the customer on the line cannot be put back.
            let putBack = try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(call.attempt_id)/release", headers: jsonHeaders(agent))
            #expect(putBack.status == .conflict && errorCode(putBack) == "already_dialled", "\(putBack.body.string)")
            // Calls that reached nobody ended at once with what the network said, with no agent.
            let others = try await CallAttemptModel.query(on: app.db).filter(\.$id != call.attempt_id).all()
            #expect(others.allSatisfy { !$0.inProgress && $0.agentID == nil && $0.talkSeconds == 0 })
            #expect(others.allSatisfy { ["busy", "no_answer", "vacant", "suspended", "powered_off", "answering_machine"].contains($0.disposition ?? "") })

            // The customer hangs up: after-call work; the agent cannot go ready before the disposition.
            for _ in 0 ..< 600 where status.state == "talking" {
                clock.advance(1)
                try await service.step(&floors)
                status = try await desk(app, agent)
            }
            #expect(status.state == "acw" && status.call?.ended_at != nil)
            let refused = try await setState(app, agent, ["state": "ready"])
            #expect(refused.status == .conflict && errorCode(refused) == "disposition_pending")
            // Nor can another lead be taken: the unrecorded call stays on the desk.
            let another = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/desk/next", headers: jsonHeaders(agent))
            #expect(another.status == .conflict && errorCode(another) == "disposition_pending", "\(another.body.string)")
            #expect(another.body.string.contains("请先提交上一通电话的结果"))
            #expect(try await desk(app, agent).call?.attempt_id == call.attempt_id)
            // An answered call cannot be recorded as nobody answering.
            let unfitting = try await finish(app, agent, call.attempt_id, ["disposition": "no_answer"])
            #expect(unfitting.status == .unprocessableEntity && errorCode(unfitting) == "disposition_does_not_fit", "\(unfitting.body.string)")
            #expect(unfitting.body.string.contains("这通电话已接通"))
            clock.advance(20)
            let finishedAt = clock.now
            let finished = try await finish(app, agent, call.attempt_id, ["disposition": "success"])
            #expect(finished.status == .ok, "\(finished.body.string)")
            let readyAgain = try await setState(app, agent, ["state": "ready"])
            #expect(readyAgain.status == .ok)

            let attempt = try #require(try await CallAttemptModel.find(call.attempt_id, on: app.db))
            #expect(attempt.agentID == agentID && attempt.disposition == "success" && !attempt.inProgress)
            let answered = try #require(attempt.answeredAt), ended = try #require(attempt.endedAt)
            #expect(attempt.talkSeconds > 0 && attempt.talkSeconds == Int(ended.timeIntervalSince(answered).rounded()))
            #expect(attempt.acwSeconds == Int(finishedAt.timeIntervalSince(ended).rounded()))

            // Every state change is an interval with exact times: ready, talking from the answer, after-call
            // work from the hang-up, ready again when the agent said so.
            let intervals = try await AgentStateIntervalModel.query(on: app.db).filter(\.$agentID == agentID).sort(\.$startedAt).all()
            #expect(intervals.map(\.state) == ["ready", "talking", "acw", "ready"])
            #expect(intervals.first?.startedAt == loggedIn)
            for (a, b) in zip(intervals, intervals.dropFirst()) { #expect(a.endedAt == b.startedAt) }
            #expect(intervals[1].startedAt == answered && intervals[2].startedAt == ended && intervals[3].startedAt == finishedAt)

            let dialer = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/dialer", headers: jsonHeaders(manager))
                .content.decode(DialerController.DialerDTO.self)
            #expect(dialer.mode == "progressive" && dialer.today.answered_by_person == 1 && dialer.today.abandoned == 0)
            #expect(dialer.today.abandon_rate == 0)
        }
    }

    /// A ready agent who moved the desk's tab away stopped polling: the dialer gives them no call and makes them
    /// busy, away from the desk, after ten silent seconds; back at the desk, R makes them ready again.
    @Test func aDeskThatStopsPollingGetsNoCallAndLeavesReady() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "evenly"])
            _ = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dialer", headers: jsonHeaders(manager),
                                                    body: json(["mode": "progressive"]))
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            #expect(try await setState(app, agent, ["state": "ready", "project": "DEMO-MKT"]).status == .ok)
            var network = NetworkProfile()
            network.answerRate = 1
            let service = LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now }, network: network,
                                            deskTimeout: 10)
            var floors: [UUID: LiveFloor] = [:]
            // The desk polls once, then goes quiet: ten seconds are allowed, the eleventh is not.
            _ = try await desk(app, agent)
            let agentID = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1001").first()?.id)
            for second in 1 ... 10 {
                clock.advance(1)
                try await service.step(&floors)
                #expect(try await AgentStateQueries.current(agent: agentID, on: app.db).state == .ready, "second \(second)")
            }
            clock.advance(1)
            try await service.step(&floors)
            let away = try await AgentStateQueries.current(agent: agentID, on: app.db)
            #expect(away.state == .busy && away.reason == "away")
            for _ in 0 ..< 30 {
                clock.advance(1)
                try await service.step(&floors)
            }
            let bridged = try await CallAttemptModel.query(on: app.db).filter(\.$agentID == agentID).filter(\.$answeredAt != nil).count()
            #expect(bridged == 0, "no call is put through to a desk nobody is at")
            // Back at the desk: it polls, R, ready again.
            let back = try await desk(app, agent)
            #expect(back.state == "busy" && back.reason == "away")
            #expect(try await setState(app, agent, ["state": "ready"]).status == .ok)
        }
    }

    @Test func oneProcessAtATimeHoldsAProjectsDialer() async throws {
        try await withWaihu { app in
            let project = UUID()
            let now = deskMorning
            func claim(_ holder: String, until: Double, at: Double) async throws -> Bool {
                try await DialerLeaseQueries.claim(project: project, holder: holder, until: now.addingTimeInterval(until),
                                                   at: now.addingTimeInterval(at), on: app.db)
            }
            let first = try await claim("a", until: 10, at: 0)
            let whileHeld = try await claim("b", until: 15, at: 5)
            let renewed = try await claim("a", until: 16, at: 6)
            // Lapsed: another process takes over, and the first no longer holds it.
            let takenOver = try await claim("b", until: 30, at: 17)
            let lost = try await claim("a", until: 30, at: 18)
            #expect(first && !whileHeld && renewed && takenOver && !lost)
        }
    }

    /// A supervisor puts a running progressive project on preview: from the next beat no call is placed by itself;
    /// the call ringing then runs to its end; back on progressive, dialling resumes.
    @Test func aChangeOfDialModeReachesTheRunningFloor() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "evenly"])
            func setMode(_ mode: String) async throws {
                let response = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dialer", headers: jsonHeaders(manager),
                                                                   body: json(["mode": mode]))
                #expect(response.status == .ok, "\(response.body.string)")
            }
            try await setMode("progressive")
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            #expect(try await setState(app, agent, ["state": "ready", "project": "DEMO-MKT"]).status == .ok)
            var network = NetworkProfile()
            network.answerRate = 0
            let service = LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now }, network: network)
            var floors: [UUID: LiveFloor] = [:]
            func run(_ seconds: Int) async throws {
                for _ in 0 ..< seconds {
                    clock.advance(1)
                    _ = try await desk(app, agent)
                    try await service.step(&floors)
                }
            }
            func attempts() async throws -> [CallAttemptModel] { try await CallAttemptModel.query(on: app.db).all() }
            try await run(3)
            let before = try await attempts()
            #expect(before.count == 1 && before[0].inProgress, "progressive: one call ringing for the one ready agent")

            try await setMode("preview")
            let changed = clock.now
            try await run(90)
            let during = try await attempts()
            #expect(during.count == before.count, "no call placed by itself on preview")
            #expect(during.allSatisfy { !$0.inProgress }, "the call ringing at the change ran to its end")
            #expect(during.allSatisfy { $0.startedAt < changed })

            try await setMode("progressive")
            try await run(3)
            #expect(try await attempts().count == before.count + 1, "back on progressive, the next call goes out")
        }
    }

    @Test func aProjectCannotDialWithVicidialsPacing() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let response = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dialer", headers: jsonHeaders(manager),
                                                               body: json(["mode": "vicidial"]))
            #expect(response.status == .badRequest)
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let forbidden = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dialer", headers: jsonHeaders(agent),
                                                                body: json(["mode": "predictive"]))
            #expect(forbidden.status == .forbidden)
        }
    }
}
