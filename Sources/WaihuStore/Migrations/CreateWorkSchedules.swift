import Fluent
import SQLKit

/// Agents' schedules by day (排班, METRICS.md §1.5): one row per agent and date.
struct CreateWorkSchedules: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WorkScheduleModel.schema)
            .id()
            .field("agent_id", .uuid, .required, .references(AgentModel.schema, "id"))
            .field("date", .string, .required)
            .field("scheduled_seconds", .int, .required)
            .field("paid_seconds", .int, .required)
            .field("scheduled_to_attend", .bool, .required)
            .field("attended", .bool, .required)
            .unique(on: "agent_id", "date")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "work_schedules_date").on(WorkScheduleModel.schema).column("date").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WorkScheduleModel.schema).delete()
    }
}
