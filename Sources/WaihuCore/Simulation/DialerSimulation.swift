/// Runs the dialer, the simulated network and simulated agents together on a virtual clock for
/// one day: every agent logs in at the start, the dialer stops placing calls at the end, agents
/// finish the calls in flight and log out.
public struct DialerSimulation: Sendable {
    enum Event: Sendable {
        case tick
        case deadline
        case wrapUpDone(Int)
        case breakOver(Int)
        case previewDial(Int, prep: Int)
        case close
    }

    struct Agent: Sendable {
        var state: AgentState = .logged_out
        var since = 0.0
        var reason: String?
        /// The connected attempt whose after-call work is under way.
        var wrappingUp: Int?
        var breaksTaken = 0
        /// Counts preparations, to tell a stale preview dial from the current one.
        var preparation = 0
        /// Seconds of preparation before the call being dialled (preview mode).
        var preparedFor = 0.0
    }

    let settings: SimulationSettings
    var day: SimulationDay
    var dialer: Dialer
    var network: SimulatedNetwork
    var random: SeededRandom
    var events = EventQueue<Event>()
    var agents: [Agent]
    var inbox: [DialerInput] = []
    /// The lead each call in flight dials.
    var attemptOf: [CallID: Int] = [:]
    var nextLead = 0
    var deadlineAt: Double?
    var closing = false

    /// Simulates one day.
    public static func run(_ settings: SimulationSettings) -> SimulationDay {
        var simulation = DialerSimulation(settings)
        simulation.runToEnd()
        return simulation.day
    }

    init(_ settings: SimulationSettings) {
        self.settings = settings
        day = SimulationDay(settings: settings)
        dialer = Dialer(mode: settings.mode, agents: settings.agents, settings: settings.pacing)
        network = SimulatedNetwork(profile: settings.network, seed: settings.seed &* 0x9E37_79B9 &+ 1)
        random = SeededRandom(seed: settings.seed)
        agents = Array(repeating: Agent(), count: settings.agents)
    }

    mutating func runToEnd() {
        for agent in 0 ..< settings.agents { inbox.append(.agent(.logIn(agent))) }
        deliver(at: 0)
        events.push(.tick, at: 0)
        events.push(.close, at: settings.hours * 3_600)
        while true {
            let networkTime = network.nextEventTime
            let ownTime = events.nextTime
            if let t = networkTime, ownTime.map({ t < $0 }) ?? true {
                let (time, event) = network.popEvent()!
                inbox.append(.telephony(event))
                deliver(at: time)
            } else if let (time, event) = events.pop() {
                handle(event, at: time)
            } else {
                break
            }
        }
        let end = agents.map(\.since).max() ?? 0
        for index in agents.indices where agents[index].state != .logged_out {
            record(index, .logged_out, at: end)
        }
    }

    mutating func handle(_ event: Event, at now: Double) {
        switch event {
        case .tick:
            inbox.append(.tick)
            if !(closing && agents.allSatisfy({ $0.state == .logged_out })) {
                events.push(.tick, at: now + settings.pacing.tick)
            }
        case .deadline:
            if deadlineAt == now { deadlineAt = nil }
            inbox.append(.deadline)
        case .wrapUpDone(let agent):
            if let index = agents[agent].wrappingUp {
                day.attempts[index].acwSeconds = now - agents[agent].since
                agents[agent].wrappingUp = nil
            }
            inbox.append(.agent(nextStep(agent, at: now)))
        case .breakOver(let agent):
            inbox.append(.agent(closing ? .logOut(agent) : .ready(agent)))
        case .previewDial(let agent, let prep):
            if agents[agent].state == .prep, agents[agent].preparation == prep { inbox.append(.agent(.dial(agent))) }
        case .close:
            closing = true
            inbox.append(.close)
        }
        deliver(at: now)
        if case .tick = event, let decision = dialer.lastDecision, !closing {
            day.decisions[decision.ranAs, default: 0] += 1
            if let fallback = decision.fallback { day.fallbacks[fallback, default: 0] += 1 }
        }
    }

    /// After-call work is over: a break if one is due, otherwise ready — at the end of the day too,
    /// while calls placed before it may still be answered (the agent goes home once none is left).
    mutating func nextStep(_ agent: Int, at now: Double) -> AgentAction {
        if closing { return dialer.callsNotBridged == 0 ? .logOut(agent) : .ready(agent) }
        let behaviour = settings.behaviour
        let taken = agents[agent].breaksTaken
        if taken < behaviour.breaksPerDay,
           now >= Double(taken + 1) * settings.hours * 3_600 / Double(behaviour.breaksPerDay + 1) {
            agents[agent].breaksTaken += 1
            let length = max(60, random.logNormal(mean: behaviour.breakMinutes * 60, sigma: 0.2))
            events.push(.breakOver(agent), at: now + length)
            return .busy(agent, reason: "break")
        }
        return .ready(agent)
    }

    /// Hands the queued inputs to the dialer and carries out what it asks.
    mutating func deliver(at now: Double) {
        var next = 0
        while next < inbox.count {
            let input = inbox[next]
            next += 1
            for action in dialer.handle(input, at: now) { carryOut(action, at: now) }
        }
        inbox.removeAll(keepingCapacity: true)
        if closing, dialer.callsNotBridged == 0 {
            for index in agents.indices where [.ready, .prep].contains(agents[index].state) {
                inbox.append(.agent(.logOut(index)))
            }
            if !inbox.isEmpty { deliver(at: now) }
        }
        if let due = dialer.nextDeadline, deadlineAt.map({ due < $0 }) ?? true {
            deadlineAt = due
            events.push(.deadline, at: due)
        }
    }
}
