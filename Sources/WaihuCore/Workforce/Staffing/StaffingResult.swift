/// The figures of a queue with a given number of agents (Erlang C or Erlang A).
public struct StaffingResult: Sendable, Equatable, Codable {
    public var model: String
    public var offeredLoad: Double
    /// Agents on the phones (raw).
    public var agents: Int
    /// Agents to schedule once shrinkage is allowed for: ⌈agents ÷ (1 − shrinkage)⌉.
    public var scheduled: Int
    /// The share of callers who wait at all.
    public var waitProbability: Double
    /// The share of all callers answered within the target time (callers who hang up count as not answered).
    public var serviceLevel: Double
    /// The mean time in queue over all callers (Erlang A: including the wait of those who hang up).
    public var asaSeconds: Double
    /// The share of the agents' time on calls.
    public var occupancy: Double
    /// The share of callers who hang up before an answer; Erlang A only.
    public var abandonProbability: Double?

    enum CodingKeys: String, CodingKey {
        case model, agents, scheduled, occupancy
        case offeredLoad = "offered_load", waitProbability = "wait_probability", serviceLevel = "service_level"
        case asaSeconds = "asa_seconds", abandonProbability = "abandon_probability"
    }
}
