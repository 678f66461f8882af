import Fluent
import SQLKit

/// Today's counts read at every look never leave their index. The wallboard counts a project's calls of the day by
/// disposition, connected and answered by a person (`WallboardQueries.dayTally`): the dashboard's index by project and
/// start carries the answer time too. The desk counts the agent's own calls of the day (`AttemptQueries.tally`): the
/// desk's index by agent, open and start carries what is counted. Without them a 200-agent floor's day of 200,000 calls
/// fetched every call from the table: 1.5 s a wallboard look on SQLite instead of 0.2 s, and a thousand table reads at
/// each desk's look.
struct UpdateIndexesForTodaysCounts: AsyncMigration {
    static let agentDay = "call_attempts_agent_open_started"
    static let agentDayColumns = ["agent_id", "in_progress", "started_at"]
    static let agentDayCounted = ["test_call", "project_id", "disposition", "talk_seconds", "answered_at"]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await UpdateIndexesForConnectedCalls.counts(UpdateIndexesForTheSample.old + ["answered_at"], on: sql)
        try await Self.agentDay(Self.agentDayColumns + Self.agentDayCounted, on: sql)
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await UpdateIndexesForConnectedCalls.counts(UpdateIndexesForTheSample.old, on: sql)
        try await Self.agentDay(Self.agentDayColumns, on: sql)
    }

    static func agentDay(_ columns: [String], on sql: any SQLDatabase) async throws {
        try await sql.drop(index: agentDay).run()
        var builder = sql.create(index: agentDay).on(CallAttemptModel.schema)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
