import Fluent
import Foundation
import SQLKit
import WaihuCore

/// A lead reserved for an agent (status `reserved`) and the attempt in progress that holds it.
public struct Reservation: Sendable, Equatable {
    public var leadID: UUID
    public var attemptID: UUID
    public var phone: String
}

/// The outcome of trying to reserve a lead: one, or the reasons the leads looked at were refused.
public enum ReservationOutcome: Sendable, Equatable {
    case reserved(Reservation)
    case noneDialable(refusals: [PolicyRule: Int], examined: Int)
}

/// Taking a lead is one transaction (DESIGN rule 6): pick the agent's next lead, decide the contact
/// policy on the customer's whole history, reserve it with an attempt in progress (which counts as
/// a call for the caps), log every decision. SQLite: `BEGIN IMMEDIATE` (one writer at a time);
/// PostgreSQL: `FOR UPDATE SKIP LOCKED` on the lead and a transaction lock on the number, so two
/// reservations of one number in two projects never decide it at the same time. A lead the rules
/// refuse waits until they stop refusing it (`LeadDeferral.policy`); a lead waiting for a retry
/// delay or a callback is not taken early.
public enum LeadReservationQueries {
    /// How many of the agent's leads one reservation looks at before it gives up.
    public static let lookAhead = 50

    /// `testCall`: the project is in its test calls (拨测): the attempt is flagged and left out of every metric.
    /// `callbackPass`: how long an agent's overdue callback waits before any agent of the project may take it.
    public static func reserve(agent: UUID, project: UUID, at now: Date, rules: RulesInForce, zone: TimeZone, testCall: Bool = false,
                               callbackPass: TimeInterval = 1800, on db: any Database) async throws -> ReservationOutcome {
        try await writeTransaction(db) { session, sqlite in
            try await pick(agent: agent, project: project, at: now, rules: rules, zone: zone, locking: !sqlite, testCall: testCall,
                           callbackPass: callbackPass, session)
        }
    }

