/// What the dialer has observed today, by whole seconds: how long talks and after-call work
/// last, and how long a dial takes to resolve and whether a person answered. Predictive pacing
/// is built on these, not on the settings of any simulation.
public struct DialerStatistics: Sendable {
    public static let longestTalk = 7_200
    public static let longestWrapUp = 1_800
    public static let longestRing = 121

    /// talks[s]: talks that lasted s seconds (the last bin holds longer ones).
    public private(set) var talks = [Int](repeating: 0, count: longestTalk + 1)
    public private(set) var wrapUps = [Int](repeating: 0, count: longestWrapUp + 1)
    /// resolved[s]: dials that were answered, failed or timed out s seconds after they started.
    public private(set) var resolved = [Int](repeating: 0, count: longestRing + 1)
    /// answeredByPerson[s]: of those, the ones a person answered.
    public private(set) var answeredByPerson = [Int](repeating: 0, count: longestRing + 1)
    public private(set) var talkCount = 0
    public private(set) var wrapUpCount = 0
    public private(set) var dialCount = 0
    public private(set) var personCount = 0
    /// Bumped on every observation, so that a model built from these can tell it is stale.
    public private(set) var version = 0

    public init() {}

    public mutating func recordTalk(seconds: Double) {
        talks[Self.bin(seconds, Self.longestTalk)] += 1
        talkCount += 1
        version += 1
    }

    public mutating func recordWrapUp(seconds: Double) {
        wrapUps[Self.bin(seconds, Self.longestWrapUp)] += 1
        wrapUpCount += 1
        version += 1
    }

    /// A dial resolved `seconds` after it started; `person` when a person answered it.
    public mutating func recordDial(resolvedAfter seconds: Double, person: Bool) {
        let bin = Self.bin(seconds, Self.longestRing)
        resolved[bin] += 1
        dialCount += 1
        if person {
            answeredByPerson[bin] += 1
            personCount += 1
        }
        version += 1
    }

    static func bin(_ seconds: Double, _ last: Int) -> Int {
        seconds.isFinite ? min(max(Int(seconds), 0), last) : last
    }
}
