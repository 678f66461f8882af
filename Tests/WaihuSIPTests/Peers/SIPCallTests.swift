import Foundation
import NIOPosix
import Testing
import WaihuCore
@testable import WaihuSIP

extension PeerTests {
/// Calls placed through the endpoint to SIPp playing the customers' network (`scripts/sip/customers.xml`): the first
/// digit of the number picks the customer's answer, and each must end as the research note's outcome table says.
@Suite(.enabled(if: Peer.installed("sipp"), "SIPp (Debian's sip-tester) is not installed"))
struct SIPCallTests {
    /// Short timers so that the test also sees every call forgotten: T1 50 ms, so Timers B, F, H, M are 3.2 s.
    static let timers = SIPTimers(t1: 0.05, t2: 0.4, t4: 0.5, udpWait: 1)

    @Test func everyOutcomeOfTheCustomersNetworkEndsAsTheTableSays() async throws {
        let port = Peer.unusedPort()
        let network = try await Peer.sipp("customers.xml", port: port)
        defer { network.stop() }
        try await Self.placeEveryOutcome(trunk: port)
    }

    /// Places one call for each first digit 1…8 through the trunk at 127.0.0.1:`trunk` (SIPp's customers.xml, or a
    /// proxy in front of it), plays the dialer's side (hangs up the answered ones, cancels the one that rings for
    /// ever) and checks each call's events against the outcome table, then that every call is forgotten.
    static func placeEveryOutcome(trunk port: Int, credentials: SIPCredentials? = nil) async throws {
        let endpoint = try await SIPEndpoint.start(listen: SIPHostPort(host: "127.0.0.1", port: 0), advertisedHost: "127.0.0.1",
                                                   on: MultiThreadedEventLoopGroup.singleton, clock: { Date() }, timers: Self.timers)
        let seen = Seen()
        let collector = Task {
            for await event in endpoint.events { seen.add(event) }
        }
        let offer = SDPAudio(sessionID: 1, version: 1, address: "127.0.0.1", port: 20000, formats: [(8, "PCMA/8000"), (0, "PCMU/8000")])
        var calls: [Int: String] = [:]
        let trunk = try SIPHostPort(host: "127.0.0.1", port: port).socketAddress()
        for digit in 1 ... 8 {
            let invite = endpoint.invite("sip:\(digit)001@127.0.0.1:\(port)", callerID: "4008001234", sdp: offer)
            calls[digit] = invite.callID
            await endpoint.place(invite, to: trunk, credentials: credentials)
        }
        func events(_ digit: Int) -> [OutboundCall.Event] { seen.events(calls[digit]!) }
        func wait(_ what: String, seconds: Double = 10, until done: () async -> Bool) async {
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            while !(await done()) {
                guard ContinuousClock.now < deadline else {
                    let phases = await endpoint.phases.map { id, phase in "\(calls.first { $0.value == id }?.key ?? 0)xxx \(phase)" }
                    Issue.record("waited \(seconds) s for \(what): \(phases.sorted())")
                    return
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        // The dialer's side: hang up the answered 1xxx and 6xxx, and cancel the 5xxx that rings for ever.
        for digit in [1, 6] {
            await wait("\(digit)001 answered") { events(digit).contains { if case .answered = $0 { true } else { false } } }
            await endpoint.hangUp(calls[digit]!)
        }
        await wait("5001 ringing") { events(5).contains(.ringing) }
        await endpoint.hangUp(calls[5]!)
        // Ended, and every event read off the endpoint's stream (2 + 1 + 1 + 1 + 1 + 3 + 3 + 1 of them).
        await wait("every call ended") { await endpoint.liveCalls == 0 && (1 ... 8).map { events($0).count }.reduce(0, +) >= 13 }

        let answered = { (events: [OutboundCall.Event]) in events.contains { if case .answered(let sdp) = $0 { sdp?.port != nil } else { false } } }
        #expect(events(1).first == .ringing && answered(events(1)) && events(1).count == 2, "\(events(1))")
        #expect(events(2) == [.failed(.busy)])
        #expect(events(3) == [.failed(.vacant)])
        #expect(events(4) == [.failed(.powered_off)])
        #expect(events(5) == [.ringing], "no event after Waihu's CANCEL and the 487")
        #expect(events(6).count == 3 && events(6).first == .ringing && answered(events(6)), "\(events(6))")
        if case .earlyMedia(let sdp) = events(6).dropFirst().first { #expect(sdp.formats.first?.payload == 8) } else { Issue.record("early media") }
        #expect(events(7).count == 3 && answered(events(7)) && events(7).last == .hungUp, "\(events(7))")
        #expect(events(8) == [.failed(.failed)], "503 directly, 500 through a proxy (RFC 3261 §16.7): both failed")
        await wait("every call forgotten") { await endpoint.rememberedCalls == 0 }
        collector.cancel()
        await endpoint.stop()
    }

    @Test func aTrunkThatChallengesCallsConnectsTheRightPasswordAndRefusesAWrongOne() async throws {
        let port = Peer.unusedPort()
        let trunk = try await Peer.sipp("trunk-auth.xml", port: port)
        defer { trunk.stop() }
        let endpoint = try await SIPEndpoint.start(listen: SIPHostPort(host: "127.0.0.1", port: 0), advertisedHost: "127.0.0.1",
                                                   on: MultiThreadedEventLoopGroup.singleton, clock: { Date() }, timers: Self.timers)
        let seen = Seen()
        let collector = Task { for await event in endpoint.events { seen.add(event) } }
        let offer = SDPAudio(sessionID: 1, version: 1, address: "127.0.0.1", port: 20000, formats: [(8, "PCMA/8000")])
        let address = try SIPHostPort(host: "127.0.0.1", port: port).socketAddress()
        let good = endpoint.invite("sip:13800138000@127.0.0.1", callerID: "4008001234", sdp: offer)
        await endpoint.place(good, to: address, credentials: SIPCredentials(user: "waihu", password: "trunk-secret"))
        let wrong = endpoint.invite("sip:13900139000@127.0.0.1", callerID: "4008001234", sdp: offer)
        await endpoint.place(wrong, to: address, credentials: SIPCredentials(user: "waihu", password: "guess"))
        let deadline = ContinuousClock.now + .seconds(10)
        while seen.events(good.callID!).isEmpty || seen.events(wrong.callID!).isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(seen.events(good.callID!).contains { if case .answered = $0 { true } else { false } }, "SIPp took Waihu's digest")
        #expect(seen.events(wrong.callID!) == [.failed(.failed)], "403 for a wrong password")
        await endpoint.hangUp(good.callID!)
        let ended = ContinuousClock.now + .seconds(5)
        while await endpoint.liveCalls > 0, ContinuousClock.now < ended { try await Task.sleep(for: .milliseconds(20)) }
        #expect(await endpoint.liveCalls == 0)
        collector.cancel()
        await endpoint.stop()
    }
}

/// The events of each call as the endpoint reported them.
final class Seen: @unchecked Sendable {
    let lock = NSLock()
    var byCall: [String: [OutboundCall.Event]] = [:]

    func add(_ event: SIPEndpoint.CallEvent) { lock.withLock { byCall[event.callID, default: []].append(event.event) } }
    func events(_ callID: String) -> [OutboundCall.Event] { lock.withLock { byCall[callID] ?? [] } }
}
}
