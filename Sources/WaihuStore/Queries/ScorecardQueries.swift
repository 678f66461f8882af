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
        return try rows.compactMap { row in
            guard let state = AgentState(rawValue: try row.decode(column: "state", as: String.self)) else { return nil }
            return Interval(agent: try row.decode(column: "agent_id", as: UUID.self), state: state,
                            reason: try row.decode(column: "reason", as: String?.self),
                            start: Date(timeIntervalSince1970: try row.decode(column: "s", as: Double.self)),
                            end: try row.decode(column: "e", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
        }
    }
}
