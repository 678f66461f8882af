import Foundation
import NIOPosix
import Testing
import WaihuCore
@testable import WaihuSIP

extension PeerTests {
/// `waihu sip check` against real peers: SIPp as a trunk that answers, SIPp as a trunk that demands a password, and a
/// port where nothing listens.
@Suite(.enabled(if: Peer.installed("sipp"), "SIPp (Debian's sip-tester) is not installed"))
struct SIPCheckTests {
    static func configuration(trunkPort: Int, user: String? = nil, password: String? = nil, agents: [String: String] = [:]) throws -> SIPConfiguration {
        var trunk: [String: Any] = ["address": "127.0.0.1:\(trunkPort)"]
        if let user, let password { trunk["username"] = user; trunk["password"] = password }
        let file: [String: Any] = ["listen": "127.0.0.1:0", "mediaAddress": "127.0.0.1", "trunk": trunk, "callerID": "4008001234",
                                   "agents": agents]
        return try SIPConfiguration.parse(JSONSerialization.data(withJSONObject: file))
    }

    static func check(_ configuration: SIPConfiguration, giveUpAfter seconds: Double = 2) async throws -> [SIPCheck.Row] {
        let endpoint = try await SIPEndpoint.start(listen: configuration.listen, advertisedHost: "127.0.0.1", on: MultiThreadedEventLoopGroup.singleton, clock: { Date() })
        let rows = await SIPCheck.run(configuration, through: endpoint, giveUpAfter: seconds)
        await endpoint.stop()
        return rows
    }

    @Test func theTrunkAndAPhoneAnswerAndASilentPhoneIsReported() async throws {
        let trunkPort = Peer.unusedPort()
        let trunk = try await Peer.sipp("options.xml", port: trunkPort)
        defer { trunk.stop() }
        let phonePort = Peer.unusedPort()
        let phone = try await Peer.sipp("options.xml", port: phonePort)
        defer { phone.stop() }
        let silent = Peer.unusedPort()
        let rows = try await Self.check(Self.configuration(trunkPort: trunkPort, agents: [
            "a1001": "sip:a1001@127.0.0.1:\(phonePort)", "a1002": "sip:a1002@127.0.0.1:\(silent)",
        ]))
        #expect(rows.map(\.name) == ["trunk", "agent a1001", "agent a1002"])
        guard case .answered(200, "OK", _, "SIPp as the carrier") = rows[0].result else { Issue.record("\(rows[0].line)"); return }
        guard case .answered(200, _, _, _) = rows[1].result else { Issue.record("\(rows[1].line)"); return }
        #expect(rows[2].result == .noAnswer(seconds: 2) && !rows[2].reachable)
        #expect(rows[0].line.hasPrefix("ok   trunk sip:127.0.0.1: 200 OK in ") && rows[2].line.hasPrefix("FAIL agent a1002"))
    }

    @Test func aTrunkThatDemandsAPasswordTakesTheRightOneAndRefusesAWrongOne() async throws {
        let port = Peer.unusedPort()
        let trunk = try await Peer.sipp("options-auth.xml", port: port)
        defer { trunk.stop() }
        let good = try await Self.check(Self.configuration(trunkPort: port, user: "waihu", password: "trunk-secret"))
        #expect(good[0].result == .authenticated(challenge: 401, status: 200, reason: "OK", software: "SIPp as the carrier"), "\(good[0].line)")
        let wrong = try await Self.check(Self.configuration(trunkPort: port, user: "waihu", password: "guess"))
        #expect(wrong[0].result == .authenticated(challenge: 401, status: 403, reason: "Forbidden", software: nil), "\(wrong[0].line)")
        #expect(!wrong[0].reachable && wrong[0].line.contains("the trunk refused the credentials"))
        let none = try await Self.check(Self.configuration(trunkPort: port))
        guard case .answered(401, _, _, _) = none[0].result else { Issue.record("\(none[0].line)"); return }
        #expect(none[0].line.contains("needs credentials, none configured"))
    }
}
}
