import Fluent
import SQLKit

/// A QA sample reads a project's connected calls of a month with their ids (`QualityQueries.candidates`): the
/// dashboard's index by project and start carries the id too, so that the read never leaves the index (on SQLite
/// the id is not the row's key, and fetching it from the table was most of a month's sample).
struct UpdateIndexesForTheSample: AsyncMigration {
    static let old = ["project_id", "started_at", "test_call", "talk_seconds", "disposition", "lead_id", "agent_id"]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "call_attempts_project_started_counts").run()
        var builder = sql.create(index: "call_attempts_project_started_counts").on(CallAttemptModel.schema)
        for column in Self.old + ["id"] { builder = builder.column(column) }
        try await builder.run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "call_attempts_project_started_counts").run()
        var builder = sql.create(index: "call_attempts_project_started_counts").on(CallAttemptModel.schema)
        for column in Self.old { builder = builder.column(column) }
        try await builder.run()
    }
}
