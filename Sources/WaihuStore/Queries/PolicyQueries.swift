import Fluent
import Foundation
import SQLKit
import WaihuCore

/// The rules in force for a project, and the version that names them in the decision log.
public struct RulesInForce: Sendable, Equatable {
    public var rules: ContactRules
    public var organisationVersion: Int
    public var projectVersion: Int?

    /// `org:3` or `org:3,project:7`; version 0 is the built-in defaults.
    public var version: String {
        "org:\(organisationVersion)" + (projectVersion.map { ",project:\($0)" } ?? "")
    }
}

/// Reading and writing the contact rules, a customer's history and the decision log.
public enum PolicyQueries {
    /// Rules as stored and audited: JSON with sorted keys.
    public static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The organisation's rules with the project's overrides.
    public static func rules(project: UUID?, on db: any Database) async throws -> RulesInForce {
        let organisation = try await ContactRuleSetModel.query(on: db).filter(\.$projectID == nil).sort(\.$version, .descending).first()
        var rules = try organisation.map { try JSONDecoder().decode(ContactRules.self, from: Data($0.rules.utf8)) } ?? ContactRules()
        var projectVersion: Int?
        if let project, let set = try await ContactRuleSetModel.query(on: db).filter(\.$projectID == project)
            .sort(\.$version, .descending).first() {
            rules = try JSONDecoder().decode(ContactRuleOverrides.self, from: Data(set.rules.utf8)).applied(to: rules)
            projectVersion = set.version
        }
        return RulesInForce(rules: rules, organisationVersion: organisation?.version ?? 0, projectVersion: projectVersion)
    }

    /// The project's own overrides in force (none set: empty).
    public static func overrides(project: UUID, on db: any Database) async throws -> ContactRuleOverrides {
        guard let set = try await ContactRuleSetModel.query(on: db).filter(\.$projectID == project)
            .sort(\.$version, .descending).first() else { return ContactRuleOverrides() }
        return try JSONDecoder().decode(ContactRuleOverrides.self, from: Data(set.rules.utf8))
    }

    /// Saves a new version of the organisation's rules (`project` nil) or of a project's overrides.
    @discardableResult
    public static func save<R: Encodable>(_ rules: R, project: UUID?, by actor: String, at now: Date,
                                          on db: any Database) async throws -> Int {
        let latest = try await ContactRuleSetModel.query(on: db).max(\.$version) ?? 0
        let set = ContactRuleSetModel()
        set.projectID = project
        set.version = latest + 1
        set.rules = try json(rules)
        set.createdBy = actor
        set.createdAt = now
        try await set.create(on: db)
        return set.version
    }

    /// Every call Waihu knows to this customer — the number, or any lead with the customer id —
    /// before `now`, across every project; reservations in progress count as connected calls.
    /// Test calls do not count. Plain SQL, so that it runs inside a reservation's session too.
    public static func history(phone: String, customerID: String? = nil, before now: Date,
                               on db: any Database) async throws -> ContactHistory {
        try await history(phone: phone, customerID: customerID, before: now, sql: StoreSQL.sql(db))
    }

