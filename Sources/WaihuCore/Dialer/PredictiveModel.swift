/// Probabilities predictive pacing reads at every decision, rebuilt from `DialerStatistics`:
/// - `personRate`: a new dial is answered by a person;
/// - `ringing[a]`: a call that has rung `a` seconds without resolving will be answered by a person;
/// - `talking[e]`: an agent `e` seconds into a talk is ready again (talk over and after-call work
///   done) by the time a call placed now would be answered;
/// - `wrappingUp[e]`: the same for an agent `e` seconds into after-call work.
///
/// "By the time a call placed now would be answered" is averaged over five quantiles of the
/// observed time to answer, plus half the bridge limit.
public struct PredictiveModel: Sendable {
    public let basedOn: Int
    public let personRate: Double
    public let ringing: [Double]
    public let talking: [Double]
    public let wrappingUp: [Double]
    public let horizons: [Int]

    public init(_ stats: DialerStatistics, bridgeLimit: Double) {
        basedOn = stats.version
        personRate = stats.dialCount == 0 ? 0 : Double(stats.personCount) / Double(stats.dialCount)
        let personFrom = Self.suffixSums(stats.answeredByPerson)
        let resolvedFrom = Self.suffixSums(stats.resolved)
        ringing = zip(personFrom, resolvedFrom).map { $1 == 0 ? 0 : Double($0) / Double($1) }
        let slack = Int((bridgeLimit / 2).rounded())
        horizons = Self.quantiles(stats.answeredByPerson, [0.1, 0.3, 0.5, 0.7, 0.9]).map { $0 + slack }
        wrappingUp = Self.readyWithin(horizons, afterWrapUp: stats.wrapUps)
        talking = Self.readyWithin(horizons, afterTalk: stats.talks, wrapUps: stats.wrapUps)
    }

    /// sums[i] = Σ counts[i...].
    static func suffixSums(_ counts: [Int]) -> [Int] {
        var sums = counts
        var running = 0
        for i in stride(from: counts.count - 1, through: 0, by: -1) {
            running += counts[i]
            sums[i] = running
        }
        return sums
    }

    /// The bins at which the cumulative share first reaches each of `shares`.
    static func quantiles(_ counts: [Int], _ shares: [Double]) -> [Int] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return shares.map { _ in 10 } }
        var result: [Int] = []
        var cumulative = 0
        var bin = 0
        for share in shares {
            while bin < counts.count - 1, Double(cumulative + counts[bin]) < share * Double(total) {
                cumulative += counts[bin]
                bin += 1
            }
            result.append(bin)
        }
        return result
    }

    static func readyWithin(_ horizons: [Int], afterWrapUp wrapUps: [Int]) -> [Double] {
        let from = suffixSums(wrapUps)
        var prefix = [0]
        for count in wrapUps { prefix.append(prefix.last! + count) }
        return (0 ..< wrapUps.count).map { e in
            guard from[e] > 0 else { return 0 }
            let within = horizons.reduce(0) { $0 + prefix[min(e + $1 + 1, wrapUps.count)] - prefix[e] }
            return Double(within) / Double(horizons.count * from[e])
        }
    }

    static func readyWithin(_ horizons: [Int], afterTalk talks: [Int], wrapUps: [Int]) -> [Double] {
        let wrapTotal = wrapUps.reduce(0, +)
        var wrapCDF = [Double]()
        var running = 0
        for count in wrapUps {
            running += count
            wrapCDF.append(wrapTotal == 0 ? 1 : Double(running) / Double(wrapTotal))
        }
        let from = suffixSums(talks)
        let longest = talks.lastIndex { $0 > 0 } ?? 0
        var table = [Double](repeating: 0, count: talks.count)
        for e in 0 ... longest where from[e] > 0 {
            var sum = 0.0
            for horizon in horizons {
                for x in 0 ... horizon where e + x < talks.count && talks[e + x] > 0 {
                    sum += Double(talks[e + x]) * wrapCDF[min(horizon - x, wrapCDF.count - 1)]
                }
            }
            table[e] = sum / Double(horizons.count * from[e])
        }
        return table
    }
}
