import Fluent
import Foundation
import SQLKit
import WaihuCore

/// What a site's scorecard reads that Fluent models would read too slowly: a month of agent states.
public enum ScorecardQueries {
    public struct Interval: Sendable {
        public var agent: UUID
        public var state: AgentState
        public var reason: String?
        public var start: Date
        /// Nil while still open.
        public var end: Date?
    }

    /// What the scorecard's lines read of a month, without reading every interval: each agent-day's intervals that
    /// start within 30 minutes of its first login (the first login itself, breaks, meals and logouts there — 一.12,
    /// 一.15, 二.3) and every break and meal (二.6). The local day is counted from a fixed offset; in a zone that changes
    /// its offset within the range, every interval is read instead.
    public static func scorecardIntervals(agents: [UUID], from: Date, to: Date, zone: TimeZone, on db: any Database) async throws -> [Interval] {
        guard !agents.isEmpty else { return [] }
        guard zone.nextDaylightSavingTimeTransition(after: from).map({ $0 >= to }) ?? true else {
            return try await intervals(agents: agents, from: from, to: to, on: db)
        }
        let sql = try StoreSQL.sql(db)
        let pg = sql.dialect.name == "postgresql"
        let offset = zone.secondsFromGMT(for: from)
        let epoch: SQLQueryString = pg ? "EXTRACT(EPOCH FROM started_at)" : "started_at"
        // Instants after 1970 only: SQLite's integer cast is the floor there.
        let bucket: SQLQueryString = pg ? "FLOOR((" + epoch + " + \(literal: offset)) / 86400)" : "CAST((" + epoch + " + \(literal: offset)) / 86400 AS INTEGER)"
        let windowEnd: SQLQueryString = pg ? "w.f + INTERVAL '1800 seconds'" : "w.f + 1800"
        let table = SQLIdentifier(AgentStateIntervalModel.schema)
        // Each agent's intervals come packed in one text (state, start, end, reason; units and records apart by the ASCII
        // separators 31 and 30): a few hundred rows to decode instead of tens of thousands.
        let record: SQLQueryString = pg
            ? "i.state || chr(31) || EXTRACT(EPOCH FROM i.started_at)::float8::text || chr(31) || COALESCE(EXTRACT(EPOCH FROM i.ended_at)::float8::text, '') || chr(31) || COALESCE(i.reason, '')"
            : "i.state || char(31) || i.started_at || char(31) || COALESCE(i.ended_at, '') || char(31) || COALESCE(i.reason, '')"
        let packed: SQLQueryString = pg ? "string_agg(" + record + ", chr(30))" : "group_concat(" + record + ", char(30))"
        // SQLite, without statistics, walks the index by start and looks every row up; the agent's index is the narrower path.
        let byAgent: SQLQueryString = pg ? "" : " INDEXED BY agent_state_intervals_agent_started"
        // Two reads at once (each on its own connection): the first half hour of every agent-day, and the breaks and meals.
        async let window = sql.raw("""
            SELECT i.agent_id, \(packed) AS r FROM \(table) i
            JOIN (SELECT agent_id AS a, MIN(started_at) AS f FROM \(table)\(byAgent)
                  WHERE agent_id IN (\(binds: agents)) AND started_at >= \(bind: from) AND started_at < \(bind: to)
                  AND state <> 'logged_out' GROUP BY agent_id, \(bucket)) w
            ON i.agent_id = w.a AND i.started_at >= w.f AND i.started_at < \(windowEnd)
            GROUP BY i.agent_id
            """).all()
        async let pauses = sql.raw("""
            SELECT i.agent_id, \(packed) AS r FROM \(table) i
            WHERE i.agent_id IN (\(binds: agents)) AND i.started_at >= \(bind: from) AND i.started_at < \(bind: to)
            AND i.state = 'busy' AND i.reason IN ('break', 'meal')
            GROUP BY i.agent_id
            """).all()
        var intervals = try unpack(try await window)
        // A break or meal in the first half hour comes in both reads: keep it once.
        let seen = Set(intervals.lazy.filter { $0.state == .busy }.map { "\($0.agent) \($0.start.timeIntervalSince1970)" })
        for pause in try unpack(try await pauses) where !seen.contains("\(pause.agent) \(pause.start.timeIntervalSince1970)") {
            intervals.append(pause)
        }
        return intervals
    }

