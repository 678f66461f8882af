import Foundation
import NIOCore

/// `waihu sip check`: an OPTIONS to the trunk and to every agent's phone, and what each answered — for the person
/// setting Waihu up, before the first real call.
public enum SIPCheck {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var uri: String
        public var result: Result

        public enum Result: Sendable, Equatable {
            /// The final answer, the round trip in milliseconds and the peer's Server or User-Agent.
            case answered(status: Int, reason: String, milliseconds: Int, software: String?)
            /// 401/407 first, then this answer to the request with the trunk's credentials.
            case authenticated(challenge: Int, status: Int, reason: String, software: String?)
            case noAnswer(seconds: Double)
            case unreachable(String)
        }

        /// Whether the peer is there and takes Waihu's requests (any answer but a refusal of the credentials).
        public var reachable: Bool {
            switch result {
            case .answered(let status, _, _, _): status != 401 && status != 407 && status != 403
            case .authenticated(_, let status, _, _): status < 300
            case .noAnswer, .unreachable: false
            }
        }

        public var line: String {
            let what: String
            switch result {
            case .answered(let status, let reason, let milliseconds, let software):
                what = "\(status) \(reason) in \(milliseconds < 1 ? "< 1" : "\(milliseconds)") ms" + (software.map { " (\($0))" } ?? "")
                    + (status == 401 || status == 407 ? " — 需要认证，配置里没有用户名和密码 / needs credentials, none configured" : "")
            case .authenticated(let challenge, let status, let reason, let software):
                what = "\(challenge) then, with the credentials, \(status) \(reason)" + (software.map { " (\($0))" } ?? "")
                    + (status == 401 || status == 403 || status == 407 ? " — 中继不接受用户名或密码 / the trunk refused the credentials" : "")
            case .noAnswer(let seconds):
                what = "无应答 / no answer within \(Int(seconds)) s"
            case .unreachable(let reason):
                what = "无法发送 / cannot send: \(reason)"
            }
            return "\(reachable ? "ok  " : "FAIL") \(name) \(uri): \(what)"
        }
    }

    /// Probes the trunk, then every agent's phone (in username order), one after the other.
    public static func run(_ configuration: SIPConfiguration, through endpoint: SIPEndpoint, giveUpAfter seconds: Double) async -> [Row] {
        let trunk = configuration.trunk
        var rows = [await probe(name: "trunk", uri: "sip:\(trunk.domain)", address: trunk.address, endpoint: endpoint, seconds: seconds,
                                credentials: trunk.username.flatMap { user in trunk.password.map { (user, $0) } })]
        for (agent, uri) in configuration.agents.sorted(by: { $0.key < $1.key }) {
            guard let address = SIPURI.hostPort(of: uri) else { continue }
            rows.append(await probe(name: "agent \(agent)", uri: uri, address: address, endpoint: endpoint, seconds: seconds, credentials: nil))
        }
        return rows
    }

    static func probe(name: String, uri: String, address: SIPHostPort, endpoint: SIPEndpoint, seconds: Double,
                      credentials: (String, String)?) async -> Row {
        let destination: SocketAddress
        do { destination = try address.socketAddress() } catch {
            return Row(name: name, uri: uri, result: .unreachable("\(address.host): \(error)"))
        }
        let request = endpoint.request("OPTIONS", uri: uri)
        let started = ContinuousClock.now
        guard let first = await endpoint.send(request, to: destination, giveUpAfter: seconds) else {
            return Row(name: name, uri: uri, result: .noAnswer(seconds: seconds))
        }
        let elapsed = started.duration(to: .now).components
        let milliseconds = Int(elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000)
        let status = first.status ?? 0
        if let (user, password) = credentials, let again = endpoint.authorized(request, after: first, user: user, password: password) {
            guard let second = await endpoint.send(again, to: destination, giveUpAfter: seconds) else {
                return Row(name: name, uri: uri, result: .noAnswer(seconds: seconds))
            }
            return Row(name: name, uri: uri, result: .authenticated(challenge: status, status: second.status ?? 0, reason: reason(second),
                                                                     software: software(second)))
        }
        return Row(name: name, uri: uri, result: .answered(status: status, reason: reason(first), milliseconds: milliseconds,
                                                           software: software(first)))
    }

    static func reason(_ response: SIPMessage) -> String {
        if case .response(_, let reason) = response.start { reason } else { "" }
    }

    static func software(_ response: SIPMessage) -> String? { response.headers["Server"] ?? response.headers["User-Agent"] }
}
