import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A contact-policy decision as the API and `waihu policy check` print it.
public struct PolicyCheck: Codable, Sendable {
    public var allowed: Bool
    public var reasons: [Reason]
    public var next_allowed_at: Date?
    public var rule_version: String

    public struct Reason: Codable, Sendable {
        public var code: String
        public var message_zh: String
        public var message_en: String
        /// When the rule stops applying by itself; null when it does not.
        public var until: Date?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(code, forKey: .code)
            try c.encode(message_zh, forKey: .message_zh)
            try c.encode(message_en, forKey: .message_en)
            try c.encode(until, forKey: .until)
        }
    }

    /// `next_allowed_at` is written as null, not left out, when the number may never be called again.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(allowed, forKey: .allowed)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(next_allowed_at, forKey: .next_allowed_at)
        try c.encode(rule_version, forKey: .rule_version)
    }

    package init(_ decision: PolicyDecision, version: String) {
        allowed = decision.allowed
        reasons = decision.reasons.map { Reason(code: $0.rule.rawValue, message_zh: $0.message.zh, message_en: $0.message.en, until: $0.until) }
        next_allowed_at = decision.nextAllowedAt
        rule_version = version
    }
}

/// Contact-policy checks and rule changes, shared by the API, the pages and the CLI.
package enum PolicyService {
    /// May this number be called for this project (and product) at `at`? The decision is logged.
    package static func check(phone raw: String, project: ProjectRecord, product: String?, at: Date,
                              on db: any Database) async throws -> PolicyCheck {
        let phone = try PhoneParser.normalised(raw)
        let projectID = try project.project.requireID()
        let inForce = try await PolicyQueries.rules(project: projectID, on: db)
        let history = try await PolicyQueries.history(phone: phone, before: at, on: db)
        let zone = project.zone
        let decision = ContactPolicy.decide(history, rules: inForce.rules, product: product.flatMap { $0.isEmpty ? nil : $0 },
                                            at: at, zone: zone)
        try await PolicyQueries.log(decision, phone: phone, lead: nil, project: projectID, version: inForce.version,
                                    context: "check", on: db)
        return PolicyCheck(decision, version: inForce.version)
    }

    /// Changes the organisation's rules (`project` nil) or a project's overrides: a new version,
    /// audited with what it now says; leads the old rules held back are looked at afresh.
    /// For a project, `replacing` makes `changes` its whole set of overrides (a rule left nil follows the
    /// organisation again); otherwise they are merged into the ones it has.
    package static func change(_ changes: ContactRuleOverrides, project: ProjectRecord?, replacing: Bool = false, actor: AuditEvent,
                               at now: Date, on db: any Database) async throws -> RulesInForce {
        try await StoreTransaction.write(db) { tx in
            let version: Int
            var event = actor
            if let project {
                let projectID = try project.project.requireID()
                var merged = replacing ? ContactRuleOverrides() : try await PolicyQueries.overrides(project: projectID, on: tx)
                merged.merge(changes)
                version = try await PolicyQueries.save(try merged.validated(), project: projectID, by: actor.actorName, at: now, on: tx)
                event.targetType = "project"
                event.targetID = projectID.uuidString
                event.detail = "project=\(project.project.code) "
            } else {
                let current = try await PolicyQueries.rules(project: nil, on: tx).rules
                version = try await PolicyQueries.save(try changes.applied(to: current).validated(), project: nil,
                                                       by: actor.actorName, at: now, on: tx)
                event.targetType = "organisation"
            }
            event.detail += "version=\(version) " + (try PolicyQueries.json(changes))
            try await AuditLog.append(event, at: now, on: tx)
            try await LeadQueries.clearPolicyDeferrals(project: try project?.project.requireID(), on: tx)
            return try await PolicyQueries.rules(project: try project?.project.requireID(), on: tx)
        }
    }
}

/// Why a project's leads are not dialled now, as the API and the leads page show it.
package struct DialabilityDTO: Codable, Sendable {
    package var at: Date
    package var rule_version: String
    package var leads: Int
    package var dialable: Int
    package var refused_by_rules: Int
    package var held_back: [Line]

    package struct Line: Codable, Sendable {
        package var code: String
        package var name: String
        package var count: Int
    }
}

extension PolicyService {
    package static func dialability(_ project: ProjectRecord, at now: Date, language: Language, on db: any Database) async throws -> DialabilityDTO {
        let projectID = try project.project.requireID()
        let inForce = try await PolicyQueries.rules(project: projectID, on: db)
        let zone = project.zone
        let report = Dialability.explain(try await DialabilityQueries.leads(project: projectID, before: now, on: db),
                                         rules: inForce.rules, at: now, zone: zone)
        let lines = report.held_back.map { code, count in
            let name = PolicyRule(rawValue: code)?.name ?? Dialability.Block(rawValue: code)?.name
            return DialabilityDTO.Line(code: code, name: name?.text(language) ?? code, count: count)
        }.sorted { ($0.count, $1.code) > ($1.count, $0.code) }
        return DialabilityDTO(at: now, rule_version: inForce.version, leads: report.leads, dialable: report.dialable,
                              refused_by_rules: report.refused_by_rules, held_back: lines)
    }
}

extension ContactRuleOverrides {
    /// Takes every field `other` sets.
    package mutating func merge(_ other: ContactRuleOverrides) {
        monthlyCap = other.monthlyCap ?? monthlyCap
        cooldownMonths = other.cooldownMonths ?? cooldownMonths
        yearlyCap = other.yearlyCap ?? yearlyCap
        capYear = other.capYear ?? capYear
        productIntervalMonths = other.productIntervalMonths ?? productIntervalMonths
        productRefusalLimit = other.productRefusalLimit ?? productRefusalLimit
        schedule = other.schedule ?? schedule
        counting = other.counting ?? counting
    }
}
