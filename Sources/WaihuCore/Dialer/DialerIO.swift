/// What the dialer's host tells it: the clock, the network's events, the agents' own actions.
public enum DialerInput: Sendable, Equatable {
    /// The pacing clock: expire overdue calls, then decide how many calls to place.
    case tick
    /// A deadline the dialer asked for (`Dialer.nextDeadline`): expire overdue calls only.
    case deadline
    case telephony(TelephonyEvent)
    case agent(AgentAction)
    /// The host could not place a call it was asked to (no dialable lead left): forget it.
    case launchFailed(CallID)
    /// Stop placing calls (end of the day, project closing); calls in flight run to their end.
    case close
}

/// What an agent does on the desktop that the dialer must know.
public enum AgentAction: Sendable, Equatable {
    case logIn(Int)
    /// Ready for the next call (after-call work done, break over, back from preview preparation).
    case ready(Int)
    /// 示忙 with a reason (break, meal, training, meeting, paperwork, other).
    case busy(Int, reason: String)
    /// Preview mode: the agent reads the lead before dialling.
    case prepare(Int)
    /// Preview mode: the agent presses Dial.
    case dial(Int)
    /// The agent ends their call: a connected call ends as connected, a call still ringing (their own preview
    /// dial) as not answered.
    case hangUp(Int)
    case logOut(Int)
}

/// What the dialer asks its host to do, in order.
public enum DialerAction: Sendable, Equatable {
    /// Pick the next lead and originate a call to it (reserved for one agent in preview mode).
    case launch(CallID, reservedFor: Int?)
    case bridge(CallID, agent: Int)
    case hangUp(CallID, HangUpCause)
    /// An agent's state changed (each change is an event of METRICS.md §1.4).
    case agentState(Int, AgentState)
    /// A call is over as far as the network goes; after-call work, if any, follows.
    case callEnded(CallSummary)
}

/// How a call ended, as the dialer saw it.
public enum CallOutcome: Sendable, Equatable {
    /// Bridged to an agent and talked.
    case connected
    /// Answered by a person and not bridged within the bridge limit (or the person hung up first).
    case abandoned
    case machine
    case failure(CallFailure)

    /// The disposition code of METRICS.md §1.3 for a call that did not reach an agent.
    public var systemDisposition: String? {
        switch self {
        case .connected: nil
        case .abandoned: "abandoned"
        case .machine: "answering_machine"
        case .failure(let failure): failure.disposition
        }
    }
}

/// One finished call: what a call attempt record (METRICS.md §1.2) is written from.
public struct CallSummary: Sendable, Equatable {
    public var call: CallID
    public var startedAt: Double
    public var answeredAt: Double?
    public var answerer: Answerer?
    public var bridgedAt: Double?
    public var endedAt: Double
    public var agent: Int?
    public var outcome: CallOutcome

    /// Seconds bridged to the agent.
    public var talkSeconds: Double { bridgedAt.map { endedAt - $0 } ?? 0 }
}
