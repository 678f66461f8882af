/// The client non-INVITE transaction of RFC 3261 §17.1.2 (BYE, CANCEL, OPTIONS, REGISTER): a pure state machine on a
/// clock the caller passes in, over an unreliable transport. Timer E retransmits (doubling to T2, or every T2 once a
/// provisional came), F gives up, K absorbs the final answer's retransmissions.
public struct NonInviteClientTransaction: Sendable {
    public enum State: Sendable, Equatable {
        case trying, proceeding, completed, terminated
    }

    public enum Action: Sendable, Equatable {
        case send(SIPMessage)
        /// Hand a response to the layer above, once per distinct answer (retransmitted finals are absorbed).
        case deliver(SIPMessage)
        /// No final answer within Timer F: the layer above treats it as a 408 (§8.1.3.1).
        case timedOut
    }

    public private(set) var state = State.trying
    public let request: SIPMessage
    let timers: SIPTimers
    var interval: Double
    var retransmitAt: Double?
    /// Timer F while trying or proceeding, K once completed.
    var endAt: Double?

    public init(_ request: SIPMessage, timers: SIPTimers = SIPTimers()) {
        self.request = request
        self.timers = timers
        interval = timers.t1
    }

    public mutating func start(at now: Double) -> [Action] {
        retransmitAt = now + interval
        endAt = now + timers.timeout
        return [.send(request)]
    }

    public var nextDeadline: Double? { [retransmitAt, endAt].compactMap { $0 }.min() }

    public mutating func fire(at now: Double) -> [Action] {
        if let end = endAt, now >= end {
            let timedOut = state == .trying || state == .proceeding
            state = .terminated
            retransmitAt = nil
            endAt = nil
            return timedOut ? [.timedOut] : []
        }
        var actions: [Action] = []
        while state == .trying || state == .proceeding, let due = retransmitAt, now >= due {
            actions.append(.send(request))
            interval = state == .trying ? min(2 * interval, timers.t2) : timers.t2
            retransmitAt = due + interval
        }
        return actions
    }

    public mutating func receive(_ response: SIPMessage, at now: Double) -> [Action] {
        guard let status = response.status else { return [] }
        switch (state, status) {
        case (.trying, 100 ..< 200), (.proceeding, 100 ..< 200):
            if state == .trying {
                state = .proceeding
                // §17.1.2.2: from Proceeding the request is sent again every T2.
                if let due = retransmitAt { retransmitAt = min(due, now + timers.t2) }
            }
            return [.deliver(response)]
        case (.trying, 200...), (.proceeding, 200...):
            state = .completed
            retransmitAt = nil
            endAt = now + timers.t4
            return [.deliver(response)]
        default:
            return []
        }
    }
}
