import Fluent
import Foundation

/// One stretch of one agent in one state (METRICS.md §1.4). Rows are only added; an interval
/// still open has no end yet.
public final class AgentStateIntervalModel: Model, @unchecked Sendable {
    public static let schema = "agent_state_intervals"

    @ID(key: .id) public var id: UUID?
    @Field(key: "agent_id") public var agentID: UUID
    /// The project the agent was logged into; empty when none.
    @OptionalField(key: "project_id") public var projectID: UUID?
    /// An `AgentState` raw value.
    @Field(key: "state") public var state: String
    /// Why the agent is busy (示忙原因): break, meal, training, meeting, paperwork, other.
    @OptionalField(key: "reason") public var reason: String?
    @Field(key: "started_at") public var startedAt: Date
    @OptionalField(key: "ended_at") public var endedAt: Date?
    /// Where the row came from: `desk`, `dialer`, `import`, `simulation`.
    @Field(key: "source") public var source: String
    /// Closed by the system at the end of the day the agent did not log out of.
    @Field(key: "auto_closed") public var autoClosed: Bool
    /// The last time the agent's desk asked for its state while this interval was open (its heartbeat).
    @OptionalField(key: "seen_at") public var seenAt: Date?

    public init() {
        autoClosed = false
    }
}
