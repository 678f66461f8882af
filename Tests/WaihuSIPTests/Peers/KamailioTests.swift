import Foundation
import NIOPosix
import Testing
import WaihuCore
@testable import WaihuSIP

extension PeerTests {
/// Calls through Kamailio (scripts/sip/kamailio.cfg), a stateful proxy that record-routes, in front of SIPp playing the
/// customers' network: the route set is followed for ACK, BYE and CANCEL, a 503 arrives as 500 and is still a failure,
/// and a proxy that demands 407 digest authentication takes the trunk's credentials.
@Suite(.enabled(if: Peer.installed("sipp") && Peer.installed("kamailio"), "SIPp or Kamailio is not installed"))
struct KamailioTests {
    @Test func everyOutcomeEndsAsTheTableSaysThroughTheProxy() async throws {
        let port = Peer.unusedPort()
        let network = try await Peer.sipp("customers.xml", port: port)
        defer { network.stop() }
        let proxy = try await Peer.kamailio(port: port + 8, network: port)
        defer { proxy.stop() }
        try await SIPCallTests.placeEveryOutcome(trunk: port + 8)
    }

    @Test func aProxyThatDemands407TakesTheTrunksCredentialsAndRefusesAWrongPassword() async throws {
        let port = Peer.unusedPort()
        let network = try await Peer.sipp("customers.xml", port: port)
        defer { network.stop() }
        let proxy = try await Peer.kamailio(port: port + 8, network: port, password: "trunk-secret")
        defer { proxy.stop() }
        // Every outcome, each INVITE answered 407 first and sent again with Proxy-Authorization.
        try await SIPCallTests.placeEveryOutcome(trunk: port + 8, credentials: SIPCredentials(user: "waihu", password: "trunk-secret"))

        let endpoint = try await SIPEndpoint.start(listen: SIPHostPort(host: "127.0.0.1", port: 0), advertisedHost: "127.0.0.1",
                                                   on: MultiThreadedEventLoopGroup.singleton, clock: { Date() }, timers: SIPCallTests.timers)
        let seen = Seen()
        let collector = Task { for await event in endpoint.events { seen.add(event) } }
        let offer = SDPAudio(sessionID: 1, version: 1, address: "127.0.0.1", port: 20000, formats: [(8, "PCMA/8000")])
        let address = try SIPHostPort(host: "127.0.0.1", port: port + 8).socketAddress()
        let wrong = endpoint.invite("sip:1002@127.0.0.1:\(port + 8)", callerID: "4008001234", sdp: offer)
        await endpoint.place(wrong, to: address, credentials: SIPCredentials(user: "waihu", password: "guess"))
        let none = endpoint.invite("sip:1003@127.0.0.1:\(port + 8)", callerID: "4008001234", sdp: offer)
        await endpoint.place(none, to: address)
        let deadline = ContinuousClock.now + .seconds(10)
        while seen.events(wrong.callID!).isEmpty || seen.events(none.callID!).isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(seen.events(wrong.callID!) == [.failed(.failed)], "challenged again after the wrong password: the call fails")
        #expect(seen.events(none.callID!) == [.failed(.failed)], "no credentials configured: the 407 fails the call")
        let ended = ContinuousClock.now + .seconds(5)
        while await endpoint.rememberedCalls > 0, ContinuousClock.now < ended { try await Task.sleep(for: .milliseconds(20)) }
        #expect(await endpoint.liveCalls == 0)
        #expect(await endpoint.rememberedCalls == 0)
        collector.cancel()
        await endpoint.stop()
    }

    @Test func theSetupCheckAnswersTheProxysChallenge() async throws {
        let port = Peer.unusedPort()
        let proxy = try await Peer.kamailio(port: port + 8, network: port, password: "trunk-secret")
        defer { proxy.stop() }
        let file = #"{"trunk": {"address": "127.0.0.1:\#(port + 8)", "username": "waihu", "password": "trunk-secret"}, "mediaAddress": "127.0.0.1", "callerID": "4008001234"}"#
        let configuration = try SIPConfiguration.parse(Data(file.utf8))
        let endpoint = try await SIPEndpoint.start(listen: SIPHostPort(host: "127.0.0.1", port: 0), advertisedHost: "127.0.0.1",
                                                   on: MultiThreadedEventLoopGroup.singleton, clock: { Date() }, timers: SIPCallTests.timers)
        let rows = await SIPCheck.run(configuration, through: endpoint, giveUpAfter: 3)
        await endpoint.stop()
        guard rows.count == 1, case .authenticated(let challenge, let status, _, _) = rows[0].result else {
            Issue.record("\(rows)")
            return
        }
        #expect(challenge == 407 && status == 200 && rows[0].reachable)
    }
}
}
