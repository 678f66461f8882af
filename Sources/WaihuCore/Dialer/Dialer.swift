/// The dialer of one project: it keeps the agents' seats and the calls in flight, asks its pacing
/// how many calls to place, bridges answered calls to the longest-waiting ready agent, declares
/// no answer after the ring timeout and abandons an answered call no agent took within the
/// bridge limit. A pure state machine: inputs in, actions out, time given by the host.
public struct Dialer: Sendable {
    public let settings: PacingSettings
    public private(set) var mode: DialMode
    public internal(set) var pacing: Pacing
    public internal(set) var statistics = DialerStatistics()
    /// Today's abandon accounting for the project.
    public internal(set) var today = AbandonTally()
    public internal(set) var lastDecision: PacingDecision?
    public internal(set) var closed = false

    struct Seat: Sendable {
        var state: AgentState = .logged_out
        var since: Double = 0
        var call: CallID?
        /// Bumped whenever the agent becomes ready, to tell stale entries of the ready queue.
        var generation = 0
    }

    enum Phase: Sendable { case ringing, waiting, bridged }

    struct LiveCall: Sendable {
        var id: CallID
        var startedAt: Double
        var reservedFor: Int?
        var phase: Phase = .ringing
        var answeredAt: Double?
        var answerer: Answerer?
        var bridgedAt: Double?
        var agent: Int?
    }

    var seats: [Seat]
    var calls: [CallID: LiveCall] = [:]
    var ringingOrder = FIFO<CallID>()
    var waitingOrder = FIFO<CallID>()
    var readyQueue = FIFO<(agent: Int, generation: Int)>()
    var nextCallNumber = 0
    var ringingUnreserved = 0
    var waiting = 0

    public init(mode: DialMode, agents: Int = 0, settings: PacingSettings = PacingSettings()) {
        self.mode = mode
        self.settings = settings
        pacing = Pacing(mode, settings: settings)
        seats = Array(repeating: Seat(), count: agents)
    }

    /// The supervisor changed the project's dial mode: calls in flight run on as before; from the next tick the new
    /// mode paces (preview places only the calls agents ask for; predictive learns its rates afresh).
    public mutating func change(mode: DialMode) {
        guard mode != self.mode else { return }
        self.mode = mode
        pacing = Pacing(mode, settings: settings)
    }

    /// Starts a new day's abandon accounting (at local midnight, or from what the store holds of today
    /// when a dialer starts mid-day).
    public mutating func startDay(_ tally: AbandonTally = AbandonTally()) {
        today = tally
    }

    /// The state of agent `agent` (logged out for one never seen).
    public func state(of agent: Int) -> AgentState { agent < seats.count ? seats[agent].state : .logged_out }

    /// When a person answered a call still up.
    public func answeredAt(_ call: CallID) -> Double? { calls[call]?.answeredAt }

    /// Calls ringing, waiting for an agent or bridged.
    public var callsInProgress: Int { calls.count }

    /// Calls that may still need an agent: ringing or answered and waiting.
    public var callsNotBridged: Int { calls.values.count { $0.phase != .bridged } }

    /// The next instant at which a call becomes overdue (ring timeout or bridge limit); the host
    /// sends `.deadline` then.
    public var nextDeadline: Double? {
        let ring = ringingOrder.first.flatMap { calls[$0] }.map { $0.startedAt + settings.ringTimeout }
        let wait = waitingOrder.first.flatMap { calls[$0] }.flatMap { $0.answeredAt }.map { $0 + settings.bridgeLimit }
        switch (ring, wait) {
        case let (r?, w?): return min(r, w)
        case let (r?, nil): return r
        case let (nil, w): return w
        }
    }

    public mutating func handle(_ input: DialerInput, at now: Double) -> [DialerAction] {
        var actions: [DialerAction] = []
        switch input {
        case .tick:
            expire(at: now, &actions)
            if !closed { pace(at: now, &actions) }
        case .deadline:
            expire(at: now, &actions)
        case .telephony(let event):
            handle(event, at: now, &actions)
        case .agent(let action):
            handle(action, at: now, &actions)
        case .launchFailed(let call):
            forget(call)
        case .close:
            closed = true
        }
        dropStaleHeads()
        return actions
    }

    /// What pacing sees now.
    public func floor(at now: Double) -> FloorView {
        var view = FloorView(now: now, ready: 0, active: 0, readyOrTalking: 0, talkingFor: [], wrappingUpFor: [],
                             ringingFor: [], waiting: waiting, inProgress: calls.count, today: today)
        for seat in seats {
            switch seat.state {
            case .ready: view.ready += 1; view.readyOrTalking += 1
            case .talking: view.talkingFor.append(now - seat.since); view.readyOrTalking += 1
            case .acw: view.wrappingUpFor.append(now - seat.since)
            default: break
            }
            if seat.state.isLoggedIn, seat.state != .busy { view.active += 1 }
        }
        // In the order the calls were placed, so that a simulated day adds its chances up the same way every run.
        view.ringingFor.reserveCapacity(ringingUnreserved)
        for id in ringingOrder.elements {
            if let call = calls[id], call.phase == .ringing, call.reservedFor == nil { view.ringingFor.append(now - call.startedAt) }
        }
        return view
    }

    mutating func pace(at now: Double, _ actions: inout [DialerAction]) {
        let decision = pacing.decide(floor(at: now), statistics: statistics, settings: settings)
        lastDecision = decision
        for _ in 0 ..< decision.launch {
            actions.append(.launch(place(at: now, reservedFor: nil), reservedFor: nil))
        }
    }

    mutating func place(at now: Double, reservedFor agent: Int?) -> CallID {
        let id = CallID(nextCallNumber)
        nextCallNumber += 1
        calls[id] = LiveCall(id: id, startedAt: now, reservedFor: agent)
        ringingOrder.append(id)
        if agent == nil { ringingUnreserved += 1 }
        return id
    }

    mutating func forget(_ id: CallID) {
        guard let call = calls.removeValue(forKey: id) else { return }
        if call.phase == .ringing, call.reservedFor == nil { ringingUnreserved -= 1 }
        if call.phase == .waiting { waiting -= 1 }
        if let agent = call.reservedFor, seats[agent].call == id {
            seats[agent].call = nil
        }
    }

    private mutating func dropStaleHeads() {
        while let id = ringingOrder.first, calls[id]?.phase != .ringing { ringingOrder.removeFirst() }
        while let id = waitingOrder.first, calls[id]?.phase != .waiting { waitingOrder.removeFirst() }
    }
}
