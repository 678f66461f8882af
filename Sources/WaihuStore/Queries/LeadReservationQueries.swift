import Fluent
import FluentSQL
import Foundation
import SQLKit
import WaihuCore

/// A lead reserved for an agent (status `reserved`) and the attempt in progress that holds it.
public struct Reservation: Sendable, Equatable {
    public var leadID: UUID
    public var attemptID: UUID
    public var phone: String
    /// The lead's row as the reservation left it, read in its transaction, when the request asked for it
    /// (`ReservationRequest.onlyOne`: the desk shows it at once).
    public var lead: LeadModel?

    public init(leadID: UUID, attemptID: UUID, phone: String, lead: LeadModel? = nil) {
        self.leadID = leadID
        self.attemptID = attemptID
        self.phone = phone
        self.lead = lead
    }

    public static func == (a: Reservation, b: Reservation) -> Bool {
        a.leadID == b.leadID && a.attemptID == b.attemptID && a.phone == b.phone
    }
}

/// What taking a lead needs: who, in which project, when, under which rules.
public struct ReservationRequest: Sendable {
    public var agent: UUID
    public var project: UUID
    public var at: Date
    public var rules: RulesInForce
    public var zone: TimeZone
    /// The project is in its test calls (拨测): the attempt is flagged and left out of every metric.
    public var testCall: Bool
    /// How long an agent's overdue callback waits before any agent of the project (of the same site) may take it.
    public var callbackPass: TimeInterval
    /// An agent on the desk holds one lead at a time: a second take gives back the lead already held (and
    /// is refused while a call of another project is in hand), with the lead's row. The dialer reserves
    /// several for one agent and needs only their numbers.
    public var onlyOne: Bool

    public init(agent: UUID, project: UUID, at: Date, rules: RulesInForce, zone: TimeZone, testCall: Bool = false,
                callbackPass: TimeInterval = 1800, onlyOne: Bool = false) {
        self.agent = agent
        self.project = project
        self.at = at
        self.rules = rules
        self.zone = zone
        self.testCall = testCall
        self.callbackPass = callbackPass
        self.onlyOne = onlyOne
    }
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

    /// Reserves the next lead the request's agent may take (see `ReservationRequest`).
    public static func reserve(_ request: ReservationRequest, on db: any Database) async throws -> ReservationOutcome {
        try await StoreTransaction.immediate(db) { session, sqlite in
            let outcome = try await pick(request, locking: !sqlite, session)
            guard request.onlyOne, case .reserved(var reservation) = outcome else { return outcome }
            reservation.lead = try await session.select().column("*").from(LeadModel.schema)
                .where("id", .equal, SQLBind(reservation.leadID)).first()?.decode(fluentModel: LeadModel.self)
            return .reserved(reservation)
        }
    }

