import Foundation

/// The Erlang A queue (M/M/n+M, Palm's model): Poisson arrivals, exponential service, `agents` servers
/// and callers who hang up after an exponential patience. Solved exactly as a birth–death chain whose
/// tail is cut where its probabilities fall below e⁻⁴⁰ of the largest.
struct ErlangA {
    let arrivalRate: Double, serviceRate: Double, abandonRate: Double, agents: Int
    /// Stationary probabilities of 0, 1, 2, … callers in the system.
    let states: [Double]

    init(arrivalRate: Double, serviceRate: Double, abandonRate: Double, agents: Int) {
        self.arrivalRate = arrivalRate
        self.serviceRate = serviceRate
        self.abandonRate = abandonRate
        self.agents = agents
        var logs = [0.0], peak = 0.0, k = 0
        while true {
            k += 1
            let out = Double(min(k, agents)) * serviceRate + Double(max(0, k - agents)) * abandonRate
            let next = logs[k - 1] + log(arrivalRate) - log(out)
            logs.append(next)
            peak = max(peak, next)
            if k > agents, next < peak - 40, next < logs[k - 1] { break }
            if k > agents + 1_000_000 { break }
        }
        let weights = logs.map { exp($0 - peak) }
        let total = weights.reduce(0, +)
        states = weights.map { $0 / total }
    }

    /// Arrivals see the time averages (PASTA): a caller waits when all agents are busy.
    var waitProbability: Double { states[agents...].reduce(0, +) }

    /// The mean number of callers in queue.
    var meanQueue: Double { states.indices.dropFirst(agents).reduce(0) { $0 + Double($1 - agents) * states[$1] } }

    /// Callers hang up at rate γ·E[queue]; divided by the arrival rate, the share who hang up.
    var abandonProbability: Double { abandonRate * meanQueue / arrivalRate }

    /// Little's law: the mean wait over all callers.
    var meanWait: Double { meanQueue / arrivalRate }

    /// The agents' busy share: the calls served times their length over the agents.
    var occupancy: Double { arrivalRate * (1 - abandonProbability) / serviceRate / Double(agents) }

    /// The share of all callers answered within `t` seconds. A caller who finds j others waiting moves
    /// up at rate n·μ + (places ahead)·γ, reaches an agent at rate n·μ from the head of the queue, and
    /// hangs up at rate γ; the chance of reaching an agent by `t` comes from uniformization.
    func serviceLevel(within t: Double) -> Double {
        let immediate = states[..<agents].reduce(0, +)
        let queued = Array(states[agents...])
        guard !queued.isEmpty, t > 0 else { return immediate }
        let n = Double(agents) * serviceRate, gamma = abandonRate
        let places = queued.count
        let uniform = n + Double(places) * gamma + gamma
        // value[m]: the chance a caller with m others ahead has reached an agent within the steps taken so far.
        var value = [Double](repeating: 0, count: places), answered = [Double](repeating: 0, count: places)
        let mean = uniform * t
        var logWeight = -mean, step = 0
        // Bounded by the request's limits (load, agents, answer time); a bound here too keeps a bad input from looping long.
        let steps = Int(min(mean + 12 * mean.squareRoot() + 40, 2_000_000))
        while step <= steps {
            let weight = exp(logWeight)
            for m in 0 ..< places { answered[m] += weight * value[m] }
            var next = value
            for m in 0 ..< places {
                let advance = n + Double(m) * gamma
                let ahead = m == 0 ? 1.0 : value[m - 1]
                next[m] = advance / uniform * ahead + (1 - (advance + gamma) / uniform) * value[m]
            }
            value = next
            step += 1
            logWeight += log(mean) - log(Double(step))
        }
        let served = zip(queued, answered).reduce(0) { $0 + $1.0 * $1.1 }
        return immediate + served
    }
}
