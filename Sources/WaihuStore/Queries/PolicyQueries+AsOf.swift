import Fluent
import Foundation
import SQLKit
import WaihuCore

/// The contact rules and a customer's history as they stood at an instant: what a number audit re-decides a past
/// call against (RULES SM-02).
extension PolicyQueries {
    /// The organisation's rules and the project's overrides in force at `instant` (the newest versions saved by then).
    public static func rules(project: UUID?, asOf instant: Date, on db: any Database) async throws -> RulesInForce {
        let organisation = try await ContactRuleSetModel.query(on: db).filter(\.$projectID == nil).filter(\.$createdAt <= instant)
            .sort(\.$version, .descending).first()
        var rules = try organisation.map { try JSONDecoder().decode(ContactRules.self, from: Data($0.rules.utf8)) } ?? ContactRules()
        var projectVersion: Int?
        if let project, let set = try await ContactRuleSetModel.query(on: db).filter(\.$projectID == project).filter(\.$createdAt <= instant)
            .sort(\.$version, .descending).first() {
            rules = try JSONDecoder().decode(ContactRuleOverrides.self, from: Data(set.rules.utf8)).applied(to: rules)
            projectVersion = set.version
        }
        return RulesInForce(rules: rules, organisationVersion: organisation?.version ?? 0, projectVersion: projectVersion)
    }

    /// The calls before `instant` (the call itself left out) and the do-not-call listings in force then: listed by
    /// then and not yet removed.
    public static func history(phone: String, customerID: String?, asOf instant: Date, excluding attempt: UUID,
                               on db: any Database) async throws -> ContactHistory {
        let calls = try await history(phone: phone, customerID: customerID, before: instant.addingTimeInterval(-0.001), excluding: attempt,
                                      sql: StoreSQL.sql(db)).calls
        let listed = try await DoNotCallModel.query(on: db).filter(\.$phone == phone).filter(\.$addedAt <= instant).all()
        let listings = listed.filter { $0.removedAt.map { $0 > instant } ?? true }
            .compactMap { listing(reason: $0.reason, product: $0.product, expires: $0.expiresAt, at: instant) }
        return ContactHistory(calls: calls, listings: listings)
    }
}
