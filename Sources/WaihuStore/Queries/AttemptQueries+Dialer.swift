import Fluent
import Foundation
import SQLKit
import WaihuCore

/// What the dialer writes on the attempts of the calls it places.
extension AttemptQueries {
    /// The agent who has the call (none until a call is bridged), and when a person answered; an attempt its agent
    /// already ended keeps the agent's record.
    public static func assign(_ attempt: UUID, agent: UUID?, answeredAt: Date?, on db: any Database) async throws {
        try await StoreSQL.sql(db).update(CallAttemptModel.schema)
            .set("agent_id", to: SQLBind(agent)).set("answered_at", to: SQLBind(answeredAt))
            .where("id", .equal, SQLBind(attempt)).where("in_progress", .equal, SQLLiteral.boolean(true)).run()
    }

    /// The bridged call is over: its end and talk time; the agent's disposition ends the attempt.
    public static func recordCallEnd(_ attempt: UUID, endedAt: Date, talkSeconds: Int, on db: any Database) async throws {
        // An attempt its agent already ended keeps the agent's record.
        try await StoreSQL.sql(db).update(CallAttemptModel.schema)
            .set("ended_at", to: SQLBind(endedAt)).set("talk_seconds", to: SQLBind(talkSeconds))
            .where("id", .equal, SQLBind(attempt)).where("in_progress", .equal, SQLLiteral.boolean(true)).run()
    }

    /// The agents of those of `attempts` that are no longer in progress.
    public static func agentsOfEnded(_ attempts: [UUID], on db: any Database) async throws -> [UUID] {
        try await StoreSQL.sql(db).select().column("agent_id").from(CallAttemptModel.schema)
            .where("id", .in, SQLBind.group(attempts)).where("in_progress", .equal, SQLLiteral.boolean(false))
            .where("agent_id", .isNot, SQLLiteral.null).all().map { try $0.decode(column: "agent_id", as: UUID.self) }
    }

    /// The agent's attempt in progress: a lead taken on the desk, or a call the dialer bridged to them. A call a
    /// person answered comes first, so that a call still waiting for its result is never hidden behind a lead
    /// the dialer reserved for the agent after it.
    public static func open(agent: UUID, on db: any Database) async throws -> OpenAttempt? {
        let sql = try StoreSQL.sql(db)
        guard let row = try await sql.select().column("id").from(CallAttemptModel.schema)
            .where("agent_id", .equal, SQLBind(agent)).where("in_progress", .equal, SQLLiteral.boolean(true))
            .orderBy(SQLRaw("answered_at IS NULL")).orderBy("started_at", .descending).first() else { return nil }
        return try await open(try row.decode(column: "id", as: UUID.self), sql)
    }

