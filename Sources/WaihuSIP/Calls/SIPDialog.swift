/// A dialog Waihu started with an INVITE (RFC 3261 §12.1.2): Call-ID and both tags, the route set (the 2xx's
/// Record-Route reversed), the remote target (its Contact) and the CSeq numbers. It writes the requests inside the
/// dialog: the ACK of each 2xx, BYE, and the answers to the far end's requests.
public struct SIPDialog: Sendable, Equatable {
    public let callID: String
    /// The INVITE's From (with Waihu's tag) and the 2xx's To (with the far end's tag), as written.
    public let local: String
    public let remote: String
    public let remoteTarget: String
    public let routeSet: [String]
    public let inviteSequence: Int
    public private(set) var localSequence: Int
    /// The far end's CSeq so far: an in-dialog request with a lower one is out of order (§12.2.2).
    public var remoteSequence: Int?

    public init?(invite: SIPMessage, answer: SIPMessage) {
        guard let callID = invite.callID, let from = invite.headers["From"], let to = answer.headers["To"], answer.toTag != nil,
              let sequence = invite.cseq?.number, case .request(_, let uri) = invite.start else { return nil }
        self.callID = callID
        local = from
        remote = to
        remoteTarget = answer.headers["Contact"].flatMap(Self.uri(of:)) ?? uri
        routeSet = answer.headers.values("Record-Route").reversed()
        inviteSequence = sequence
        localSequence = sequence
    }

    /// The URI inside a name-addr (`"Bob" <sip:b@h>;tag=x` gives `sip:b@h`), or the bare URI before its parameters.
    static func uri(of value: String) -> String? {
        if let open = value.firstIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            return String(value[value.index(after: open) ..< close])
        }
        let bare = value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) }
        return bare?.isEmpty == false ? bare : nil
    }

    /// A new request in the dialog (BYE, re-INVITE, OPTIONS): the next CSeq, to the remote target through the route set.
    public mutating func request(_ method: String, via: String, body: [UInt8] = [], contentType: String? = nil) -> SIPMessage {
        localSequence += 1
        return make(method, sequence: localSequence, via: via, body: body, contentType: contentType)
    }

    /// The ACK of a 2xx (§13.2.2.4): its own transaction, the INVITE's CSeq number; one for each 2xx that arrives.
    public func ack(via: String) -> SIPMessage {
        make("ACK", sequence: inviteSequence, via: via, body: [], contentType: nil)
    }

    func make(_ method: String, sequence: Int, via: String, body: [UInt8], contentType: String?) -> SIPMessage {
        var headers = SIPHeaders([("Via", via), ("Max-Forwards", "70"), ("From", local), ("To", remote), ("Call-ID", callID),
                                  ("CSeq", "\(sequence) \(method)")])
        for route in routeSet { headers.add("Route", route) }
        if let contentType { headers.add("Content-Type", contentType) }
        return SIPMessage(.request(method: method, uri: remoteTarget), headers: headers, body: body)
    }
}
