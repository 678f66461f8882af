import Foundation
import NIOPosix
import Testing
@testable import WaihuSIP

extension PeerTests {
/// Registration with SIPp as the trunk's registrar (scripts/sip/registrar.xml: every REGISTER challenged, a binding of
/// 2 s): the right password registers and renews before each binding lapses, the binding is removed at stop; a wrong
/// password is refused and tried again later.
@Suite(.enabled(if: Peer.installed("sipp"), "SIPp (Debian's sip-tester) is not installed"))
struct RegistrationTests {
    func service(port: Int, password: String) async throws -> SIPService {
        let file: [String: Any] = ["listen": "127.0.0.1:0", "mediaAddress": "127.0.0.1", "callerID": "4008001234",
                                   "trunk": ["address": "127.0.0.1:\(port)", "domain": "trunk.waihu.test", "username": "waihu",
                                             "password": password, "register": true]]
        let configuration = try SIPConfiguration.parse(JSONSerialization.data(withJSONObject: file))
        return try await SIPService.start(configuration, on: MultiThreadedEventLoopGroup.singleton, clock: { Date() }, registrationRetry: 0.5)
    }

    @Test func theRightPasswordRegistersRenewsAndUnregistersAtStop() async throws {
        let port = Peer.unusedPort()
        let registrar = try await Peer.sipp("registrar.xml", port: port)
        defer { registrar.stop() }
        let service = try await service(port: port, password: "trunk-secret")
        await PeerTests.wait("the first registration") { await service.registrations >= 1 }
        #expect(await service.registration == .registered(seconds: 2), "bound for the 2 s the registrar granted")
        let first = ContinuousClock.now
        // Renewed a second into each 2 s binding: two renewals take about 2 s more.
        await PeerTests.wait("two renewals") { await service.registrations >= 3 }
        #expect(ContinuousClock.now - first >= .milliseconds(1800), "renewed before the binding lapsed, not at once")
        await service.stop()
        #expect(await service.registration == .unregistered, "Expires: 0 answered 200 at stop")
    }

    @Test func aWrongPasswordIsRefusedAndTriedAgain() async throws {
        let port = Peer.unusedPort()
        let registrar = try await Peer.sipp("registrar.xml", port: port)
        defer { registrar.stop() }
        let service = try await service(port: port, password: "guess")
        await PeerTests.wait("the refusal") { if case .refused = await service.registration { true } else { false } }
        #expect(await service.registration == .refused(status: 403, reason: "Forbidden"))
        // Tried again after the retry interval (0.5 s here), and refused again.
        await PeerTests.wait("two more tries") { await service.registrationAttempts >= 3 }
        #expect(await service.registrations == 0)
        await service.stop()
    }
}
}
