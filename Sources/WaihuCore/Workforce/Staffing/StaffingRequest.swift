/// What a queue is asked to do in one interval: the calls offered, how long each takes, the service level
/// to reach and, for Erlang A, how long callers wait before they hang up.
public struct StaffingRequest: Sendable, Equatable {
    public var calls: Double
    public var intervalMinutes: Double
    public var ahtSeconds: Double
    /// The share of calls to answer within `withinSeconds`, e.g. 0.8.
    public var targetServiceLevel: Double
    public var withinSeconds: Double
    /// At most this share of the agents' time on calls (our default: none).
    public var maxOccupancy: Double?
    /// The share of paid time agents are not available (breaks, training, absence): scheduled = agents ÷ (1 − shrinkage).
    public var shrinkage: Double
    /// The callers' mean patience; given, the queue is Erlang A (M/M/n+M), otherwise Erlang C (M/M/n).
    public var patienceSeconds: Double?
    /// Given, the figures of this many agents instead of the fewest that reach the target.
    public var agents: Int?

    public init(calls: Double, intervalMinutes: Double, ahtSeconds: Double, targetServiceLevel: Double, withinSeconds: Double,
                maxOccupancy: Double? = nil, shrinkage: Double = 0, patienceSeconds: Double? = nil, agents: Int? = nil) {
        self.calls = calls
        self.intervalMinutes = intervalMinutes
        self.ahtSeconds = ahtSeconds
        self.targetServiceLevel = targetServiceLevel
        self.withinSeconds = withinSeconds
        self.maxOccupancy = maxOccupancy
        self.shrinkage = shrinkage
        self.patienceSeconds = patienceSeconds
        self.agents = agents
    }

    /// Calls per second.
    public var arrivalRate: Double { calls / (intervalMinutes * 60) }
    /// The offered load in Erlangs: arrivals × handle time.
    public var offeredLoad: Double { arrivalRate * ahtSeconds }

    /// Refuses inputs that make no queue, with the reason in both languages.
    public func validated() throws(DomainError) -> StaffingRequest {
        func refuse(_ field: String, _ zh: String, _ en: String) -> DomainError { DomainError.invalidField(field, zh: zh, en: en) }
        guard calls.isFinite, calls > 0, calls <= 1_000_000 else {
            throw refuse("calls", "时段呼叫量须大于 0、不超过 1000000", "the calls are more than 0 and at most 1,000,000")
        }
        guard intervalMinutes.isFinite, intervalMinutes >= 1, intervalMinutes <= 1_440 else {
            throw refuse("interval_minutes", "时段须为 1–1440 分钟", "the interval is 1–1,440 minutes")
        }
        guard ahtSeconds.isFinite, ahtSeconds >= 1, ahtSeconds <= 86_400 else {
            throw refuse("aht", "平均处理时长须为 1–86400 秒", "the handle time is 1–86,400 s")
        }
        guard targetServiceLevel > 0, targetServiceLevel < 1 else {
            throw refuse("target_sl", "服务水平目标须在 0 与 1 之间（如 0.8）", "the service-level target is a share between 0 and 1 (e.g. 0.8)")
        }
        guard withinSeconds.isFinite, withinSeconds >= 0, withinSeconds <= 3_600 else {
            throw refuse("within", "应答时限须为 0–3600 秒", "the answer time is 0–3,600 s")
        }
        if let maxOccupancy, !(maxOccupancy > 0 && maxOccupancy <= 1) {
            throw refuse("max_occupancy", "最高占用率须在 0 与 1 之间", "the maximum occupancy is a share between 0 and 1")
        }
        guard shrinkage >= 0, shrinkage < 1 else { throw refuse("shrinkage", "缺勤损耗须在 0 与 1 之间（不含 1）", "the shrinkage is a share from 0 up to (not including) 1") }
        if let patienceSeconds, !(patienceSeconds.isFinite && patienceSeconds >= 1 && patienceSeconds <= 86_400) {
            throw refuse("patience", "平均耐心时长须为 1–86400 秒", "the mean patience is 1–86,400 s")
        }
        guard offeredLoad <= Staffing.largestLoad else {
            throw refuse("calls", "话务量 \(Staffing.rounded(offeredLoad)) Erl 超过可测算的 \(Int(Staffing.largestLoad)) Erl",
                         "the offered load of \(Staffing.rounded(offeredLoad)) Erlangs is beyond the \(Int(Staffing.largestLoad)) Erlangs computed")
        }
        if let agents {
            guard agents >= 1, agents <= 20_000 else { throw refuse("agents", "坐席数须为 1–20000", "the agents are 1–20,000") }
            if patienceSeconds == nil, offeredLoad >= Double(agents) {
                throw DomainError(.ruleRefused, code: "no_stable_queue",
                                  zh: "话务量 \(Staffing.rounded(offeredLoad)) Erl 不小于坐席数 \(agents)：没有放弃时队列会无限增长，请增加坐席或给出耐心时长（Erlang A）",
                                  en: "The offered load of \(Staffing.rounded(offeredLoad)) Erlangs is not below the \(agents) agents: without abandonment the queue grows without end; add agents or give a patience (Erlang A)")
            }
        }
        return self
    }
}
