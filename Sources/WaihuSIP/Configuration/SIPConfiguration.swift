import Foundation
import WaihuCore

/// A host and a UDP port, as the configuration writes them (`127.0.0.1:5070`, `trunk.example.cn` for 5060).
public struct SIPHostPort: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `anyPort` takes port 0: the system picks one (for `listen` in tests and checks).
    public init?(_ text: String, defaultPort: Int = 5060, anyPort: Bool = false) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1 ... 2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" })
        else { return nil }
        host = String(parts[0])
        if parts.count == 2 {
            guard let port = Int(parts[1]), ((anyPort ? 0 : 1) ... 65535).contains(port) else { return nil }
            self.port = port
        } else {
            port = defaultPort
        }
    }

    public var description: String { "\(host):\(port)" }
}

/// What `waihu serve --telephony sip` and `waihu sip check` need to reach the carrier and the agents' phones,
/// read from the JSON file of `--sip-config` and checked field by field.
public struct SIPConfiguration: Sendable, Equatable {
    public struct Trunk: Sendable, Equatable {
        public var address: SIPHostPort
        /// The host written in the Request-URI (`sip:<number>@<domain>`): the trunk's address unless set.
        public var domain: String
        public var username: String?
        public var password: String?
        public var outcomes: SIPOutcomeTable
        /// Whether Waihu registers with the trunk as `username` (renewing before the binding lapses; `SIPService+Registration`).
        public var register: Bool
    }

    public var listen: SIPHostPort
    /// The address the far ends send media and requests to (a public or NAT address when there is one).
    public var mediaAddress: String
    public var rtpPorts: ClosedRange<Int>
    public var codecs: [G711.Law]
    public var trunk: Trunk
    /// The caller id shown to customers, and per project code the number that replaces it.
    public var callerID: String
    public var projectCallerIDs: [String: String]
    /// Each agent's phone by username.
    public var agents: [String: String]
    public var abandonMessage: String?
    public var recordings: String?

    /// The file as written, every field optional so that a missing one can be named.
    struct File: Decodable {
        struct Trunk: Decodable {
            var address: String?, domain: String?, username: String?, password: String?, register: Bool?
            var outcomes: [String: String]?
        }

        var listen: String?, mediaAddress: String?, rtpPorts: String?, codecs: [String]?, trunk: Trunk?
        var callerID: String?, projectCallerIDs: [String: String]?, agents: [String: String]?
        var abandonMessage: String?, recordings: String?
    }

