import Foundation

/// Where Waihu's registration with the trunk stands (`trunk.register`).
public enum RegistrationState: Sendable, Equatable {
    case notConfigured
    case registering
    /// Bound for this many seconds, renewed before they run out.
    case registered(seconds: Int)
    /// The registrar refused (a wrong password: 403); tried again later.
    case refused(status: Int, reason: String)
    /// No answer from the registrar; tried again later.
    case noAnswer
    /// The binding removed at stop (Expires: 0).
    case unregistered
}

/// The REGISTER requests of one binding (RFC 3261 §10.2): `sip:<username>@<domain>` bound to Waihu's own address,
/// the same Call-ID for every request and the CSeq one higher each time; and the registrar's answer read for how long
/// the binding lasts and when to renew it. Pure: the service sends and waits.
struct TrunkRegistration {
    /// The binding Waihu asks for; the registrar may grant less (or ask for more with 423 and Min-Expires).
    static let askedSeconds = 3600

    let username: String
    let domain: String
    let contact: String
    let callID: String
    let fromTag: String
    var cseq = 0

    init(username: String, domain: String, contactHost: String, callID: String, fromTag: String) {
        self.username = username
        self.domain = domain
        contact = "<sip:\(username)@\(contactHost)>"
        self.callID = callID
        self.fromTag = fromTag
    }

    /// The next REGISTER asking for `expires` seconds (0 removes the binding), on a fresh branch `via`.
    mutating func request(expires: Int, via: String) -> SIPMessage {
        cseq += 1
        return SIPMessage(.request(method: "REGISTER", uri: "sip:\(domain)"), headers: SIPHeaders([
            ("Via", via), ("Max-Forwards", "70"), ("From", "<sip:\(username)@\(domain)>;tag=\(fromTag)"), ("To", "<sip:\(username)@\(domain)>"),
            ("Call-ID", callID), ("CSeq", "\(cseq) REGISTER"), ("Contact", contact), ("Expires", "\(expires)"), ("User-Agent", "Waihu"),
        ]))
    }

    /// A request sent again with credentials carries a higher CSeq: the next one counts on from it.
    mutating func sent(_ message: SIPMessage) {
        cseq = max(cseq, message.cseq?.number ?? cseq)
    }

    /// How long the registrar bound Waihu: the `expires` parameter of Waihu's own Contact in the 2xx, else its
    /// Expires header, else what was asked.
    func granted(by response: SIPMessage, asked: Int) -> Int {
        let ours = contact.dropFirst().dropLast()
        for value in response.headers.values("Contact") where value.contains(ours) {
            if let seconds = Self.parameter("expires", in: value) { return seconds }
        }
        return response.headers["Expires"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? asked
    }

    /// When to renew a binding of `granted` seconds: before it lapses, by half of it and at most a minute.
    static func renewal(after granted: Int) -> Double {
        let seconds = Double(max(granted, 1))
        return seconds - min(seconds / 2, 60)
    }

    static func parameter(_ name: String, in value: String) -> Int? {
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name { return Int(pair[1]) }
        }
        return nil
    }
}
