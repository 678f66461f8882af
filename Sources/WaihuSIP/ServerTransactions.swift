/// The server INVITE transaction of RFC 3261 §17.2.1 with RFC 6026's Accepted state: an INVITE came in (an agent's
/// phone calling Waihu, or a re-INVITE); the layer above answers through `respond`. Here the transaction also
/// retransmits its own 2xx until the ACK comes (§13.3.1.4 puts that in the UA core; keeping it beside Timer L means
/// one clock and one place that forgets the call), and hands that ACK up once.
public struct InviteServerTransaction: Sendable {
    public enum State: Sendable, Equatable {
        case proceeding, accepted, completed, confirmed, terminated
    }

    public enum Action: Sendable, Equatable {
        case send(SIPMessage)
        /// The ACK of the 2xx, for the dialog (once).
        case deliver(SIPMessage)
        /// No ACK for the answer within 64 × T1 (Timer H, or the 2xx's own give-up): the dialog ends (§13.3.1.4).
        case timedOut
    }

    public private(set) var state = State.proceeding
    public let request: SIPMessage
    let timers: SIPTimers
    var lastResponse: SIPMessage?
    var interval: Double
    var retransmitAt: Double?
    /// H in Completed, I in Confirmed, L in Accepted.
    var endAt: Double?
    var acked = false

    public init(_ invite: SIPMessage, timers: SIPTimers = SIPTimers()) {
        request = invite
        self.timers = timers
        interval = timers.t1
    }

    public var nextDeadline: Double? { [retransmitAt, endAt].compactMap { $0 }.min() }

    /// The layer above's answer: a provisional (sent, may repeat), a 2xx (Accepted) or a failure (Completed).
    public mutating func respond(_ response: SIPMessage, at now: Double) -> [Action] {
        guard let status = response.status else { return [] }
        switch (state, status) {
        case (.proceeding, 100 ..< 200):
            lastResponse = response
            return [.send(response)]
        case (.proceeding, 200 ..< 300):
            state = .accepted
            lastResponse = response
            retransmitAt = now + interval
            endAt = now + timers.timeout
            return [.send(response)]
        case (.proceeding, 300...):
            state = .completed
            lastResponse = response
            retransmitAt = now + interval
            endAt = now + timers.timeout
            return [.send(response)]
        default:
            return []
        }
    }

    /// A request matched to this transaction: the INVITE again, or an ACK.
    public mutating func receive(_ message: SIPMessage, at now: Double) -> [Action] {
        switch (state, message.method) {
        case (.proceeding, "INVITE"), (.completed, "INVITE"):
            return lastResponse.map { [.send($0)] } ?? []
        case (.accepted, "INVITE"):
            // RFC 6026 §8.7: a retransmitted INVITE is absorbed; the 2xx goes on its own timer.
            return []
        case (.completed, "ACK"):
            state = .confirmed
            retransmitAt = nil
            endAt = now + timers.t4
            return []
        case (.accepted, "ACK"):
            retransmitAt = nil
            guard !acked else { return [] }
            acked = true
            return [.deliver(message)]
        default:
            return []
        }
    }

    public mutating func fire(at now: Double) -> [Action] {
        if let end = endAt, now >= end {
            let unanswered = state == .completed || (state == .accepted && !acked)
            state = .terminated
            retransmitAt = nil
            endAt = nil
            return unanswered ? [.timedOut] : []
        }
        var actions: [Action] = []
        while let due = retransmitAt, now >= due, let response = lastResponse {
            actions.append(.send(response))
            interval = min(2 * interval, timers.t2)
            retransmitAt = due + interval
        }
        return actions
    }
}

/// The server non-INVITE transaction of RFC 3261 §17.2.2 (BYE, OPTIONS, INFO, CANCEL in): the request's
/// retransmissions get the last answer again, and Timer J keeps the final one for 64 × T1.
public struct NonInviteServerTransaction: Sendable {
    public enum State: Sendable, Equatable {
        case trying, proceeding, completed, terminated
    }

    public private(set) var state = State.trying
    public let request: SIPMessage
    let timers: SIPTimers
    var lastResponse: SIPMessage?
    var endAt: Double?

    public init(_ request: SIPMessage, timers: SIPTimers = SIPTimers()) {
        self.request = request
        self.timers = timers
    }

    public var nextDeadline: Double? { endAt }

    /// The answer to send, or none when the transaction has already answered finally.
    public mutating func respond(_ response: SIPMessage, at now: Double) -> SIPMessage? {
        guard let status = response.status, state == .trying || state == .proceeding else { return nil }
        lastResponse = response
        if status < 200 {
            state = .proceeding
        } else {
            state = .completed
            endAt = now + timers.timeout
        }
        return response
    }

    /// The request again: the last answer is sent again (nothing while still trying, §17.2.2).
    public func retransmission() -> SIPMessage? { lastResponse }

    public mutating func fire(at now: Double) {
        if let end = endAt, now >= end {
            state = .terminated
            endAt = nil
        }
    }
}
