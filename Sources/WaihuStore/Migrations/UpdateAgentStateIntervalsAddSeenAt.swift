import Fluent

/// The desk's heartbeat on the agent's open state interval: a ready agent whose desk stopped asking is not
/// given calls (`DeskPresence`).
struct UpdateAgentStateIntervalsAddSeenAt: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AgentStateIntervalModel.schema).field("seen_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AgentStateIntervalModel.schema).deleteField("seen_at").update()
    }
}
