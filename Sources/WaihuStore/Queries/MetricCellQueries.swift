import Fluent
import Foundation
import SQLKit
import WaihuCore

/// The day cells kept for splits by agent and day (`MetricCells`): built from the events the first
/// time a day is asked for, forgotten when an event of that day is written later (an import, a
/// simulated day, a judged complaint, a changed disposition set), built again on the next query.
public enum MetricCellQueries {
    /// The cells of the days from `from` to `to`, building the days not built yet.
    public static func cells(from: LocalDate, to: LocalDate, query: MetricQuery, on db: any Database) async throws -> [SliceKey: SliceTally] {
        let sql = try StoreSQL.sql(db)
        let days = stride(from: LocalTime.days(from: from), through: LocalTime.days(from: to), by: 1).map { LocalTime.civil(fromDays: $0).description }
        let built = Set(try await sql.select().column("day").from("metric_days").where("day", .in, SQLBind.group(days)).all()
            .map { try $0.decode(column: "day", as: String.self) })
        for day in days where !built.contains(day) {
            try await build(LocalDate(day)!, zone: query.timeZone, asOf: query.asOf, on: db)
        }
        var select = sql.select().columns("day", "project", "agent", "sums").from("metric_day_cells")
            .where("day", .greaterThanOrEqual, SQLBind(from.description)).where("day", .lessThanOrEqual, SQLBind(to.description))
        if query.projects?.isEmpty == true || query.agents?.isEmpty == true { return [:] }
        if let projects = query.projects { select = select.where("project", .in, SQLBind.group(Array(projects))) }
        if let agents = query.agents { select = select.where("agent", .in, SQLBind.group(Array(agents))) }
        var cells: [SliceKey: SliceTally] = [:]
        for row in try await select.all() {
            let agent = try row.decode(column: "agent", as: String.self)
            guard let day = LocalDate(try row.decode(column: "day", as: String.self)),
                  let cell = MetricCells.unpack(try row.decode(column: "sums", as: String.self), agent: agent) else { continue }
            cells[SliceKey(project: try row.decode(column: "project", as: String.self), agent: agent,
                           bucket: TimeBucket.containing(day, split: .day))] = cell
        }
        return cells
    }

    /// Builds the cells of the days between two instants that are over (before yesterday) and not built
    /// yet: after an import, so that the first query finds them kept.
    public static func buildDays(from: Date, to: Date, at now: Date, on db: any Database) async throws {
        let sql = try StoreSQL.sql(db)
        let zone = try await zone(sql)
        let first = LocalTime(from, in: zone).date
        let last = min(LocalTime(max(from, to), in: zone).date, LocalTime(now, in: zone).date.addingDays(-2))
        guard first <= last else { return }
        let days = stride(from: LocalTime.days(from: first), through: LocalTime.days(from: last), by: 1).map { LocalTime.civil(fromDays: $0) }
        let built = Set(try await sql.select().column("day").from("metric_days").where("day", .in, SQLBind.group(days.map(\.description))).all()
            .map { try $0.decode(column: "day", as: String.self) })
        for day in days where !built.contains(day.description) {
            try await build(day, zone: zone, asOf: now, on: db)
        }
    }

    /// Builds one day's cells from its events, replacing any kept; a day another process built first is left to it.
    static func build(_ day: LocalDate, zone: TimeZone, asOf: Date, on db: any Database) async throws {
        let query = try MetricQuery(from: day, to: day, by: [.agent, .day], timeZone: zone, asOf: asOf)
        let records = try await MetricQueries.records(for: query, on: db)
        let cells = try MetricCells.build(records, from: day, to: day, timeZone: zone, asOf: asOf)
        let rows = cells.compactMap { key, cell in key.project.flatMap { p in key.agent.map { (p, $0, MetricCells.pack(cell)) } } }
        do {
            try await StoreTransaction.write(db) { tx in
                let sql = try StoreSQL.sql(tx)
                try await sql.delete(from: "metric_day_cells").where("day", .equal, SQLBind(day.description)).run()
                for start in stride(from: 0, to: rows.count, by: 500) {
                    var insert = sql.insert(into: "metric_day_cells").columns("day", "project", "agent", "sums")
                    for (project, agent, sums) in rows[start ..< min(start + 500, rows.count)] {
                        insert = insert.values(SQLBind(day.description), SQLBind(project), SQLBind(agent), SQLBind(sums))
                    }
                    try await insert.run()
                }
                try await sql.insert(into: "metric_days").columns("day", "built_at").values(SQLBind(day.description), SQLBind(asOf)).run()
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return
        }
    }

    /// Forgets the cells of the local days (in the organisation's time zone) holding these instants, so
    /// that they are built again from the events.
    public static func invalidate(_ instants: [Date], on db: any Database) async throws {
        let sql = try StoreSQL.sql(db)
        guard !instants.isEmpty else { return }
        let zone = try await zone(sql)
        let days = Set(instants.map { LocalTime($0, in: zone).date.description })
        try await sql.delete(from: "metric_days").where("day", .in, SQLBind.group(Array(days))).run()
    }

    /// Forgets the days from `from` to `to` (an interval spanning them, an import's range).
    public static func invalidate(from: Date, to: Date, on db: any Database) async throws {
        try await invalidate(from: from, to: to, sql: try StoreSQL.sql(db))
    }

    static func invalidate(from: Date, to: Date, sql: any SQLDatabase) async throws {
        let zone = try await zone(sql)
        let first = LocalTime(from, in: zone).date, last = LocalTime(max(from, to), in: zone).date
        try await sql.delete(from: "metric_days").where("day", .greaterThanOrEqual, SQLBind(first.description))
            .where("day", .lessThanOrEqual, SQLBind(last.description)).run()
    }

    static func zone(_ sql: any SQLDatabase) async throws -> TimeZone {
        let name = try await sql.select().column("time_zone").from(OrganisationModel.schema).first()?.decode(column: "time_zone", as: String.self)
        return name.flatMap(TimeZone.init(identifier:)) ?? .gmt
    }

    /// Forgets every day (dispositions mapped anew, thresholds changed, the time zone changed).
    public static func invalidateAll(on db: any Database) async throws {
        try await StoreSQL.sql(db).delete(from: "metric_days").run()
    }
}
