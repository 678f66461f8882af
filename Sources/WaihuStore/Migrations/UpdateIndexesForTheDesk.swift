import Fluent
import SQLKit

/// What the desk asks every second per agent, by agent: the call in hand, the latest call and the
/// day's calls (`call_attempts` by agent, open or ended, and start), the booked callbacks (`leads` by agent and deferral); and the
/// reservations given back after their time (`call_attempts` in progress by start). Without them each
/// poll read the whole attempts and leads tables.
struct UpdateIndexesForTheDesk: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("call_attempts_agent_open_started", CallAttemptModel.schema, ["agent_id", "in_progress", "started_at"]),
        ("call_attempts_in_progress_started", CallAttemptModel.schema, ["in_progress", "started_at"]),
        ("leads_agent_deferral", LeadModel.schema, ["agent_id", "deferral", "next_attempt_at"]),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}
