/// The dialer's rules for one project. Defaults follow SPEC.md §4.
public struct PacingSettings: Sendable, Equatable {
    /// Abandon-rate cap per project per day (3%).
    public var abandonTarget: Double = 0.03
    /// An answered call must reach an agent within this many seconds, or it is abandoned (2 s).
    public var bridgeLimit: Double = 2
    /// Ringing time after which the dialer declares no answer; never under 15 s.
    public var ringTimeout: Double = 30
    /// Progressive mode: calls in flight per ready agent (1 = one call per free agent).
    public var progressiveRatio: Double = 1
    /// Predictive mode runs as progressive below this many active agents.
    public var predictiveMinimumAgents: Int = 8
    /// Predictive mode runs as progressive while the day's rate is at or over this share of the
    /// target, and never spends more abandons than this share of the day's answered calls allows.
    public var nearCapShare: Double = 0.95
    /// Predictive mode steers the recent abandon rate to this share of the target. Measured over the
    /// pacing benchmark's table (6 seeds): 0.85 with the fall-back on the day's rate at 95% of the cap
    /// gives more occupancy than 0.6 with a fall-back whenever one more abandon would reach 90% of it
    /// (which kept predictive progressive for much of the morning), every day still under the cap.
    public var predictiveAim: Double = 0.85
    /// Predictive mode learns (runs as progressive) until this many talks and answers were seen.
    public var learningObservations: Int = 30
    /// Most calls in flight per active agent, whatever the pacing says.
    public var maximumLinesPerAgent: Double = 10
    /// Seconds between pacing decisions.
    public var tick: Double = 1

    public static let minimumRingTimeout: Double = 15

    public init() {}

    /// The settings, or every problem with them.
    public func validated() throws(DomainError) -> PacingSettings {
        guard abandonTarget > 0, abandonTarget < 0.5 else {
            throw .invalidField("abandon_target", zh: "放弃率上限须大于 0 且小于 0.5（例如 0.03）",
                                en: "the abandon-rate target must be above 0 and below 0.5 (e.g. 0.03)")
        }
        guard ringTimeout >= PacingSettings.minimumRingTimeout, ringTimeout <= 120 else {
            throw .invalidField("ring_timeout", zh: "振铃超时须在 15–120 秒之间：振铃不足 15 秒不得判为无人接听",
                                en: "the ring timeout must be 15–120 s: no answer is declared only after 15 s of ringing")
        }
        guard bridgeLimit > 0, bridgeLimit <= 2 else {
            throw .invalidField("bridge_limit", zh: "接通后转坐席时限须在 0–2 秒之间", en: "the bridge limit must be within 0–2 s")
        }
        guard progressiveRatio >= 1, progressiveRatio <= 5 else {
            throw .invalidField("ratio", zh: "渐进式拨号比须在 1–5 之间", en: "the progressive ratio must be 1–5")
        }
        return self
    }
}
