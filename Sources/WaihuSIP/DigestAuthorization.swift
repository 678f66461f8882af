import Crypto
import Foundation

/// HTTP digest authentication as SIP uses it (RFC 3261 §22.4, RFC 2617; MD5 with or without `qop=auth`, RFC 7616's
/// answer shape): the carrier trunk's 401 `WWW-Authenticate` or 407 `Proxy-Authenticate` challenge read, and the
/// `Authorization` / `Proxy-Authorization` answer written.
public struct DigestChallenge: Sendable, Equatable {
    public var realm: String
    public var nonce: String
    public var opaque: String?
    /// `auth` when the challenge offers it (Waihu never uses `auth-int`).
    public var qop: String?
    public var algorithm: String
    public var stale: Bool

    public enum ParseError: Error, Equatable, Sendable {
        case notDigest
        case missing(String)
        case unsupportedAlgorithm(String)
    }

    /// Reads `Digest realm="…", nonce="…", qop="auth,auth-int", algorithm=MD5, opaque="…", stale=FALSE`.
    public static func parse(_ header: String) throws(ParseError) -> DigestChallenge {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("digest ") else { throw .notDigest }
        var fields: [String: String] = [:]
        for part in SIPHeaders.splitList(String(trimmed.dropFirst(7))) {
            guard let equals = part.firstIndex(of: "=") else { continue }
            var value = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            fields[part[..<equals].trimmingCharacters(in: .whitespaces).lowercased()] = value
        }
        guard let realm = fields["realm"] else { throw .missing("realm") }
        guard let nonce = fields["nonce"] else { throw .missing("nonce") }
        let algorithm = fields["algorithm"] ?? "MD5"
        guard algorithm.uppercased() == "MD5" else { throw .unsupportedAlgorithm(algorithm) }
        let offered = fields["qop"].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } } ?? []
        return DigestChallenge(realm: realm, nonce: nonce, opaque: fields["opaque"], qop: offered.contains("auth") ? "auth" : nil,
                               algorithm: algorithm, stale: fields["stale"]?.lowercased() == "true")
    }

    /// The answer to this challenge for a request: `nc` counts the uses of one nonce, `cnonce` is the client's own.
    public func authorization(user: String, password: String, method: String, uri: String, nc: Int = 1, cnonce: String) -> String {
        let response = Self.response(user: user, realm: realm, password: password, method: method, uri: uri, nonce: nonce,
                                     qop: qop, nc: Self.count(nc), cnonce: cnonce)
        var parts = ["username=\"\(user)\"", "realm=\"\(realm)\"", "nonce=\"\(nonce)\"", "uri=\"\(uri)\"", "response=\"\(response)\"",
                     "algorithm=\(algorithm)"]
        if let qop { parts += ["qop=\(qop)", "nc=\(Self.count(nc))", "cnonce=\"\(cnonce)\""] }
        if let opaque { parts.append("opaque=\"\(opaque)\"") }
        return "Digest " + parts.joined(separator: ", ")
    }

    /// `nc` as eight hex digits.
    static func count(_ nc: Int) -> String {
        let hex = String(nc, radix: 16)
        return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    /// RFC 2617 §3.2.2.1: MD5(HA1:nonce:nc:cnonce:qop:HA2) with `qop`, MD5(HA1:nonce:HA2) without.
    static func response(user: String, realm: String, password: String, method: String, uri: String, nonce: String,
                         qop: String?, nc: String, cnonce: String) -> String {
        let ha1 = md5("\(user):\(realm):\(password)"), ha2 = md5("\(method):\(uri)")
        guard let qop else { return md5("\(ha1):\(nonce):\(ha2)") }
        return md5("\(ha1):\(nonce):\(nc):\(cnonce):\(qop):\(ha2)")
    }

    static func md5(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }
}

/// A user name and password a trunk or proxy asks for.
public struct SIPCredentials: Sendable, Equatable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}

extension SIPMessage {
    /// This request again answering `response`'s 401 or 407 challenge (RFC 3261 §22.2): a new top Via (`via`, with a
    /// new branch), the CSeq one higher, the `Authorization` or `Proxy-Authorization` added; nil when the response is
    /// no challenge Waihu can answer.
    public func authorized(after response: SIPMessage, _ credentials: SIPCredentials, via: String, cnonce: String) -> SIPMessage? {
        guard let status = response.status, status == 401 || status == 407,
              let header = response.headers[status == 401 ? "WWW-Authenticate" : "Proxy-Authenticate"],
              let challenge = try? DigestChallenge.parse(header), case .request(let method, let uri) = start else { return nil }
        var again = self
        again.headers.set("Via", via)
        again.headers.set("CSeq", "\((cseq?.number ?? 1) + 1) \(method)")
        let name = status == 401 ? "Authorization" : "Proxy-Authorization"
        again.headers.remove(name)
        again.headers.add(name, challenge.authorization(user: credentials.user, password: credentials.password, method: method, uri: uri,
                                                        cnonce: cnonce))
        return again
    }
}