    static func pick(_ request: ReservationRequest, locking: Bool, _ sql: any SQLDatabase) async throws -> ReservationOutcome {
        let (agent, project, now, rules) = (request.agent, request.project, request.at, request.rules)
        if request.onlyOne, let held = try await heldReservation(agent: agent, project: project, sql) { return .reserved(held) }
        var refusals: [PolicyRule: Int] = [:]
        var examined = 0
        for row in try await candidates(request, locking: locking, sql) {
            let lead = try row.decode(column: "id", as: UUID.self)
            guard let phone = try row.decode(column: "phone", as: String?.self) else { continue }
            examined += 1
            // Another reservation deciding this number right now: skip it rather than wait, so two
            // reservations never wait on each other's numbers in opposite orders.
            if locking, try await !lockNumber(phone, sql) { continue }
            let history = try await PolicyQueries.history(phone: phone, customerID: try row.decode(column: "customer_id", as: String?.self),
                                                          before: now, sql: sql)
            let decision = ContactPolicy.decide(history, rules: rules.rules, product: nil, at: now, zone: request.zone)
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
                        SQLBind(0), SQLBind(0), SQLBind(0), SQLBind(request.testCall), SQLBind(true))
                .run()
            // The lead's wait (a booked callback, a retry delay) is kept: a released reservation gives it back as it
            // was, and the call's disposition sets the next one.
            try await sql.update(LeadModel.schema).set("status", to: SQLBind(LeadStatus.reserved.rawValue))
                .where("id", .equal, SQLBind(lead)).run()
            return .reserved(Reservation(leadID: lead, attemptID: attempt, phone: phone))
        }
        return .noneDialable(refusals: refusals, examined: examined)
    }

    /// The leads an agent may take now, in the order they are served (预约回拨优先): the agent's own due
    /// callbacks; then the project's callbacks booked for anyone, and other agents' callbacks overdue by
    /// more than `callbackPass`, held within the agent's own site (a customer of one site is never
    /// handed to another site's agents, a vendor's or the own center's); then the agent's other
    /// dialable leads in file order.
    static func candidates(_ request: ReservationRequest, locking: Bool, _ sql: any SQLDatabase) async throws -> [any SQLRow] {
        let (agent, project, now) = (request.agent, request.project, request.at)
        // The project's due callbacks, found by (project, deferral): few, whoever holds them. Status and holder
        // are looked at here, so that no index on the holder's whole share is walked.
        let rows = try await sql.select().columns("id", "agent_id", "team_id", "status", "callback_owner", "next_attempt_at")
            .from(LeadModel.schema)
            .where("project_id", .equal, SQLBind(project)).where("deferral", .equal, SQLBind(LeadDeferral.callback.rawValue))
            .where("next_attempt_at", .lessThanOrEqual, SQLBind(now)).orderBy("next_attempt_at").limit(500).all()
        var teams: [UUID: UUID] = [:]
        let due = try rows.compactMap { row -> CallbackOrder.Due? in
            guard try row.decode(column: "status", as: String.self) == LeadStatus.allocated.rawValue,
                  let at = try row.decode(column: "next_attempt_at", as: Date?.self) else { return nil }
            let lead = try row.decode(column: "id", as: UUID.self)
            teams[lead] = try row.decode(column: "team_id", as: UUID?.self)
            return CallbackOrder.Due(lead: lead, holder: try row.decode(column: "agent_id", as: UUID?.self),
                                     owner: try row.decode(column: "callback_owner", as: String?.self).flatMap(CallbackOwner.init(rawValue:)),
                                     dueAt: at)
        }
        let served = CallbackOrder.serve(due, to: agent, at: now, passAfter: request.callbackPass)
        let own = served.own.map(\.lead)
        let passing = served.passing.map { (lead: $0.lead, agent: $0.holder, team: teams[$0.lead] ?? nil) }
        let passed = try await withinSite(of: agent, passing, sql)
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

    /// The callbacks, in their order, whose holder (the agent, or the team for a lead held by a team) is of
    /// the same site as `agent`.
    static func withinSite(of agent: UUID, _ leads: [(lead: UUID, agent: UUID?, team: UUID?)],
                           _ sql: any SQLDatabase) async throws -> [UUID] {
        guard !leads.isEmpty else { return [] }
        func sites(_ table: String, _ ids: [UUID]) async throws -> [UUID: UUID] {
            guard !ids.isEmpty else { return [:] }
            let rows = try await sql.select().columns("id", "site_id").from(table).where("id", .in, SQLBind.group(ids)).all()
            return Dictionary(try rows.map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "site_id", as: UUID.self)) },
                              uniquingKeysWith: { a, _ in a })
        }
        let agentSites = try await sites(AgentModel.schema, Array(Set(leads.compactMap(\.agent) + [agent])))
        let teamSites = try await sites(TeamModel.schema, Array(Set(leads.filter { $0.agent == nil }.compactMap(\.team))))
        guard let own = agentSites[agent] else { return [] }
        return leads.filter { lead in (lead.agent.flatMap { agentSites[$0] } ?? lead.team.flatMap { teamSites[$0] }) == own }.map(\.lead)
    }

    /// The agent's call in hand in this project (a lead taken, or a call bridged to them), if any; one in another
    /// project refuses a new take.
    static func heldReservation(agent: UUID, project: UUID, _ sql: any SQLDatabase) async throws -> Reservation? {
        guard let row = try await sql.select().columns("id", "project_id", "lead_id", "phone").from(CallAttemptModel.schema)
            .where("agent_id", .equal, SQLBind(agent)).where("in_progress", .equal, SQLLiteral.boolean(true))
            .orderBy("started_at", .descending).first(),
              let lead = try row.decode(column: "lead_id", as: UUID?.self) else { return nil }
        guard try row.decode(column: "project_id", as: UUID.self) == project else {
            throw DomainError(.conflict, code: "call_in_progress", zh: "您在另一个项目还有未结束的外呼，请先提交结果或放弃该客户",
                              en: "You still have a call in progress in another project: record its result or give the lead back first")
        }
        return Reservation(leadID: lead, attemptID: try row.decode(column: "id", as: UUID.self),
                           phone: try row.decode(column: "phone", as: String.self))
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
        try await StoreTransaction.immediate(db) { session, sqlite in
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
        try await release(reservation, StoreSQL.sql(db))
    }

    static func release(_ reservation: Reservation, _ sql: any SQLDatabase) async throws {
        try await sql.delete(from: CallAttemptModel.schema).where("id", .equal, SQLBind(reservation.attemptID))
            .where("in_progress", .equal, SQLLiteral.boolean(true)).run()
        try await sql.update(LeadModel.schema).set("status", to: SQLBind(LeadStatus.allocated.rawValue))
            .where("id", .equal, SQLBind(reservation.leadID)).where("status", .equal, SQLBind(LeadStatus.reserved.rawValue)).run()
    }
}
