/// One simulated day's settings: `waihu simulate` and the pacing benchmark.
public struct SimulationSettings: Sendable, Equatable {
    public var agents: Int = 20
    public var hours: Double = 8
    public var mode: DialMode = .predictive
    public var seed: UInt64 = 1
    public var network = NetworkProfile()
    public var behaviour = AgentBehaviour()
    public var pacing = PacingSettings()
    public var conversations = ConversationMix.marketing

    public init() {}

    /// A day of `agents` in `mode` on a network where a person answers `answerRate` of the dials.
    public init(mode: DialMode, agents: Int, hours: Double = 8, answerRate: Double = 0.3, seed: UInt64 = 1) {
        self.mode = mode
        self.agents = agents
        self.hours = hours
        self.seed = seed
        network.answerRate = answerRate
    }

    public func validated() throws(DomainError) -> SimulationSettings {
        guard (1 ... 2_000).contains(agents) else {
            throw .invalidField("agents", zh: "坐席数须在 1–2000 之间", en: "agents must be 1–2000")
        }
        guard hours > 0, hours <= 24 else {
            throw .invalidField("hours", zh: "模拟时长须大于 0 且不超过 24 小时", en: "hours must be above 0 and at most 24")
        }
        _ = try network.validated()
        _ = try behaviour.validated()
        _ = try pacing.validated()
        return self
    }
}
