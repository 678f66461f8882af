import Fluent
import Foundation
import SQLKit
import WaihuCore

/// The dashboard's figures aggregated in the database (METRICS.md §1.3, §1.7, §2–§3): a project's lead funnel,
/// and its calls and connected calls by quarter hour — a few hundred rows where the metrics engine would load
/// every attempt. They follow the catalog's rules: test calls are in no slice; a lead's outcome is the highest
/// category among its attempts in the slice (rejected at import: invalid); in a slice restricted to agents or
/// to a time range, the leads are those with an attempt in it.
public enum DashboardQueries {
    /// Where the project's attempts are counted: some agents only (nil: all), a time range (nil: all time).
    public struct Slice: Sendable {
        public var project: UUID
        /// Disposition code → category, the project's set over the canonical codes.
        public var categories: [String: DispositionCategory]
        public var agents: Set<UUID>?
        public var range: Range<Date>?

        public init(project: UUID, categories: [String: DispositionCategory], agents: Set<UUID>? = nil, range: Range<Date>? = nil) {
            self.project = project
            self.categories = DispositionCategory.canonical.merging(categories) { _, own in own }
            self.agents = agents
            self.range = range
        }

        /// Restricted: the leads are those with an attempt in the slice, not every lead of the project.
        var restricted: Bool { agents != nil || range != nil }
    }

    public struct Funnel: Sendable, Equatable {
        public var leads = 0, called = 0, reachable = 0, completed = 0, successful = 0
    }

    /// account_size, accounts_called, reachable_accounts, completed_accounts and successful_accounts of the slice.
    public static func funnel(_ slice: Slice, on db: any Database) async throws -> Funnel {
        let sql = try StoreSQL.sql(db)
        guard slice.agents?.isEmpty != true else { return Funnel() }
        let row = try await sql.raw("""
            SELECT COUNT(*) AS called,
                   SUM(CASE WHEN best >= 3 THEN 1 ELSE 0 END) AS reachable,
                   SUM(CASE WHEN best >= 4 THEN 1 ELSE 0 END) AS completed,
                   SUM(CASE WHEN best = 5 THEN 1 ELSE 0 END) AS successful
            FROM (SELECT lead_id,
                         CASE WHEN lead_id IN (SELECT id FROM leads WHERE project_id = \(bind: slice.project) AND rejection IS NOT NULL) THEN 2
                              ELSE MAX(\(rank(slice.categories))) END AS best
                  FROM call_attempts
                  WHERE \(filter(slice)) AND lead_id IS NOT NULL
                  GROUP BY lead_id) AS per_lead
            """).first()
        var funnel = Funnel()
        if let row {
            funnel.called = try row.decode(column: "called", as: Int?.self) ?? 0
            funnel.reachable = try row.decode(column: "reachable", as: Int?.self) ?? 0
            funnel.completed = try row.decode(column: "completed", as: Int?.self) ?? 0
            funnel.successful = try row.decode(column: "successful", as: Int?.self) ?? 0
        }
        if slice.restricted {
            funnel.leads = funnel.called
        } else {
            funnel.leads = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(LeadModel.schema)
                .where("project_id", .equal, SQLBind(slice.project)).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return funnel
    }

    /// Calls and connected calls (talk > 0) of one quarter hour; every time zone's hours are made of whole quarters.
    public struct Quarter: Sendable, Equatable {
        public var start: Date
        public var calls: Int
        public var connected: Int
    }

    public static func quarters(_ slice: Slice, on db: any Database) async throws -> [Quarter] {
        let sql = try StoreSQL.sql(db)
        guard slice.agents?.isEmpty != true else { return [] }
        return try await sql.raw("""
            SELECT \(quarter(sql)) AS quarter, COUNT(*) AS calls, SUM(CASE WHEN talk_seconds > 0 THEN 1 ELSE 0 END) AS connected
            FROM call_attempts WHERE \(filter(slice)) GROUP BY \(quarter(sql))
            """).all().map { row in
            Quarter(start: Date(timeIntervalSince1970: Double(try row.decode(column: "quarter", as: Int.self)) * 900),
                    calls: try row.decode(column: "calls", as: Int.self), connected: try row.decode(column: "connected", as: Int?.self) ?? 0)
        }
    }

    /// The leads with a success among their attempts, with the quarter hour of each such attempt: a lead counts
    /// once in each bucket (day) it has one in.
    public static func successes(_ slice: Slice, on db: any Database) async throws -> [(lead: UUID, quarter: Date)] {
        let sql = try StoreSQL.sql(db)
        let codes = slice.categories.filter { $0.value == .success }.map(\.key).sorted()
        guard slice.agents?.isEmpty != true, !codes.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT DISTINCT lead_id, \(quarter(sql)) AS quarter FROM call_attempts
            WHERE \(filter(slice)) AND lead_id IS NOT NULL AND disposition IN (\(binds: codes))
              AND lead_id NOT IN (SELECT id FROM leads WHERE project_id = \(bind: slice.project) AND rejection IS NOT NULL)
            """).all().map { row in
            (try row.decode(column: "lead_id", as: UUID.self),
             Date(timeIntervalSince1970: Double(try row.decode(column: "quarter", as: Int.self)) * 900))
        }
    }

    /// The attempts of the slice: its project, no test calls, its agents, its range.
    static func filter(_ slice: Slice) -> SQLQueryString {
        var filter: SQLQueryString = "project_id = \(bind: slice.project) AND test_call = \(SQLLiteral.boolean(false))"
        if let agents = slice.agents { filter = filter + " AND agent_id IN (\(binds: agents.sorted { $0.uuidString < $1.uuidString }))" }
        if let range = slice.range {
            filter = filter + " AND started_at >= \(bind: range.lowerBound) AND started_at < \(bind: range.upperBound)"
        }
        return filter
    }

    /// The category rank of an attempt's disposition (success 5 … unreachable 1); NULL without one.
    static func rank(_ categories: [String: DispositionCategory]) -> SQLQueryString {
        var expression: SQLQueryString = "CASE disposition"
        for (code, category) in categories.sorted(by: { $0.key < $1.key }) {
            expression = expression + " WHEN \(bind: code) THEN \(literal: category.outcomeRank)"
        }
        return expression + " ELSE NULL END"
    }

    /// The quarter hour since 1970 an attempt starts in.
    static func quarter(_ sql: any SQLDatabase) -> SQLQueryString {
        sql.dialect.name == "postgresql" ? "CAST(FLOOR(EXTRACT(EPOCH FROM started_at) / 900) AS BIGINT)" : "CAST(started_at / 900 AS INTEGER)"
    }
}