    /// A project's calls answered by a person and the abandoned ones, started in [from, to), test
    /// calls left out: the day's abandon accounting as the database holds it.
    public static func abandonTally(project: UUID, from: Date, to: Date, on db: any Database) async throws -> AbandonTally {
        let sql = try StoreSQL.sql(db)
        func count(_ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> Int {
            let query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(CallAttemptModel.schema)
                .where("project_id", .equal, SQLBind(project)).where("started_at", .greaterThanOrEqual, SQLBind(from))
                .where("started_at", .lessThan, SQLBind(to)).where("test_call", .equal, SQLLiteral.boolean(false))
            return try await filter(query).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return AbandonTally(answeredByPerson: try await count { $0.where("answered_at", .isNot, SQLLiteral.null) },
                            abandoned: try await count { $0.where("disposition", .equal, SQLBind("abandoned")) })
    }
}

/// Which `waihu serve` process dials for a project (DESIGN rule 4): a lease renewed every second.
public enum DialerLeaseQueries {
    public static let table = "dialer_leases"

    /// Takes or renews the lease until `until`; true when `holder` holds it.
    public static func claim(project: UUID, holder: String, until: Date, at now: Date, on db: any Database) async throws -> Bool {
        let sql = try StoreSQL.sql(db)
        try await sql.insert(into: table).columns("project_id", "holder", "expires_at")
            .values(SQLBind(project), SQLBind(holder), SQLBind(until)).ignoringConflicts(with: "project_id").run()
        try await sql.update(table).set("holder", to: SQLBind(holder)).set("expires_at", to: SQLBind(until))
            .where("project_id", .equal, SQLBind(project))
            .where { $0.where("holder", .equal, SQLBind(holder)).orWhere("expires_at", .lessThan, SQLBind(now)) }
            .run()
        let current = try await sql.select().column("holder").from(table).where("project_id", .equal, SQLBind(project)).first()
        return try current?.decode(column: "holder", as: String.self) == holder
    }

    public static func release(project: UUID, holder: String, on db: any Database) async throws {
        try await StoreSQL.sql(db).delete(from: table).where("project_id", .equal, SQLBind(project))
            .where("holder", .equal, SQLBind(holder)).run()
    }
}

extension AttemptQueries {
    /// An agent's ended attempts started in [from, to), test calls left out, counted in the database by
    /// project, disposition and whether a person answered: what the desk's own figures need, every second.
    public struct Tally: Sendable, Equatable {
        public var project: UUID?
        public var disposition: String?
        public var answered: Bool
        public var calls: Int
        /// Talk seconds, negative values counted as none.
        public var talkSeconds: Int
    }

    public static func tally(agent: UUID, from: Date, to: Date, on db: any Database) async throws -> [Tally] {
        let sql = try StoreSQL.sql(db)
        let answered = SQLRaw("CASE WHEN answered_at IS NULL THEN 0 ELSE 1 END")
        let rows = try await sql.select().column("project_id").column("disposition").column(answered, as: "answered")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "calls")
            // Cast: PostgreSQL sums BIGINTs as NUMERIC.
            .column(SQLRaw("CAST(SUM(CASE WHEN talk_seconds > 0 THEN talk_seconds ELSE 0 END) AS BIGINT)"), as: "talk")
            .from(CallAttemptModel.schema).where("agent_id", .equal, SQLBind(agent))
            .where("in_progress", .equal, SQLLiteral.boolean(false)).where("started_at", .greaterThanOrEqual, SQLBind(from))
            .where("started_at", .lessThan, SQLBind(to)).where("test_call", .equal, SQLLiteral.boolean(false))
            .groupBy("project_id").groupBy("disposition").groupBy(answered).all()
        return try rows.map { row in
            Tally(project: try row.decode(column: "project_id", as: UUID?.self), disposition: try row.decode(column: "disposition", as: String?.self),
                  answered: try row.decode(column: "answered", as: Int.self) == 1, calls: try row.decode(column: "calls", as: Int.self),
                  talkSeconds: try row.decode(column: "talk", as: Int?.self) ?? 0)
        }
    }

    /// A lead's ended attempts, newest first: what the desk shows of the customer's earlier calls.
    public static func history(lead: UUID, limit: Int, on db: any Database) async throws -> [CallAttemptModel] {
        try await CallAttemptModel.query(on: db).filter(\.$leadID == lead).filter(\.$inProgress == false)
            .sort(\.$startedAt, .descending).limit(limit).all()
    }
}

extension AttemptQueries {
    /// What the desk and the wrap-up need of an ended attempt.
    public struct EndedCall: Sendable {
        public var startedAt: Date
        public var endedAt: Date?
        public var disposition: String?
        public var talkSeconds: Int
        public var acwSeconds: Int
    }

    /// The agent's latest ended attempt (the columns the desk shows: every desk status asks).
    public static func latestEnded(agent: UUID, on db: any Database) async throws -> EndedCall? {
        guard let row = try await StoreSQL.sql(db).select()
            .columns("started_at", "ended_at", "disposition", "talk_seconds", "acw_seconds").from(CallAttemptModel.schema)
            .where("agent_id", .equal, SQLBind(agent)).where("in_progress", .equal, SQLLiteral.boolean(false))
            .orderBy("started_at", .descending).limit(1).first() else { return nil }
        return EndedCall(startedAt: try row.decode(column: "started_at", as: Date.self), endedAt: try row.decode(column: "ended_at", as: Date?.self),
                         disposition: try row.decode(column: "disposition", as: String?.self),
                         talkSeconds: try row.decode(column: "talk_seconds", as: Int.self),
                         acwSeconds: try row.decode(column: "acw_seconds", as: Int.self))
    }

