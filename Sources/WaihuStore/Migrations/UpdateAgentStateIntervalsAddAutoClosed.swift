import Fluent

/// Flags an interval the system closed (an agent left logged in past the end of the day).
struct UpdateAgentStateIntervalsAddAutoClosed: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AgentStateIntervalModel.schema)
            .field("auto_closed", .bool, .required, .sql(.default(false)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AgentStateIntervalModel.schema).deleteField("auto_closed").update()
    }
}
