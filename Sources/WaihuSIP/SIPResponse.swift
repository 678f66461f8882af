/// Responses to a peer's request (RFC 3261 §8.2.6).
public enum SIPResponse {
    /// Its Vias, From, Call-ID and CSeq copied, its To given a tag of Waihu's when it has none, `Server: Waihu`.
    public static func make(_ status: Int, _ reason: String, to request: SIPMessage) -> SIPMessage {
        var headers = SIPHeaders()
        for via in request.headers.values("Via") { headers.add("Via", via) }
        for name in ["From", "Call-ID", "CSeq"] { if let value = request.headers[name] { headers.add(name, value) } }
        if let to = request.headers["To"] { headers.add("To", request.toTag == nil ? "\(to);tag=\(token())" : to) }
        headers.add("Server", "Waihu")
        return SIPMessage(.response(status: status, reason: reason), headers: headers)
    }

    /// A random token for tags, branches and Call-IDs.
    public static func token(prefix: String = "") -> String {
        prefix + String(UInt64.random(in: 0 ... UInt64.max), radix: 36)
    }
}
