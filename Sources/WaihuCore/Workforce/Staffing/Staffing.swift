import Foundation

/// Staffing for queues (RULES C.7, WF-57): the fewest agents that answer the target share of calls
/// within the target time, by Erlang C (callers wait for ever) or Erlang A (callers hang up after an
/// exponentially distributed patience).
public enum Staffing {
    /// The figures of the request's agents, or of the fewest agents that reach its service level and
    /// stay within its maximum occupancy.
    public static func erlang(_ request: StaffingRequest) throws(DomainError) -> StaffingResult {
        let request = try request.validated()
        if let agents = request.agents { return figures(request, agents: agents) }
        let load = request.offeredLoad
        var agents = max(1, Int(load.rounded(.down)) + (request.patienceSeconds == nil ? 1 : 0))
        let limit = agents + 10_000
        while agents < limit {
            let result = figures(request, agents: agents)
            if result.serviceLevel >= request.targetServiceLevel, result.occupancy <= (request.maxOccupancy ?? 1) { return result }
            agents += 1
        }
        throw DomainError(.ruleRefused, code: "no_staffing", zh: "一万名坐席内达不到服务水平目标", en: "No number of agents up to 10,000 reaches the service level")
    }

    /// The queue's figures with `agents` agents.
    static func figures(_ request: StaffingRequest, agents: Int) -> StaffingResult {
        let scheduled = Int((Double(agents) / (1 - request.shrinkage) - 1e-9).rounded(.up))
        if let patience = request.patienceSeconds {
            let queue = ErlangA(arrivalRate: request.arrivalRate, serviceRate: 1 / request.ahtSeconds, abandonRate: 1 / patience, agents: agents)
            return StaffingResult(model: "erlang_a", offeredLoad: request.offeredLoad, agents: agents, scheduled: scheduled,
                                  waitProbability: queue.waitProbability, serviceLevel: queue.serviceLevel(within: request.withinSeconds),
                                  asaSeconds: queue.meanWait, occupancy: queue.occupancy, abandonProbability: queue.abandonProbability)
        }
        let load = request.offeredLoad, n = Double(agents)
        let wait = erlangC(load: load, agents: agents)
        let gap = (n - load) / request.ahtSeconds
        return StaffingResult(model: "erlang_c", offeredLoad: load, agents: agents, scheduled: scheduled, waitProbability: wait,
                              serviceLevel: 1 - wait * exp(-gap * request.withinSeconds), asaSeconds: wait * request.ahtSeconds / (n - load),
                              occupancy: load / n, abandonProbability: nil)
    }

    /// Erlang C, the probability that a caller waits, through the Erlang B recursion (stable for large loads).
    public static func erlangC(load: Double, agents: Int) -> Double {
        var blocking = 1.0
        for k in stride(from: 1, through: agents, by: 1) { blocking = load * blocking / (Double(k) + load * blocking) }
        let n = Double(agents)
        return n * blocking / (n - load * (1 - blocking))
    }

    /// The largest offered load computed (Erlangs).
    static let largestLoad = 5_000.0

    static func rounded(_ value: Double) -> String { String(format: "%.2f", value) }
}
