import Fluent
import Foundation
import SQLKit
import WaihuCore

/// What the wallboard reads: a project's calls of a day, counted in the database.
public enum WallboardQueries {
    /// The project's attempts started in [from, to), test calls left out, tallied by disposition,
    /// by whether they talked and by whether a person answered.
    /// `agents`: only their calls (a vendor's wallboard); nil: every call of the project.
    public static func dayTally(project: UUID, from: Date, to: Date, agents: Set<UUID>? = nil, on db: any Database) async throws -> Wallboard.DayTally {
        let talked = SQLRaw("CASE WHEN talk_seconds > 0 THEN 1 ELSE 0 END")
        let answered = SQLRaw("CASE WHEN answered_at IS NOT NULL THEN 1 ELSE 0 END")
        if let agents, agents.isEmpty { return Wallboard.DayTally() }
        var select = try StoreSQL.sql(db).select()
            .column(SQLColumn("disposition")).column(talked, as: "talked").column(answered, as: "answered")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(CallAttemptModel.schema)
            .where("project_id", .equal, SQLBind(project)).where("started_at", .greaterThanOrEqual, SQLBind(from))
            .where("started_at", .lessThan, SQLBind(to)).where("test_call", .equal, SQLLiteral.boolean(false))
        if let agents { select = select.where("agent_id", .in, SQLBind.group(agents.sorted { $0.uuidString < $1.uuidString })) }
        let rows = try await select.groupBy("disposition").groupBy(talked).groupBy(answered).all()
        var tally = Wallboard.DayTally()
        for row in rows {
            let n = try row.decode(column: "n", as: Int.self)
            tally.calls += n
            if try row.decode(column: "talked", as: Int.self) == 1 { tally.connected += n }
            if try row.decode(column: "answered", as: Int.self) == 1 { tally.answeredByPerson += n }
            if let code = try row.decode(column: "disposition", as: String?.self) { tally.byDisposition[code, default: 0] += n }
        }
        return tally
    }
}
