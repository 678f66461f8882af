/// Predictive pacing (预测式): decides from what is known now how many calls to place so that the
/// people who answer find agents, and keeps the day's abandon rate under the target.
///
/// Supply: the ready agents, plus for every talking or wrapping-up agent the probability that
/// they are ready by the time a call placed now is answered (their time into the talk or the
/// after-call work against the observed distributions). Demand: the answered calls waiting, the
/// probability each ringing call is still answered by a person (from its time ringing), and
/// `personRate` per new call. Both are sums of independent chances; the dialer places the largest
/// number of calls for which demand stays `margin` standard deviations under supply. The margin
/// follows the abandons seen: up when they run over the aim (a share of the target), down when under.
///
/// Falls back to progressive with few agents, while learning, and while the day's rate is near the
/// cap (at or over `nearCapShare` of it).
public struct PredictivePacing: Sendable {
    public private(set) var margin: Double
    private var model: PredictiveModel?
    private var modelBuiltAt = -Double.infinity
    private var nextAdjust: Double?
    private var lastTally = AbandonTally()
    private var recentAbandoned = 0.0
    private var recentAnswered = 0.0

    public static let adjustEvery: Double = 60
    /// The weight of the past in the recent abandon rate, per minute, and how far the margin moves per unit of
    /// relative error. Measured over the pacing benchmark's table: 0.95 and 0.03 beat 0.9 and 0.05 (steadier).
    static let memory = 0.95
    static let gain = 0.03
    public static let margins: ClosedRange<Double> = -1.5 ... 4

    public init(margin: Double = 1.5) {
        self.margin = margin
    }

    public mutating func decide(_ floor: FloorView, statistics: DialerStatistics, settings: PacingSettings) -> PacingDecision {
        adjustMargin(floor, aim: settings.predictiveAim * settings.abandonTarget)
        if let fallback = Self.fallback(floor, statistics: statistics, settings: settings) {
            return PacingDecision(launch: ProgressivePacing.launch(floor, ratio: 1), ranAs: .progressive, fallback: fallback)
        }
        let model = currentModel(statistics, at: floor.now, settings: settings)
        let room = Int(settings.maximumLinesPerAgent * Double(floor.active)) - floor.inProgress
        let budget = settings.nearCapShare * settings.abandonTarget * Double(floor.today.answeredByPerson) - Double(floor.today.abandoned)
        let predicted = Self.callsToPlace(floor, model: model, margin: margin, budget: budget, room: room)
        // Never fewer calls than progressive pacing would place for the agents ready now.
        let launch = max(predicted, ProgressivePacing.launch(floor, ratio: 1))
        return PacingDecision(launch: launch, ranAs: .predictive)
    }

    /// Why this decision must be progressive, if it must.
    public static func fallback(_ floor: FloorView, statistics: DialerStatistics, settings: PacingSettings) -> PacingFallback? {
        if floor.active < settings.predictiveMinimumAgents { return .few_agents }
        if statistics.talkCount < settings.learningObservations || statistics.personCount < settings.learningObservations {
            return .learning
        }
        if let rate = floor.today.rate, rate >= settings.nearCapShare * settings.abandonTarget { return .near_cap }
        return nil
    }

    /// The largest number of new calls (at most `room`) for which expected demand plus `margin`
    /// standard deviations stays within expected supply, and the shortfall two standard deviations
    /// out stays within `budget`: the abandons the day can still afford under the cap.
    public static func callsToPlace(_ floor: FloorView, model: PredictiveModel, margin: Double, budget: Double, room: Int) -> Int {
        var supply = Double(floor.ready), variance = 0.0
        for elapsed in floor.talkingFor {
            let p = model.talking[DialerStatistics.bin(elapsed, model.talking.count - 1)]
            supply += p
            variance += p * (1 - p)
        }
        for elapsed in floor.wrappingUpFor {
            let p = model.wrappingUp[DialerStatistics.bin(elapsed, model.wrappingUp.count - 1)]
            supply += p
            variance += p * (1 - p)
        }
        var demand = Double(floor.waiting)
        for age in floor.ringingFor {
            let q = model.ringing[DialerStatistics.bin(age, model.ringing.count - 1)]
            demand += q
            variance += q * (1 - q)
        }
        let p = model.personRate
        guard p > 0 else { return 0 }
        func fits(_ n: Int) -> Bool {
            let k = Double(n)
            let excess = demand + k * p - supply, spread = (variance + k * p * (1 - p)).squareRoot()
            return excess + margin * spread <= 0 && excess + 2 * spread <= budget
        }
        var n = 0
        while n < room, fits(n + 1) { n += 1 }
        return n
    }

    private mutating func currentModel(_ statistics: DialerStatistics, at now: Double, settings: PacingSettings) -> PredictiveModel {
        // Rebuilt often while little is known, every five minutes after.
        let every: Double = statistics.talkCount < 500 ? 30 : 300
        if let model, model.basedOn == statistics.version || now - modelBuiltAt < every { return model }
        let built = PredictiveModel(statistics, bridgeLimit: settings.bridgeLimit)
        model = built
        modelBuiltAt = now
        return built
    }

    /// Every minute: the abandon rate of the recent past (exponentially weighted, a minute counting 0.95 of
    /// the one after it: about the last 20 minutes) against `aim` × target moves the margin, a little at a
    /// time, so that a single abandon among few calls does not swing it.
    private mutating func adjustMargin(_ floor: FloorView, aim: Double) {
        guard let due = nextAdjust else {
            nextAdjust = floor.now + Self.adjustEvery
            return
        }
        guard floor.now >= due else { return }
        nextAdjust = due + Self.adjustEvery
        recentAbandoned = Self.memory * recentAbandoned + Double(floor.today.abandoned - lastTally.abandoned)
        recentAnswered = Self.memory * recentAnswered + Double(floor.today.answeredByPerson - lastTally.answeredByPerson)
        lastTally = floor.today
        guard recentAnswered > 0 else { return }
        let error = (recentAbandoned / recentAnswered - aim) / aim
        margin = min(max(margin + Self.gain * error, Self.margins.lowerBound), Self.margins.upperBound)
    }
}