    public static func load(path: String) throws -> SIPConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DomainError(.badInput, code: "sip_config", zh: "读不到 SIP 配置文件 \(path)", en: "The SIP configuration file \(path) cannot be read")
        }
        return try parse(data)
    }

    public static func parse(_ data: Data) throws -> SIPConfiguration {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw field(context.codingPath.map(\.stringValue).joined(separator: "."), zh: "类型不对", en: "has the wrong type")
        } catch {
            throw DomainError(.badInput, code: "sip_config", zh: "SIP 配置文件不是有效的 JSON", en: "The SIP configuration file is not valid JSON")
        }
        return try validate(file)
    }

    static func field(_ name: String, zh: String, en: String) -> DomainError {
        DomainError(.badInput, code: "sip_config", zh: "SIP 配置 \(name)：\(zh)", en: "SIP configuration \(name): \(en)")
    }

    static func validate(_ file: File) throws -> SIPConfiguration {
        guard let trunkFile = file.trunk else { throw field("trunk", zh: "缺少中继设置", en: "is missing (the carrier trunk)") }
        guard let trunkText = trunkFile.address else { throw field("trunk.address", zh: "缺少中继地址", en: "is missing") }
        guard let trunkAddress = SIPHostPort(trunkText) else {
            throw field("trunk.address", zh: "“\(trunkText)”不是 主机:端口", en: "\"\(trunkText)\" is not host:port")
        }
        let listenText = file.listen ?? "0.0.0.0:5060"
        guard let listen = SIPHostPort(listenText, anyPort: true) else {
            throw field("listen", zh: "“\(listenText)”不是 地址:端口", en: "\"\(listenText)\" is not address:port")
        }
        guard let mediaAddress = file.mediaAddress, !mediaAddress.isEmpty else {
            throw field("mediaAddress", zh: "缺少媒体地址（写进 SDP 的本机地址）", en: "is missing (the address written in SDP)")
        }
        let portsText = file.rtpPorts ?? "20000-20999"
        let bounds = portsText.split(separator: "-").compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] >= 1024, bounds[0] % 2 == 0, bounds[1] <= 65535, bounds[1] - bounds[0] >= 3 else {
            throw field("rtpPorts", zh: "“\(portsText)”应为 偶数起始-结束，例如 20000-20999", en: "\"\(portsText)\" should be even-start-end, e.g. 20000-20999")
        }
        var codecs: [G711.Law] = []
        for name in file.codecs ?? ["PCMA", "PCMU"] {
            guard let law = G711.Law(rawValue: name.uppercased()) else {
                throw field("codecs", zh: "不支持“\(name)”，只能是 PCMA 或 PCMU", en: "\"\(name)\" is not spoken; PCMA or PCMU")
            }
            if !codecs.contains(law) { codecs.append(law) }
        }
        guard !codecs.isEmpty else { throw field("codecs", zh: "至少要一种编码", en: "needs at least one codec") }
        var own: [String: CallFailure] = [:]
        for (key, value) in trunkFile.outcomes ?? [:] {
            guard let failure = CallFailure(rawValue: value) else {
                let names = CallFailure.allCases.map(\.rawValue).joined(separator: ", ")
                throw field("trunk.outcomes.\(key)", zh: "“\(value)”不是呼叫结果（\(names)）", en: "\"\(value)\" is not a call result (\(names))")
            }
            own[key] = failure
        }
        let outcomes: SIPOutcomeTable
        do {
            outcomes = try SIPOutcomeTable.defaults.overridden(by: own)
        } catch {
            throw field("trunk.outcomes.\(error.key)", zh: "规则应写作 486、480;cause=20 或 cause=17", en: "a rule is written 486, 480;cause=20 or cause=17")
        }
        if (trunkFile.username == nil) != (trunkFile.password == nil) {
            throw field(trunkFile.username == nil ? "trunk.username" : "trunk.password", zh: "用户名和密码要一起填", en: "the username and the password go together")
        }
        if trunkFile.register == true, trunkFile.username == nil {
            throw field("trunk.register", zh: "注册需要用户名和密码", en: "registering needs the username and password")
        }
        guard let callerID = file.callerID, !callerID.isEmpty, callerID.allSatisfy({ $0.isNumber || $0 == "+" }) else {
            throw field("callerID", zh: "缺少主叫号码（只含数字）", en: "is missing or not a number")
        }
        for (project, number) in file.projectCallerIDs ?? [:] where number.isEmpty || !number.allSatisfy({ $0.isNumber || $0 == "+" }) {
            throw field("projectCallerIDs.\(project)", zh: "“\(number)”不是号码", en: "\"\(number)\" is not a number")
        }
        for (agent, uri) in file.agents ?? [:] where SIPURI.hostPort(of: uri) == nil {
            throw field("agents.\(agent)", zh: "“\(uri)”不是 sip:用户@主机:端口", en: "\"\(uri)\" is not sip:user@host:port")
        }
        if let message = file.abandonMessage {
            guard let bytes = FileManager.default.contents(atPath: message) else {
                throw field("abandonMessage", zh: "读不到文件 \(message)", en: "the file \(message) cannot be read")
            }
            do { _ = try WAVFile.monoSamples(Array(bytes)) } catch {
                throw field("abandonMessage", zh: "应为 8 kHz 单声道 WAV（PCM、μ-law 或 A-law）", en: "should be an 8 kHz mono WAV (PCM, μ-law or A-law)")
            }
        }
        let trunk = Trunk(address: trunkAddress, domain: trunkFile.domain ?? trunkAddress.host, username: trunkFile.username,
                          password: trunkFile.password, outcomes: outcomes, register: trunkFile.register ?? false)
        return SIPConfiguration(listen: listen, mediaAddress: mediaAddress, rtpPorts: bounds[0] ... bounds[1], codecs: codecs, trunk: trunk,
                                callerID: callerID, projectCallerIDs: file.projectCallerIDs ?? [:], agents: file.agents ?? [:],
                                abandonMessage: file.abandonMessage, recordings: file.recordings)
    }
}

/// The parts of a SIP URI the user agent needs (RFC 3261 §19.1).
public enum SIPURI {
    /// The host and port of `sip:user@host:port;params` (5060 when no port is written).
    public static func hostPort(of uri: String) -> SIPHostPort? {
        var text = uri.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("<"), let end = text.firstIndex(of: ">") { text = String(text[text.index(after: text.startIndex) ..< end]) }
        guard text.lowercased().hasPrefix("sip:") else { return nil }
        text.removeFirst(4)
        if let at = text.lastIndex(of: "@") { text = String(text[text.index(after: at)...]) }
        if let semicolon = text.firstIndex(where: { $0 == ";" || $0 == "?" }) { text = String(text[..<semicolon]) }
        return SIPHostPort(text)
    }
}
