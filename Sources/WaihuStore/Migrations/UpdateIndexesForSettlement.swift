import Fluent
import SQLKit

/// A month's settlement counts each project's calls of some results (`SettlementQueries.billable`): an index by
/// project, result and start reads only those calls — a tenth of a project's attempts — where the index by project
/// and start read them all (a month of 5,000,000 attempts settled in 2.6 s before, see docs/benchmarks.md).
struct UpdateIndexesForSettlement: AsyncMigration {
    static let name = "call_attempts_project_result_started"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        var builder = sql.create(index: Self.name).on(CallAttemptModel.schema)
        for column in ["project_id", "disposition", "started_at", "agent_id", "test_call"] { builder = builder.column(column) }
        try await builder.run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: Self.name).run()
    }
}
