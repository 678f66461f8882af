/// One dial to one (simulated) lead, as a call attempt record (METRICS.md §1.2) is written.
public struct SimulatedAttempt: Sendable, Equatable {
    public var call: Int
    /// The n-th lead dialled this day.
    public var lead: Int
    public var agent: Int?
    public var startedAt: Double
    public var answeredAt: Double?
    public var answeredBy: Answerer?
    public var endedAt: Double
    public var prepSeconds: Double
    public var talkSeconds: Double
    public var acwSeconds: Double
    public var disposition: String
}

/// One stretch of one agent in one state (METRICS.md §1.4).
public struct SimulatedInterval: Sendable, Equatable {
    public var agent: Int
    public var state: AgentState
    public var startedAt: Double
    public var endedAt: Double
    public var reason: String?
}

/// What a simulated day leaves behind: its attempts and state intervals (times in seconds from the
/// start of the day), and how often predictive pacing fell back to progressive.
public struct SimulationDay: Sendable {
    public var settings: SimulationSettings
    public var attempts: [SimulatedAttempt] = []
    public var intervals: [SimulatedInterval] = []
    /// Pacing decisions by the mode they ran as, and predictive fall-backs by reason.
    public var decisions: [DialMode: Int] = [:]
    public var fallbacks: [PacingFallback: Int] = [:]

    public init(settings: SimulationSettings) {
        self.settings = settings
    }
}
