import Fluent
import Foundation
import SQLKit
import WaihuCore

/// What the wallboard's figure alerts read of today each minute: a project's calls and connected calls by local hour,
/// and its judged complaints — counted as the metric catalog counts them (`calls_made`, `connected_calls`,
/// `complaints`: test calls left out), from two narrow reads instead of the whole day's records.
public enum AlertQueries {
    public struct Day: Sendable {
        /// Calls and connected calls by hour of the day (0–23, local).
        public var byHour: [Int: (calls: Int, connected: Int)] = [:]
        public var complaints = 0
        public var connected: Int { byHour.values.reduce(0) { $0 + $1.connected } }
    }

    /// The project's calls started on the local day (in `zone`) holding `instant`.
    public static func day(project: UUID, containing instant: Date, zone: TimeZone, on db: any Database) async throws -> Day {
        let sql = try StoreSQL.sql(db)
        let from = LocalTime.startOfDay(instant, in: zone), to = LocalTime.startOfDay(instant, in: zone, plusDays: 1)
        let select = sql.select().columns("started_at", "talk_seconds").from(CallAttemptModel.schema)
            .where("project_id", .equal, SQLBind(project)).where("started_at", .greaterThanOrEqual, SQLBind(from))
            .where("started_at", .lessThan, SQLBind(to)).where("test_call", .equal, SQLLiteral.boolean(false))
        let calls = try await BigRead.rows(select, on: sql) { row -> (Date, Int)? in
            guard let started = try row.date("started_at") else { return nil }
            return (started, try row.int("talk_seconds") ?? 0)
        }
        var result = Day()
        for (started, talk) in calls {
            let hour = LocalTime(started, in: zone).second / 3600
            result.byHour[hour, default: (0, 0)].calls += 1
            if talk > 0 { result.byHour[hour, default: (0, 0)].connected += 1 }
        }
        result.complaints = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLIdentifier(ComplaintModel.schema), as: SQLIdentifier("x")))
            .join(SQLAlias(SQLIdentifier(CallAttemptModel.schema), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLColumn("attempt_id", table: "x"), .equal, SQLColumn("id", table: "c"))
            .where(SQLColumn("project_id", table: "c"), .equal, SQLBind(project))
            .where(SQLColumn("started_at", table: "c"), .greaterThanOrEqual, SQLBind(from))
            .where(SQLColumn("started_at", table: "c"), .lessThan, SQLBind(to))
            .where(SQLColumn("test_call", table: "c"), .equal, SQLLiteral.boolean(false))
            .where(SQLColumn("type", table: "x"), .equal, SQLBind(ComplaintType.complaint.rawValue))
            .where(SQLColumn("valid", table: "x"), .equal, SQLLiteral.boolean(true))
            .first()?.decode(column: "n", as: Int.self) ?? 0
        return result
    }
}
