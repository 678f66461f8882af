/// How the simulated telephone network behaves: who answers, how soon, how long they talk.
/// Probabilities are per dial.
public struct NetworkProfile: Sendable, Equatable {
    /// A person answers (if the dialer lets it ring long enough).
    public var answerRate: Double = 0.3
    /// Answer rate multipliers by local hour of day (missing hours: 1).
    public var answerRateByHour: [Int: Double] = [:]
    /// Local hour at which the simulated day starts.
    public var startHour: Int = 9
    /// Busy (占线) share, drawn anew for every hour within this range.
    public var busyRange: ClosedRange<Double> = 0.03 ... 0.06
    /// Data quality: vacant (空号) and suspended (停机) numbers.
    public var vacantRate: Double = 0.04
    public var suspendedRate: Double = 0.02
    public var poweredOffRate: Double = 0.03
    public var machineRate: Double = 0.04
    public var failedRate: Double = 0.002
    /// Seconds of ringing before a person answers: log-normal, median 12 s — most answers come
    /// between 6 and 22 s — kept within 2–29 s.
    public var answerMedian: Double = 12
    public var answerSigma: Double = 0.37
    /// Talk time: log-normal with this mean (seconds).
    public var talkMean: Double = 180
    public var talkSigma: Double = 0.7
    /// How long a person who answered waits in silence before hanging up: log-normal, median 5 s.
    public var patienceMedian: Double = 5
    public var patienceSigma: Double = 0.6

    public init() {}

    /// The person answer rate in the given hour since the day began.
    public func answerRate(hourOfDay hour: Int) -> Double {
        min(answerRate * (answerRateByHour[(startHour + hour) % 24] ?? 1), 0.95)
    }

    public func validated() throws(DomainError) -> NetworkProfile {
        guard answerRate > 0, answerRate <= 0.8 else {
            throw .invalidField("answer_rate", zh: "接听率须大于 0 且不超过 0.8", en: "the answer rate must be above 0 and at most 0.8")
        }
        guard [vacantRate, suspendedRate, poweredOffRate, machineRate, failedRate].allSatisfy({ (0 ... 0.5).contains($0) }) else {
            throw .invalidField("vacant_rate", zh: "空号、停机、关机、答录机等比例须在 0–0.5 之间",
                                en: "the shares of vacant, suspended, powered-off numbers and machines must be within 0–0.5")
        }
        guard talkMean >= 10, talkMean <= 3_600 else {
            throw .invalidField("talk_mean", zh: "平均通话时长须在 10–3600 秒之间", en: "the talk mean must be 10–3600 s")
        }
        guard answerRateByHour.keys.allSatisfy({ (0 ... 23).contains($0) }), answerRateByHour.values.allSatisfy({ $0 >= 0 }) else {
            throw .invalidField("answer_by_hour", zh: "分时段接听系数须为 0–23 点的非负数", en: "hourly answer factors need hours 0–23 and non-negative values")
        }
        return self
    }
}

/// How the simulated agents work.
public struct AgentBehaviour: Sendable, Equatable {
    /// After-call work: log-normal with this mean (seconds), at least 3 s.
    public var wrapUpMean: Double = 30
    public var wrapUpSigma: Double = 0.5
    /// Preview mode: reading the lead before pressing Dial.
    public var prepMean: Double = 15
    /// Breaks (示忙) per agent per day, spread evenly over the day, and their mean length.
    public var breaksPerDay: Int = 0
    public var breakMinutes: Double = 15

    public init() {}

    public func validated() throws(DomainError) -> AgentBehaviour {
        guard wrapUpMean >= 0, wrapUpMean <= 1_800 else {
            throw .invalidField("acw_mean", zh: "平均后处理时长须在 0–1800 秒之间", en: "the after-call work mean must be 0–1800 s")
        }
        guard breaksPerDay >= 0, breaksPerDay <= 12, breakMinutes >= 0, breakMinutes <= 120 else {
            throw .invalidField("breaks", zh: "每日示忙次数须在 0–12 次、每次 0–120 分钟", en: "breaks must be 0–12 a day of 0–120 minutes")
        }
        return self
    }
}
