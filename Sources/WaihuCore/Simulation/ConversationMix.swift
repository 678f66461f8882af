/// How the simulated conversations end: the disposition an agent gives a connected call.
public struct ConversationMix: Sendable, Equatable {
    /// Disposition codes (METRICS.md §1.3) with their shares; the shares add up to 1.
    public var shares: [(code: String, share: Double)]

    public init(shares: [(code: String, share: Double)]) {
        self.shares = shares
    }

    /// A marketing day: 8% sales, 15% completed questionnaires, most refuse, some book a callback,
    /// some turn out not to be the target customer.
    public static let marketing = ConversationMix(shares: [
        ("success", 0.08), ("completed", 0.15), ("refused", 0.45), ("broke_off", 0.05), ("dnc_request", 0.01),
        ("callback", 0.12), ("not_target", 0.08), ("wrong_number", 0.03), ("no_such_person", 0.03),
    ])

    public func draw(_ random: inout SeededRandom) -> String {
        var u = random.unit()
        for (code, share) in shares {
            if u < share { return code }
            u -= share
        }
        return shares.last?.code ?? "completed"
    }

    public static func == (a: ConversationMix, b: ConversationMix) -> Bool {
        a.shares.map(\.code) == b.shares.map(\.code) && a.shares.map(\.share) == b.shares.map(\.share)
    }
}

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
