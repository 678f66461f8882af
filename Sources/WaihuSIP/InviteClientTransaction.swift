/// The timers of RFC 3261 §17 (Table 4), in seconds: T1 the round-trip estimate, the others derived from it.
public struct SIPTimers: Sendable, Equatable {
    public var t1: Double = 0.5
    public var t2: Double = 4
    /// How long a message may stay in the network: Timers I and K over UDP.
    public var t4: Double = 5
    /// The least Timer D waits over UDP (32 s in the RFC; shorter only in tests that watch a call being forgotten).
    public var udpWait: Double = 32

    public init(t1: Double = 0.5, t2: Double = 4, t4: Double = 5, udpWait: Double = 32) {
        self.t1 = t1
        self.t2 = t2
        self.t4 = t4
        self.udpWait = udpWait
    }

    /// Timer B (INVITE transaction timeout), F, H, J and M: 64 × T1.
    public var timeout: Double { 64 * t1 }
    /// Timer D over UDP: at least 32 s, for the server's retransmitted final answers to be ACKed.
    public var d: Double { max(udpWait, timeout) }
}

/// The client INVITE transaction of RFC 3261 §17.1.1, with RFC 6026's Accepted state: a pure state machine on a clock
/// the caller passes in (seconds), over an unreliable transport. It says what to send and what to hand the dialog
/// layer; it never touches a socket or reads the time itself.
public struct InviteClientTransaction: Sendable {
    public enum State: Sendable, Equatable {
        case calling, proceeding, accepted, completed, terminated
    }

    public enum Action: Sendable, Equatable {
        /// Send (or send again) this request.
        case send(SIPMessage)
        /// Hand a response to the dialog layer (each 2xx, retransmissions included: the dialog ACKs every one).
        case deliver(SIPMessage)
        /// No answer within Timer B: the call failed (a 408 to the dialog layer, §17.1.1.2).
        case timedOut
    }

    public private(set) var state = State.calling
    public let request: SIPMessage
    let timers: SIPTimers
    var interval: Double
    var retransmitAt: Double?
    /// Timer B in Calling, D in Completed, M in Accepted.
    var endAt: Double?

    public init(_ request: SIPMessage, timers: SIPTimers = SIPTimers()) {
        self.request = request
        self.timers = timers
        interval = timers.t1
    }

    /// The INVITE's first sending, which starts timers A and B.
    public mutating func start(at now: Double) -> [Action] {
        retransmitAt = now + interval
        endAt = now + timers.timeout
        return [.send(request)]
    }

    /// When `fire` next has something to do.
    public var nextDeadline: Double? { [retransmitAt, endAt].compactMap { $0 }.min() }

    /// The timers due at `now`: retransmissions (Timer A, doubling), the timeout (B), the end of waiting (D, M).
    public mutating func fire(at now: Double) -> [Action] {
        var actions: [Action] = []
        if let end = endAt, now >= end {
            let timedOut = state == .calling
            state = .terminated
            retransmitAt = nil
            endAt = nil
            return timedOut ? [.timedOut] : []
        }
        while state == .calling, let due = retransmitAt, now >= due {
            actions.append(.send(request))
            interval *= 2
            retransmitAt = due + interval
        }
        return actions
    }

    /// A response whose top Via branch and CSeq method match this transaction (§17.1.3; the caller matched them).
    public mutating func receive(_ response: SIPMessage, at now: Double) -> [Action] {
        guard let status = response.status else { return [] }
        switch (state, status) {
        case (.calling, 100 ..< 200), (.proceeding, 100 ..< 200):
            state = .proceeding
            retransmitAt = nil
            endAt = nil
            return [.deliver(response)]
        case (.calling, 200 ..< 300), (.proceeding, 200 ..< 300):
            state = .accepted
            retransmitAt = nil
            endAt = now + timers.timeout
            return [.deliver(response)]
        case (.accepted, 200 ..< 300):
            return [.deliver(response)]
        case (.calling, 300...), (.proceeding, 300...):
            state = .completed
            retransmitAt = nil
            endAt = now + timers.d
            return [.send(ack(for: response)), .deliver(response)]
        case (.completed, 300...):
            return [.send(ack(for: response))]
        default:
            return []
        }
    }

    /// Forgets the transaction: a CANCEL was sent and no final answer came within 64 × T1 (§9.1).
    public mutating func abandon() {
        state = .terminated
        retransmitAt = nil
        endAt = nil
    }

    /// The ACK of a failure answer (§17.1.1.3): the request's URI, Call-ID, From, Route and top Via, the answer's To
    /// (with its tag), the request's CSeq number with the method ACK.
    func ack(for response: SIPMessage) -> SIPMessage {
        guard case .request(_, let uri) = request.start else { return request }
        var headers = SIPHeaders()
        if let via = request.headers["Via"] { headers.add("Via", via) }
        headers.add("Max-Forwards", "70")
        for name in ["From", "Call-ID"] { if let value = request.headers[name] { headers.add(name, value) } }
        if let to = response.headers["To"] ?? request.headers["To"] { headers.add("To", to) }
        headers.add("CSeq", "\(request.cseq?.number ?? 1) ACK")
        for route in request.headers.values("Route") { headers.add("Route", route) }
        return SIPMessage(.request(method: "ACK", uri: uri), headers: headers)
    }
}