    public static func history(phone: String, customerID: String?, before now: Date, excluding attempt: UUID? = nil,
                               sql: any SQLDatabase) async throws -> ContactHistory {
        // Calls and listings in one statement: a reservation waits for every round trip. The number's calls and the
        // customer's other numbers' calls are two arms of a UNION, each on its index: as one OR over a subquery,
        // PostgreSQL read every attempt (0.9 s a take on 10,000,000 attempts).
        func calls<Select: SQLSubqueryClauseBuilder>(_ select: Select) -> Select {
            var select = select.column(SQLLiteral.string("call"), as: "kind").column("started_at", as: "at")
                .column("talk_seconds", as: "talk").column("in_progress", as: "busy").column("product")
                .column("disposition", as: "code").column(SQLLiteral.null, as: "expires")
                .from(CallAttemptModel.schema)
                .where("test_call", .equal, SQLLiteral.boolean(false)).where("started_at", .lessThanOrEqual, SQLBind(now))
            if let attempt { select = select.where("id", .notEqual, SQLBind(attempt)) }
            return select
        }
        // The listings first: PostgreSQL types each NULL of a UNION from the arm before it, and NULL with NULL is text.
        let listings = sql.select().column(SQLLiteral.string("dnc"), as: "kind").column(SQLLiteral.null, as: "at")
            .column(SQLLiteral.null, as: "talk").column(SQLLiteral.null, as: "busy").column("product").column("reason", as: "code")
            .column("expires_at", as: "expires")
            .from(DoNotCallModel.schema).where("phone", .equal, SQLBind(phone)).where("removed_at", .is, SQLLiteral.null)
        var query = listings.union(all: { calls($0).where("phone", .equal, SQLBind(phone)) })
        if let customerID, !customerID.isEmpty {
            let leads = sql.select().column("id").from(LeadModel.schema).where("customer_id", .equal, SQLBind(customerID))
            query = query.union(all: { calls($0).where("lead_id", .in, SQLGroupExpression(leads.query)).where("phone", .notEqual, SQLBind(phone)) })
        }
        let rows = try await query.all()
        var history = ContactHistory()
        for row in rows {
            let code = try row.decode(column: "code", as: String?.self)
            let product = try row.decode(column: "product", as: String?.self)
            if try row.decode(column: "kind", as: String.self) == "dnc" {
                if let entry = listing(reason: code, product: product, expires: try row.decode(column: "expires", as: Date?.self), at: now) {
                    history.listings.append(entry)
                }
            } else {
                history.calls.append(pastCall(at: try row.decode(column: "at", as: Date.self), talk: try row.decode(column: "talk", as: Int.self),
                                              inProgress: try row.decode(column: "busy", as: Bool.self), product: product, disposition: code))
            }
        }
        return ContactHistory(calls: history.calls, listings: history.listings)
    }

    /// A stored attempt as the policy counts it: a reservation in progress counts as a connected call.
    static func pastCall(at: Date, talk: Int, inProgress: Bool, product: String?, disposition: String?) -> PastCall {
        PastCall(at: at, connected: talk > 0 || inProgress, product: product,
                 refused: disposition.flatMap(DispositionCategory.of) == .refused)
    }

    /// A stored do-not-call entry still in force at `now`, or nil.
    static func listing(reason: String?, product: String?, expires: Date?, at now: Date) -> DoNotCallListing? {
        guard let reason = reason.flatMap(DoNotCallReason.init(rawValue:)), expires.map({ $0 > now }) ?? true else { return nil }
        return DoNotCallListing(reason: reason, product: product, expiresAt: expires)
    }

    /// Appends a decision to the log.
    public static func log(_ decision: PolicyDecision, phone: String, lead: UUID?, project: UUID?, version: String,
                           context: String, on db: any Database) async throws {
        try await log(decision, phone: phone, lead: lead, project: project, version: version, context: context, sql: StoreSQL.sql(db))
    }

    public static func log(_ decision: PolicyDecision, phone: String, lead: UUID?, project: UUID?, version: String,
                           context: String, sql: any SQLDatabase) async throws {
        try await sql.insert(into: PolicyDecisionModel.schema)
            .columns("id", "lead_id", "project_id", "phone", "at", "allowed", "reasons", "rule_version", "context")
            .values(SQLBind(UUID()), SQLBind(lead), SQLBind(project), SQLBind(phone), SQLBind(decision.at),
                    SQLBind(decision.allowed), SQLBind(decision.reasons.map(\.rule.rawValue).joined(separator: ",")),
                    SQLBind(version), SQLBind(context))
            .run()
    }

    /// A lead's decisions, newest first.
    public static func decisions(lead: UUID, limit: Int = 200, on db: any Database) async throws -> [PolicyDecisionModel] {
        try await PolicyDecisionModel.query(on: db).filter(\.$leadID == lead).sort(\.$at, .descending).range(..<limit).all()
    }
}
