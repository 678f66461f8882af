/// VICIdial's ADAPT_AVERAGE pacing, re-implemented faithfully for comparison only:
///
/// - every second, sample the ready agents, the answered calls waiting for an agent and the agents
///   (VICIdial counts agents ready or in a call; those paused for after-call work are left out);
/// - every 15 s, dial level ← dial level × (1 + (average ready − average waiting) ÷ average agents)
///   over the last 15 samples, kept within [1, 3] — or halved when today's drop (abandon)
///   percentage exceeds the target;
/// - every 2.5 s, launch round(dial level × agents) − calls in progress.
public struct VicidialAdaptAverage: Sendable {
    public static let adaptEvery: Double = 15
    public static let launchEvery: Double = 2.5
    public static let samples = 15
    public static let levels: ClosedRange<Double> = 1 ... 3

    public private(set) var dialLevel: Double = 1
    private(set) var recent: [(ready: Int, waiting: Int, agents: Int)] = []
    private var nextAdapt: Double?
    private var nextLaunch: Double?

    public init(dialLevel: Double = 1) {
        self.dialLevel = min(max(dialLevel, Self.levels.lowerBound), Self.levels.upperBound)
    }


    /// The update rule on its own: the next dial level from the current one and the samples.
    public static func adapted(_ level: Double, averageReady: Double, averageWaiting: Double, averageAgents: Double,
                               dropRate: Double?, target: Double) -> Double {
        let next: Double
        if let dropRate, dropRate > target {
            next = level / 2
        } else if averageAgents > 0 {
            next = level * (1 + (averageReady - averageWaiting) / averageAgents)
        } else {
            next = level
        }
        return min(max(next, levels.lowerBound), levels.upperBound)
    }

    /// Called on every tick (each second).
    public mutating func decide(_ floor: FloorView, target: Double) -> PacingDecision {
        recent.append((floor.ready, floor.waiting, floor.readyOrTalking))
        if recent.count > Self.samples { recent.removeFirst(recent.count - Self.samples) }
        if nextAdapt == nil { nextAdapt = floor.now + Self.adaptEvery }
        if let due = nextAdapt, floor.now >= due {
            let n = Double(recent.count)
            dialLevel = Self.adapted(dialLevel,
                                     averageReady: Double(recent.reduce(0) { $0 + $1.ready }) / n,
                                     averageWaiting: Double(recent.reduce(0) { $0 + $1.waiting }) / n,
                                     averageAgents: Double(recent.reduce(0) { $0 + $1.agents }) / n,
                                     dropRate: floor.today.rate, target: target)
            nextAdapt = due + Self.adaptEvery
        }
        guard floor.now >= nextLaunch ?? floor.now else { return PacingDecision(launch: 0, ranAs: .vicidial) }
        nextLaunch = (nextLaunch ?? floor.now) + Self.launchEvery
        let goal = Int((dialLevel * Double(floor.readyOrTalking)).rounded())
        return PacingDecision(launch: max(0, goal - floor.inProgress), ranAs: .vicidial)
    }
}