    /// One connection, one transaction that holds SQLite's write lock from its first statement
    /// (`BEGIN IMMEDIATE`), so that deciding and reserving never race another writer.
    static func writeTransaction<T: Sendable>(_ db: any Database,
                                              _ body: @escaping @Sendable (any SQLDatabase, _ sqlite: Bool) async throws -> T) async throws -> T {
        let sql = try LeadQueries.sql(db)
        let sqlite = sql.dialect.name == "sqlite"
        return try await sql.withSession { session in
            try await session.raw(SQLQueryString(sqlite ? "BEGIN IMMEDIATE" : "BEGIN")).run()
            do {
                let result = try await body(session, sqlite)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    static func pick(agent: UUID, project: UUID, at now: Date, rules: RulesInForce, zone: TimeZone, locking: Bool, testCall: Bool = false,
                     callbackPass: TimeInterval = 1800, _ sql: any SQLDatabase) async throws -> ReservationOutcome {
        var refusals: [PolicyRule: Int] = [:]
        var examined = 0
        for row in try await candidates(agent: agent, project: project, at: now, locking: locking, callbackPass: callbackPass, sql) {
            let lead = try row.decode(column: "id", as: UUID.self)
            guard let phone = try row.decode(column: "phone", as: String?.self) else { continue }
            examined += 1
            // Another reservation deciding this number right now: skip it rather than wait, so two
            // reservations never wait on each other's numbers in opposite orders.
            if locking, try await !lockNumber(phone, sql) { continue }
            let history = try await PolicyQueries.history(phone: phone, customerID: try row.decode(column: "customer_id", as: String?.self),
                                                          before: now, sql: sql)
            let decision = ContactPolicy.decide(history, rules: rules.rules, product: nil, at: now, zone: zone)
            try await PolicyQueries.log(decision, phone: phone, lead: lead, project: project, version: rules.version,
                                        context: "reserve", sql: sql)
            guard decision.allowed else {
                for reason in decision.reasons { refusals[reason.rule, default: 0] += 1 }
                // Not looked at again until the rules stop refusing it, so refused leads never
                // crowd out the dialable ones behind them.
                let wait = LeadProgress.refused(decision)
                try await sql.update(LeadModel.schema).set("next_attempt_at", to: SQLBind(wait.nextAttemptAt))
                    .set("deferral", to: SQLBind(wait.deferral?.rawValue)).where("id", .equal, SQLBind(lead)).run()
                continue
            }
            let attempt = UUID()
            try await sql.insert(into: CallAttemptModel.schema)
                .columns("id", "project_id", "lead_id", "phone", "agent_id", "started_at", "prep_seconds", "talk_seconds",
                         "acw_seconds", "test_call", "in_progress")
                .values(SQLBind(attempt), SQLBind(project), SQLBind(lead), SQLBind(phone), SQLBind(agent), SQLBind(now),
                        SQLBind(0), SQLBind(0), SQLBind(0), SQLBind(testCall), SQLBind(true))
                .run()
            try await sql.update(LeadModel.schema).set("status", to: SQLBind(LeadStatus.reserved.rawValue))
                .set("next_attempt_at", to: SQLLiteral.null).set("deferral", to: SQLLiteral.null).set("callback_owner", to: SQLLiteral.null)
                .where("id", .equal, SQLBind(lead)).run()
            return .reserved(Reservation(leadID: lead, attemptID: attempt, phone: phone))
        }
        return .noneDialable(refusals: refusals, examined: examined)
    }

    /// The leads an agent may take now, in the order they are served (预约回拨优先): the agent's own due
    /// callbacks; then the project's callbacks booked for anyone, and other agents' callbacks overdue by
    /// more than `callbackPass`; then the agent's other dialable leads in file order.
    static func candidates(agent: UUID, project: UUID, at now: Date, locking: Bool, callbackPass: TimeInterval,
                           _ sql: any SQLDatabase) async throws -> [any SQLRow] {
        // The project's due callbacks, found by (project, deferral): few, whoever holds them. Status and holder
        // are looked at here, so that no index on the holder's whole share is walked.
        let due = try await sql.select().columns("id", "agent_id", "status", "callback_owner", "next_attempt_at").from(LeadModel.schema)
            .where("project_id", .equal, SQLBind(project)).where("deferral", .equal, SQLBind(LeadDeferral.callback.rawValue))
            .where("next_attempt_at", .lessThanOrEqual, SQLBind(now)).orderBy("next_attempt_at").limit(500).all()
        var own: [UUID] = [], passed: [UUID] = []
        for row in due where try row.decode(column: "status", as: String.self) == LeadStatus.allocated.rawValue {
            let id = try row.decode(column: "id", as: UUID.self)
            if try row.decode(column: "agent_id", as: UUID?.self) == agent {
                own.append(id)
            } else if try row.decode(column: "callback_owner", as: String?.self) == CallbackOwner.anyone.rawValue
                        || (try row.decode(column: "next_attempt_at", as: Date?.self).map { $0 <= now.addingTimeInterval(-callbackPass) } ?? false) {
                passed.append(id)
            }
        }
        var chosen: [any SQLRow] = []
        let callbacks = Array((own + passed).prefix(lookAhead))
        if !callbacks.isEmpty {
            var select = sql.select().column("id").column("phone").column("customer_id").from(LeadModel.schema)
                .where("id", .in, SQLBind.group(callbacks)).where("status", .equal, SQLBind(LeadStatus.allocated.rawValue))
            if locking { select = select.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
            let rows = try await select.all()
            let byID = Dictionary(try rows.map { (try $0.decode(column: "id", as: UUID.self), $0) }, uniquingKeysWith: { a, _ in a })
            chosen = callbacks.compactMap { byID[$0] }
        }
        var select = sql.select().column("id").column("phone").column("customer_id").from(LeadModel.schema)
            .where("project_id", .equal, SQLBind(project)).where("agent_id", .equal, SQLBind(agent))
            .where("status", .equal, SQLBind(LeadStatus.allocated.rawValue))
            .where { $0.where("next_attempt_at", .is, SQLLiteral.null).orWhere("next_attempt_at", .lessThanOrEqual, SQLBind(now)) }
            .orderBy("line").limit(lookAhead)
        if locking { select = select.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
        let taken = Set(callbacks)
        let rest = try await select.all()
        return chosen + (try rest.filter { !taken.contains(try $0.decode(column: "id", as: UUID.self)) })
    }

    /// Takes the transaction's lock on a number, if no other transaction holds it.
    static func lockNumber(_ phone: String, _ sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT pg_try_advisory_xact_lock(hashtext(\(bind: phone))) AS locked").first()?
            .decode(column: "locked", as: Bool.self) ?? false
    }
}

extension LeadReservationQueries {
    /// The check again at dial time (DESIGN rule 6): the reservation's number decided once more on
    /// its history without the reservation itself, logged as `dial`. A refused reservation is
    /// released, as it never became a call.
    public static func confirmDial(_ reservation: Reservation, project: UUID, at now: Date, rules: RulesInForce,
                                   zone: TimeZone, on db: any Database) async throws -> PolicyDecision {
        try await writeTransaction(db) { session, sqlite in
            if !sqlite { _ = try await session.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: reservation.phone)))").run() }
            let history = try await PolicyQueries.history(phone: reservation.phone, customerID: nil, before: now,
                                                          excluding: reservation.attemptID, sql: session)
            let decision = ContactPolicy.decide(history, rules: rules.rules, product: nil, at: now, zone: zone)
            try await PolicyQueries.log(decision, phone: reservation.phone, lead: reservation.leadID, project: project,
                                        version: rules.version, context: "dial", sql: session)
            if !decision.allowed { try await release(reservation, session) }
            return decision
        }
    }

    /// Gives a reserved lead back without a call: the attempt in progress never became one.
    public static func release(_ reservation: Reservation, on db: any Database) async throws {
        try await release(reservation, LeadQueries.sql(db))
    }

    static func release(_ reservation: Reservation, _ sql: any SQLDatabase) async throws {
        try await sql.delete(from: CallAttemptModel.schema).where("id", .equal, SQLBind(reservation.attemptID))
            .where("in_progress", .equal, SQLLiteral.boolean(true)).run()
        try await sql.update(LeadModel.schema).set("status", to: SQLBind(LeadStatus.allocated.rawValue))
            .where("id", .equal, SQLBind(reservation.leadID)).where("status", .equal, SQLBind(LeadStatus.reserved.rawValue)).run()
    }
}
