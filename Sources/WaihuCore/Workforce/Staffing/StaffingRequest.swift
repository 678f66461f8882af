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
        guard calls.isFinite, calls > 0 else { throw refuse("calls", "呼叫量须大于 0", "the calls must be more than 0") }
        guard intervalMinutes.isFinite, intervalMinutes > 0 else {
            throw refuse("interval_minutes", "时段须大于 0 分钟", "the interval must be longer than 0 minutes")
        }
        guard ahtSeconds.isFinite, ahtSeconds > 0 else { throw refuse("aht", "平均处理时长须大于 0 秒", "the handle time must be more than 0 s") }
        guard targetServiceLevel > 0, targetServiceLevel < 1 else {
            throw refuse("target_sl", "服务水平目标须在 0 与 1 之间（如 0.8）", "the service-level target is a share between 0 and 1 (e.g. 0.8)")
        }
        guard withinSeconds.isFinite, withinSeconds >= 0 else { throw refuse("within", "应答时限不能为负", "the answer time cannot be negative") }
        if let maxOccupancy, !(maxOccupancy > 0 && maxOccupancy <= 1) {
            throw refuse("max_occupancy", "最高占用率须在 0 与 1 之间", "the maximum occupancy is a share between 0 and 1")
        }
        guard shrinkage >= 0, shrinkage < 1 else { throw refuse("shrinkage", "缺勤损耗须在 0 与 1 之间（不含 1）", "the shrinkage is a share from 0 up to (not including) 1") }
        if let patienceSeconds, !(patienceSeconds.isFinite && patienceSeconds > 0) {
            throw refuse("patience", "平均耐心时长须大于 0 秒", "the mean patience must be more than 0 s")
        }
        if let agents {
            guard agents >= 1 else { throw refuse("agents", "坐席数须至少为 1", "there must be at least 1 agent") }
            if patienceSeconds == nil, offeredLoad >= Double(agents) {
                throw DomainError(.ruleRefused, code: "no_stable_queue",
                                  zh: "话务量 \(Staffing.rounded(offeredLoad)) Erl 不小于坐席数 \(agents)：没有放弃时队列会无限增长，请增加坐席或给出耐心时长（Erlang A）",
                                  en: "The offered load of \(Staffing.rounded(offeredLoad)) Erlangs is not below the \(agents) agents: without abandonment the queue grows without end; add agents or give a patience (Erlang A)")
            }
        }
        return self
    }
}
