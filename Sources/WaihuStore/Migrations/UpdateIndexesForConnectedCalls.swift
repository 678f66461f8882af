import Fluent
import SQLKit

/// A QA sample reads a project's connected calls of a month (`QualityQueries.candidates`). A partial index holds only
/// those — connected, not test calls, about two in five of all attempts — with everything the read needs, so that a
/// month of a large floor is a short scan of a narrow index. The dashboard's index by project and start, which carried
/// the call's id for the sample until now, goes back to its own columns: one fewer id to write with every call.
struct UpdateIndexesForConnectedCalls: AsyncMigration {
    static let name = "call_attempts_connected"
    static let columns = ["project_id", "started_at", "agent_id", "id", "talk_seconds", "disposition", "test_call"]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let no = sql.dialect.name == "sqlite" ? "0" : "false"
        try await sql.raw("""
            CREATE INDEX \(ident: Self.name) ON \(ident: CallAttemptModel.schema) (\(idents: Self.columns, joinedBy: ", "))
            WHERE talk_seconds > 0 AND test_call = \(unsafeRaw: no)
            """).run()
        try await Self.counts(UpdateIndexesForTheSample.old, on: sql)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: Self.name).run()
        try await Self.counts(UpdateIndexesForTheSample.old + ["id"], on: sql)
    }

    static func counts(_ columns: [String], on sql: any SQLDatabase) async throws {
        try await sql.drop(index: "call_attempts_project_started_counts").run()
        var builder = sql.create(index: "call_attempts_project_started_counts").on(CallAttemptModel.schema)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
