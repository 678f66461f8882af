import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// A network with phones, as `waihu serve --telephony sip` gives the floor: the simulated network underneath, the
/// seats the floor announces noted, and a recording handed back for every bridged call once it has ended.
final class PhoneNetwork: FloorNetwork, @unchecked Sendable {
    let lock = NSLock()
    var simulated: SimulatedNetwork
    var seats: [Int: String?] = [:]
    var bridged: Set<CallID> = []
    var recordings: [FinishedRecording] = []

    init(_ profile: NetworkProfile) {
        simulated = SimulatedNetwork(profile: profile, seed: 7)
    }

    func originate(_ request: OriginateRequest, at time: Double) { lock.withLock { simulated.originate(request, at: time) } }
    func bridge(_ call: CallID, toAgent agent: Int, at time: Double) {
        lock.withLock {
            bridged.insert(call)
            simulated.bridge(call, toAgent: agent, at: time)
        }
    }
    func hangUp(_ call: CallID, cause: HangUpCause, at time: Double) { lock.withLock { simulated.hangUp(call, cause: cause, at: time) } }
    var nextEventTime: Double? { lock.withLock { simulated.nextEventTime } }
    func popEvent() -> (time: Double, event: TelephonyEvent)? {
        lock.withLock {
            let next = simulated.popEvent()
            if case .hungUp(let call)? = next?.event, bridged.contains(call) {
                recordings.append(FinishedRecording(call: call, location: "/srv/recordings/\(call).wav", seconds: 42))
            }
            return next
        }
    }
    func seat(_ seat: Int, agent username: String?, at time: Double) { lock.withLock { seats[seat] = .some(username) } }
    func takeRecordings() -> [FinishedRecording] {
        lock.withLock {
            defer { recordings = [] }
            return recordings
        }
    }
}

@Suite struct FloorNetworkTests {
    @Test func theFloorAnnouncesItsAgentsAndLinksEachRecordingToItsAttempt() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "evenly"])
            _ = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dialer", headers: jsonHeaders(manager),
                                                    body: json(["mode": "progressive"]))
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let ready = try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(agent),
                                                            body: json(["state": "ready", "project": "DEMO-MKT"]))
            #expect(ready.status == .ok)
            var profile = NetworkProfile()
            profile.answerRate = 1
            profile.talkMean = 20
            let network = PhoneNetwork(profile)
            let service = LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now },
                                            makeNetwork: { _, _ in network })
            var floors: [UUID: LiveFloor] = [:]
            var answered: CallAttemptModel?
            for _ in 0 ..< 600 {
                clock.advance(1)
                try await service.step(&floors)
                if answered == nil {
                    answered = try await CallAttemptModel.query(on: app.db).filter(\.$answeredAt != nil).filter(\.$agentID != nil).first()
                }
                if let answered, try await RecordingQueries.recording(try answered.requireID(), on: app.db) != nil { break }
            }
            #expect(network.lock.withLock { network.seats[0] } == .some("a1001"), "the seat's agent, by login")
            let attempt = try #require(answered, "no call was answered and bridged")
            let recording = try await RecordingQueries.recording(try attempt.requireID(), on: app.db)
            #expect(recording?.location.hasPrefix("/srv/recordings/call-") == true, "the network's file for that call")
            #expect(recording?.seconds == 42)
            // Only bridged calls were recorded, each linked to its own attempt.
            let links = try await (app.db as! any SQLDatabase).select().column("attempt_id").from("recordings").all()
            #expect(links.count == 1)
        }
    }

    @Test func theDeskShowsTheAgentsPhoneLineOnlyWhenThereArePhones() async throws {
        try await withWaihu(demo: true, phoneLines: { username in
            username == "a1001" ? PhoneLine(status: "down", reason: "busy") : PhoneLine(status: "not_configured")
        }) { app in
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let polled = try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(agent))
                .content.decode(DeskService.DeskStatus.self)
            #expect(polled.phone == PhoneLine(status: "down", reason: "busy"))
            let changed = try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(agent),
                                                              body: json(["state": "ready", "project": "DEMO-MKT"]))
            #expect(try changed.content.decode(DeskService.DeskStatus.self).phone?.status == "down")
            let other = try await login(app, "a1002", DemoOrganisation.password)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(other))
                .content.decode(DeskService.DeskStatus.self).phone == PhoneLine(status: "not_configured"))
            // The wallboard shows each logged-in agent's line: a1001's down (being called again), a1002's unconfigured.
            _ = try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(other),
                                                    body: json(["state": "ready", "project": "DEMO-MKT"]))
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            let board = try await app.testing().sendRequest(.GET, "/api/v1/wallboard", headers: jsonHeaders(supervisor))
                .content.decode(WallboardService.Snapshot.self)
            #expect(board.agents.map(\.number) == ["A1001", "A1002"])
            #expect(board.agents.map(\.phone) == [PhoneLine(status: "down", reason: "busy"), PhoneLine(status: "not_configured")])
        }
        try await withWaihu(demo: true) { app in
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let body = try await app.testing().sendRequest(.GET, "/api/v1/desk", headers: jsonHeaders(agent)).body.string
            #expect(!body.contains("\"phone\""), "the simulated network has no phones: no phone line on the desk")
            _ = try await app.testing().sendRequest(.POST, "/api/v1/desk/state", headers: jsonHeaders(agent),
                                                    body: json(["state": "ready", "project": "DEMO-MKT"]))
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let board = try await app.testing().sendRequest(.GET, "/api/v1/wallboard", headers: jsonHeaders(manager)).body.string
            #expect(board.contains("A1001") && !board.contains("\"phone\""), "nor on the wallboard")
        }
    }
}