    /// When the agent last recorded a disposition: the end of their latest ended attempt's after-call work.
    public static func lastDispositionAt(agent: UUID, on db: any Database) async throws -> Date? {
        guard let last = try await latestEnded(agent: agent, on: db), let ended = last.endedAt else { return nil }
        return ended.addingTimeInterval(Double(last.acwSeconds))
    }
}

extension AttemptQueries {
    /// The agent pressed Dial on a preview lead: the live dialer places the call.
    public static func requestDial(_ attempt: UUID, at now: Date, on db: any Database) async throws {
        try await StoreSQL.sql(db).update(CallAttemptModel.schema).set("dial_requested_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(attempt)).where("in_progress", .equal, SQLLiteral.boolean(true)).run()
    }

    /// A project's preview calls asked for and not yet placed, oldest first.
    public static func dialRequests(project: UUID, on db: any Database) async throws -> [OpenAttempt] {
        let sql = try StoreSQL.sql(db)
        let ids = try await sql.select().column("id").from(CallAttemptModel.schema).where("project_id", .equal, SQLBind(project))
            .where("in_progress", .equal, SQLLiteral.boolean(true)).where("dial_requested_at", .isNot, SQLLiteral.null)
            .orderBy("dial_requested_at").all().map { try $0.decode(column: "id", as: UUID.self) }
        var requests: [OpenAttempt] = []
        for id in ids {
            if let open = try await open(id, sql) { requests.append(open) }
        }
        return requests
    }

    /// The dialer has placed the call asked for.
    public static func takeDialRequest(_ attempt: UUID, on db: any Database) async throws {
        try await StoreSQL.sql(db).update(CallAttemptModel.schema).set("dial_requested_at", to: SQLLiteral.null)
            .where("id", .equal, SQLBind(attempt)).run()
    }
}

extension AttemptQueries {
    /// The agent pressed Hang up on a call not ended yet: the live dialer ends it. False when the call had ended.
    @discardableResult
    public static func requestHangUp(_ attempt: UUID, at now: Date, on db: any Database) async throws -> Bool {
        let sql = try StoreSQL.sql(db)
        try await sql.update(CallAttemptModel.schema).set("hangup_requested_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(attempt)).where("ended_at", .is, SQLLiteral.null).run()
        return try await sql.select().column("id").from(CallAttemptModel.schema).where("id", .equal, SQLBind(attempt))
            .where("hangup_requested_at", .isNot, SQLLiteral.null).where("ended_at", .is, SQLLiteral.null).first() != nil
    }

    /// A project's calls whose agent asked to hang up, not ended yet, oldest request first.
    public static func hangUpRequests(project: UUID, on db: any Database) async throws -> [OpenAttempt] {
        let sql = try StoreSQL.sql(db)
        let ids = try await sql.select().column("id").from(CallAttemptModel.schema).where("project_id", .equal, SQLBind(project))
            .where("hangup_requested_at", .isNot, SQLLiteral.null).where("ended_at", .is, SQLLiteral.null)
            .orderBy("hangup_requested_at").all().map { try $0.decode(column: "id", as: UUID.self) }
        var requests: [OpenAttempt] = []
        for id in ids {
            if let open = try await open(id, sql) { requests.append(open) }
        }
        return requests
    }

    /// The dialer has carried out the hang-up asked for.
    public static func takeHangUpRequest(_ attempt: UUID, on db: any Database) async throws {
        try await StoreSQL.sql(db).update(CallAttemptModel.schema).set("hangup_requested_at", to: SQLLiteral.null)
            .where("id", .equal, SQLBind(attempt)).run()
    }
}
