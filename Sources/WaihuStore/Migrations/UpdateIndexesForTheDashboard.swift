import Fluent
import SQLKit

/// What the project dashboard aggregates (`DashboardQueries`), read from indexes alone: a project's attempts
/// by start with what the hours and the trend count (the index by project and start it replaces is its
/// prefix), and by lead with the disposition the funnel ranks.
struct UpdateIndexesForTheDashboard: AsyncMigration {
    static let indexes: [(name: String, columns: [String])] = [
        ("call_attempts_project_started_counts", ["project_id", "started_at", "test_call", "talk_seconds", "disposition", "lead_id", "agent_id"]),
        ("call_attempts_project_lead", ["project_id", "lead_id", "disposition", "test_call", "agent_id"]),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(CallAttemptModel.schema)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
        try await sql.drop(index: "call_attempts_project_started").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "call_attempts_project_started").on(CallAttemptModel.schema).column("project_id").column("started_at").run()
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}
