/// The figures `waihu simulate` prints, computed from the day's attempts and state intervals
/// (not from the dialer's own counters).
public struct SimulationSummary: Sendable, Equatable, Codable {
    public var mode: String
    public var agents: Int
    public var hours: Double
    public var seed: UInt64
    public var calls: Int
    public var answered_human: Int
    public var answered_machine: Int
    /// Calls bridged to an agent that talked (talk time > 0).
    public var connected: Int
    public var abandoned: Int
    /// abandoned ÷ answered_human; nil when nobody answered.
    public var abandon_rate: Double?
    /// (talk + after-call work) ÷ logged-in time.
    public var occupancy: Double?
    public var talk_minutes_per_agent_hour: Double?
    public var idle_minutes_per_agent_hour: Double?
    /// Calls in progress per logged-in agent, on average over the day: Σ call durations ÷ logged-in time.
    public var lines_per_agent: Double?

    public init(_ day: SimulationDay) {
        let settings = day.settings
        mode = settings.mode.rawValue
        agents = settings.agents
        hours = settings.hours
        seed = settings.seed
        calls = day.attempts.count
        answered_human = day.attempts.count { $0.answeredBy == .person }
        answered_machine = day.attempts.count { $0.answeredBy == .machine }
        connected = day.attempts.count { $0.talkSeconds > 0 }
        abandoned = day.attempts.count { $0.disposition == "abandoned" }
        abandon_rate = Self.ratio(Double(abandoned), Double(answered_human))
        var time: [AgentState: Double] = [:]
        for interval in day.intervals { time[interval.state, default: 0] += interval.endedAt - interval.startedAt }
        // Added in a fixed order: a dictionary's order changes from run to run, and so would the last digits.
        let loggedIn = AgentState.allCases.filter(\.isLoggedIn).reduce(0) { $0 + (time[$1] ?? 0) }
        let talk = time[.talking] ?? 0
        occupancy = Self.ratio(talk + (time[.acw] ?? 0), loggedIn)
        talk_minutes_per_agent_hour = Self.ratio(talk / 60, loggedIn / 3_600)
        idle_minutes_per_agent_hour = Self.ratio((time[.ready] ?? 0) / 60, loggedIn / 3_600)
        lines_per_agent = Self.ratio(day.attempts.reduce(0) { $0 + $1.endedAt - $1.startedAt }, loggedIn)
    }

    enum CodingKeys: String, CodingKey {
        case mode, agents, hours, seed, calls, answered_human, answered_machine, connected, abandoned, abandon_rate, occupancy,
             talk_minutes_per_agent_hour, idle_minutes_per_agent_hour, lines_per_agent
    }

    /// Writes every figure, a missing one as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mode, forKey: .mode)
        try c.encode(agents, forKey: .agents)
        try c.encode(hours, forKey: .hours)
        try c.encode(seed, forKey: .seed)
        try c.encode(calls, forKey: .calls)
        try c.encode(answered_human, forKey: .answered_human)
        try c.encode(answered_machine, forKey: .answered_machine)
        try c.encode(connected, forKey: .connected)
        try c.encode(abandoned, forKey: .abandoned)
        try c.encode(abandon_rate, forKey: .abandon_rate)
        try c.encode(occupancy, forKey: .occupancy)
        try c.encode(talk_minutes_per_agent_hour, forKey: .talk_minutes_per_agent_hour)
        try c.encode(idle_minutes_per_agent_hour, forKey: .idle_minutes_per_agent_hour)
        try c.encode(lines_per_agent, forKey: .lines_per_agent)
    }

    static func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
        denominator == 0 ? nil : numerator / denominator
    }
}
