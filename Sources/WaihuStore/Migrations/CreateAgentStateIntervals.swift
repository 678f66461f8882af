import Fluent
import SQLKit

/// Agent state intervals (坐席状态, METRICS.md §1.4): one row per stretch of one agent in one state.
struct CreateAgentStateIntervals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AgentStateIntervalModel.schema)
            .id()
            .field("agent_id", .uuid, .required, .references(AgentModel.schema, "id"))
            .field("project_id", .uuid)
            .field("state", .string, .required)
            .field("reason", .string)
            .field("started_at", .datetime, .required)
            .field("ended_at", .datetime)
            .field("source", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "agent_state_intervals_agent_started").on(AgentStateIntervalModel.schema)
            .column("agent_id").column("started_at").run()
        try await sql.create(index: "agent_state_intervals_started").on(AgentStateIntervalModel.schema)
            .column("started_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AgentStateIntervalModel.schema).delete()
    }
}