    /// The packed intervals of each agent's row.
    static func unpack(_ rows: [any SQLRow]) throws -> [Interval] {
        var out: [Interval] = []
        for row in rows {
            let agent = try row.decode(column: "agent_id", as: UUID.self)
            guard let text = try row.decode(column: "r", as: String?.self) else { continue }
            for record in text.split(separator: "\u{1E}") {
                let fields = record.split(separator: "\u{1F}", maxSplits: 3, omittingEmptySubsequences: false)
                guard fields.count >= 3, let state = AgentState(rawValue: String(fields[0])), let start = Double(fields[1]) else { continue }
                let reason = fields.count > 3 && !fields[3].isEmpty ? String(fields[3]) : nil
                out.append(Interval(agent: agent, state: state, reason: reason, start: Date(timeIntervalSince1970: start),
                                    end: Double(fields[2]).map(Date.init(timeIntervalSince1970:))))
            }
        }
        return out
    }

    static func interval(_ row: any SQLRow) throws -> Interval? {
        guard let state = AgentState(rawValue: try row.decode(column: "state", as: String.self)) else { return nil }
        return Interval(agent: try row.decode(column: "agent_id", as: UUID.self), state: state,
                        reason: try row.decode(column: "reason", as: String?.self),
                        start: Date(timeIntervalSince1970: try row.decode(column: "s", as: Double.self)),
                        end: try row.decode(column: "e", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
    }

    /// A roster row: an agent's day with its shift or leave (rows without either are schedules, not rosters).
    public struct RosterRow: Sendable {
        public var agent: UUID, date: String, start: String?, end: String?, breakMinutes: Int?, leave: String?, scheduledSeconds: Int, toAttend: Bool
    }

    /// The schedule rows of these agents for the dates in [from, to).
    public static func roster(agents: [UUID], from: LocalDate, to: LocalDate, on db: any Database) async throws -> [RosterRow] {
        guard !agents.isEmpty else { return [] }
        let rows = try await StoreSQL.sql(db).select()
            .columns("agent_id", "date", "shift_start", "shift_end", "break_minutes", "leave", "scheduled_seconds", "scheduled_to_attend")
            .from(WorkScheduleModel.schema).where("agent_id", .in, SQLBind.group(agents))
            .where("date", .greaterThanOrEqual, SQLBind(from.description)).where("date", .lessThan, SQLBind(to.description)).all()
        return try rows.map { row in
            RosterRow(agent: try row.decode(column: "agent_id", as: UUID.self), date: try row.decode(column: "date", as: String.self),
                      start: try row.decode(column: "shift_start", as: String?.self), end: try row.decode(column: "shift_end", as: String?.self),
                      breakMinutes: try row.decode(column: "break_minutes", as: Int?.self), leave: try row.decode(column: "leave", as: String?.self),
                      scheduledSeconds: try row.decode(column: "scheduled_seconds", as: Int.self), toAttend: try row.decode(column: "scheduled_to_attend", as: Bool.self))
        }
    }

    /// The intervals of these agents that start in [from, to), as seconds since 1970 in both dialects.
    public static func intervals(agents: [UUID], from: Date, to: Date, on db: any Database) async throws -> [Interval] {
        guard !agents.isEmpty else { return [] }
        let sql = try StoreSQL.sql(db)
        let pg = sql.dialect.name == "postgresql"
        let start: SQLQueryString = pg ? "EXTRACT(EPOCH FROM started_at)::float8" : "started_at"
        let end: SQLQueryString = pg ? "EXTRACT(EPOCH FROM ended_at)::float8" : "ended_at"
        let rows = try await sql.raw("""
            SELECT agent_id, state, reason, \(start) AS s, \(end) AS e FROM \(ident: AgentStateIntervalModel.schema)
            WHERE agent_id IN (\(binds: agents)) AND started_at >= \(bind: from) AND started_at < \(bind: to)
            """).all()
        return try rows.compactMap(interval)
    }
}

/// The announcements' read receipts, read without models (a month of a large site holds thousands).
public enum TrainingQueries {
    public struct Read: Sendable {
        public var announcement: UUID, agent: UUID, at: Date
    }

    public static func reads(of announcements: [UUID], on db: any Database) async throws -> [Read] {
        guard !announcements.isEmpty else { return [] }
        let sql = try StoreSQL.sql(db)
        let at: SQLQueryString = sql.dialect.name == "postgresql" ? "EXTRACT(EPOCH FROM read_at)::float8" : "read_at"
        return try await sql.raw("""
            SELECT announcement_id, agent_id, \(at) AS t FROM \(ident: AnnouncementReadModel.schema) WHERE announcement_id IN (\(binds: announcements))
            """).all().map { row in
            Read(announcement: try row.decode(column: "announcement_id", as: UUID.self), agent: try row.decode(column: "agent_id", as: UUID.self),
                 at: Date(timeIntervalSince1970: try row.decode(column: "t", as: Double.self)))
        }
    }
}
