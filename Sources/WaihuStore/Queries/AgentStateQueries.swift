import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Agent states as events (坐席状态): every change closes the agent's open interval and opens the
/// next, in one transaction; logging out closes it and opens nothing.
public enum AgentStateQueries {
    /// An agent's state now: the open interval, or logged out when there is none.
    public struct Current: Sendable, Equatable {
        public var agentID: UUID
        public var state: AgentState
        public var since: Date?
        public var reason: String?
        public var projectID: UUID?
        /// The desk's last heartbeat (`heartbeat`); nil for an agent whose desk never polled.
        public var seenAt: Date? = nil

        /// Whether a desk look now should write its heartbeat: logged in, and not written within `every` seconds.
        public func heartbeatDue(at now: Date, every: TimeInterval = AgentStateQueries.heartbeatEvery) -> Bool {
            state != .logged_out && (seenAt.map { $0 < now.addingTimeInterval(-every) } ?? true)
        }
    }

    /// How often at most a desk's heartbeat is written.
    public static let heartbeatEvery: TimeInterval = 2

    /// The agent's desk is there: kept on the open interval, written at most every `every` seconds so that a
    /// floor of desks polling each second does not write each second.
    public static func heartbeat(agent: UUID, at now: Date, every: TimeInterval = heartbeatEvery, on db: any Database) async throws {
        try await StoreSQL.sql(db).update(AgentStateIntervalModel.schema).set("seen_at", to: SQLBind(now))
            .where("agent_id", .equal, SQLBind(agent)).where("ended_at", .is, SQLLiteral.null)
            .where { $0.where("seen_at", .is, SQLLiteral.null).orWhere("seen_at", .lessThan, SQLBind(now.addingTimeInterval(-every))) }
            .run()
    }

    public static func current(agent: UUID, on db: any Database) async throws -> Current {
        try await open(agent: agent, try StoreSQL.sql(db))?.current ?? loggedOut(agent)
    }

    /// Logs out, at the end of their day, the agents still logged in after it: each open interval that
    /// started on a day now over is closed at that day's local midnight and flagged. Returns how many.
    @discardableResult
    public static func closeDaysEnded(at now: Date, zone: TimeZone, on db: any Database) async throws -> Int {
        let sql = try StoreSQL.sql(db)
        let open = try await sql.select().columns("id", "started_at").from(AgentStateIntervalModel.schema)
            .where("ended_at", .is, SQLLiteral.null).all()
        var closed = 0
        for row in open {
            let id = try row.decode(column: "id", as: UUID.self)
            guard let end = DayEnd.closing(intervalStartedAt: try row.decode(column: "started_at", as: Date.self), now: now, zone: zone)
            else { continue }
            // Only if still open: the agent may have logged out meanwhile.
            try await sql.update(AgentStateIntervalModel.schema).set("ended_at", to: SQLBind(end))
                .set("auto_closed", to: SQLLiteral.boolean(true))
                .where("id", .equal, SQLBind(id)).where("ended_at", .is, SQLLiteral.null).run()
            // Days already kept as metric cells (an outage of more than a day) are built again.
            try await MetricCellQueries.invalidate(from: try row.decode(column: "started_at", as: Date.self), to: end, sql: sql)
            closed += 1
        }
        return closed
    }

    /// Every agent logged in now, whatever the project.
    public static func loggedIn(on db: any Database) async throws -> [Current] {
        try await AgentStateIntervalModel.query(on: db).filter(\.$endedAt == nil).sort(\.$startedAt).all().map(current)
    }

    /// The agents logged into a project now.
    public static func present(project: UUID, on db: any Database) async throws -> [Current] {
        try await AgentStateIntervalModel.query(on: db).filter(\.$projectID == project).filter(\.$endedAt == nil)
            .sort(\.$startedAt).all().map(current)
    }

    /// Moves an agent to `state` at `now`. `project` is the project the agent works in (kept from
    /// the open interval when nil). Returns the state now in force. One write transaction (SQLite:
    /// `BEGIN IMMEDIATE`), as the dialer writes agents' states at the same time as the desk.
    /// `check` sees the state in force inside the transaction and throws to refuse the change.
    @discardableResult
    public static func change(agent: UUID, to state: AgentState, reason: String? = nil, project: UUID? = nil,
                              at now: Date, source: String, check: @escaping @Sendable (Current) throws -> Void = { _ in },
                              on db: any Database) async throws -> Current {
        try await StoreTransaction.immediate(db) { sql, _ in
            let open = try await open(agent: agent, sql)
            try check(open?.current ?? loggedOut(agent))
            if let open {
                let same = open.current.state == state && open.current.reason == reason
                if same, project == nil || open.current.projectID == project { return open.current }
                try await sql.update(AgentStateIntervalModel.schema).set("ended_at", to: SQLBind(max(now, open.current.since ?? now)))
                    .where("id", .equal, SQLBind(open.id)).run()
                if let since = open.current.since, now.timeIntervalSince(since) > 86_400 {
                    try await MetricCellQueries.invalidate(from: since, to: now, sql: sql)
                }
            }
            guard state != .logged_out else {
                return Current(agentID: agent, state: .logged_out, since: now, reason: nil, projectID: nil)
            }
            let next = Current(agentID: agent, state: state, since: now, reason: reason, projectID: project ?? open?.current.projectID)
            // The heartbeat carries over: a change the dialer makes says nothing about whether the desk is there.
            var carried = next
            carried.seenAt = open?.current.seenAt
            try await sql.insert(into: AgentStateIntervalModel.schema)
                .columns("id", "agent_id", "project_id", "state", "reason", "started_at", "source", "auto_closed", "seen_at")
                .values(SQLBind(UUID()), SQLBind(agent), SQLBind(next.projectID), SQLBind(state.rawValue), SQLBind(reason),
                        SQLBind(now), SQLBind(source), SQLLiteral.boolean(false), SQLBind(carried.seenAt))
                .run()
            return carried
        }
    }

    /// The agent's open interval, if any: the state in force.
    static func open(agent: UUID, _ sql: any SQLDatabase) async throws -> (id: UUID, current: Current)? {
        try await sql.select().columns("id", "project_id", "state", "reason", "started_at", "seen_at")
            .from(AgentStateIntervalModel.schema).where("agent_id", .equal, SQLBind(agent))
            .where("ended_at", .is, SQLLiteral.null).orderBy("started_at", .descending).first()
            .map { row in
                (id: try row.decode(column: "id", as: UUID.self),
                 current: Current(agentID: agent, state: AgentState(rawValue: try row.decode(column: "state", as: String.self)) ?? .ready,
                                  since: try row.decode(column: "started_at", as: Date.self),
                                  reason: try row.decode(column: "reason", as: String?.self),
                                  projectID: try row.decode(column: "project_id", as: UUID?.self),
                                  seenAt: try row.decode(column: "seen_at", as: Date?.self)))
            }
    }

    static func loggedOut(_ agent: UUID) -> Current {
        Current(agentID: agent, state: .logged_out, since: nil, reason: nil, projectID: nil)
    }

    static func current(_ model: AgentStateIntervalModel) -> Current {
        Current(agentID: model.agentID, state: AgentState(rawValue: model.state) ?? .ready, since: model.startedAt,
                reason: model.reason, projectID: model.projectID, seenAt: model.seenAt)
    }
}
