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
    /// before `now`, across every project; reservations in progress count as calls. Test calls do not.
    public static func history(phone: String, customerID: String? = nil, before now: Date,
                               on db: any Database) async throws -> ContactHistory {
        var query = CallAttemptModel.query(on: db).filter(\.$testCall == false).filter(\.$startedAt <= now)
        if let customerID, !customerID.isEmpty {
            let leads = try await LeadModel.query(on: db).filter(\.$customerID == customerID).all().compactMap(\.id)
            query = query.group(.or) { $0.filter(\.$phone == phone).filter(\.$leadID ~~ leads) }
        } else {
            query = query.filter(\.$phone == phone)
        }
        let calls = try await query.all().map { attempt in
            PastCall(at: attempt.startedAt, connected: attempt.talkSeconds > 0 || attempt.inProgress, product: attempt.product,
                     refused: attempt.disposition.flatMap(DispositionCategory.of) == .refused)
        }
        return ContactHistory(calls: calls, listings: try await listings(phone: phone, at: now, on: db))
    }

    /// The do-not-call entries of a number still in force at `now`.
    public static func listings(phone: String, at now: Date, on db: any Database) async throws -> [DoNotCallListing] {
        try await DoNotCallModel.query(on: db).filter(\.$phone == phone).filter(\.$removedAt == nil).all().compactMap { entry in
            guard let reason = DoNotCallReason(rawValue: entry.reason), entry.expiresAt.map({ $0 > now }) ?? true else { return nil }
            return DoNotCallListing(reason: reason, product: entry.product, expiresAt: entry.expiresAt)
        }
    }

    /// Appends a decision to the log.
    public static func log(_ decision: PolicyDecision, phone: String, lead: UUID?, project: UUID?, version: String,
                           context: String, on db: any Database) async throws {
        let entry = PolicyDecisionModel()
        entry.leadID = lead
        entry.projectID = project
        entry.phone = phone
        entry.at = decision.at
        entry.allowed = decision.allowed
        entry.reasons = decision.reasons.map(\.rule.rawValue).joined(separator: ",")
        entry.ruleVersion = version
        entry.context = context
        try await entry.create(on: db)
    }

    /// A lead's decisions, newest first.
    public static func decisions(lead: UUID, limit: Int = 200, on db: any Database) async throws -> [PolicyDecisionModel] {
        try await PolicyDecisionModel.query(on: db).filter(\.$leadID == lead).sort(\.$at, .descending).range(..<limit).all()
    }
}
