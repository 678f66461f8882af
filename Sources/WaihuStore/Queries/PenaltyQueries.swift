import Fluent
import Foundation
import SQLKit
import WaihuCore

/// The penalty and reward rules in force and the ledger they book (issue 17, RULES B).
public enum PenaltyQueries {
    /// The shipped rules with a center's saved versions in their place, then the center's own rules by code.
    public static func rules(on db: any Database) async throws -> [PenaltyRule] {
        let saved = try await PenaltyRuleModel.query(on: db).all().compactMap(\.rule)
        let byCode = Dictionary(saved.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let shipped = DefaultPenaltyRules.all.map { byCode[$0.code] ?? $0 }
        let own = saved.filter { rule in !DefaultPenaltyRules.all.contains { $0.code == rule.code } }.sorted { $0.code < $1.code }
        return shipped + own
    }

    /// Saves a rule (a changed shipped one or a center's own), validated.
    public static func save(_ rule: PenaltyRule, by user: String, at now: Date, on db: any Database) async throws -> PenaltyRule {
        let rule = try rule.validated()
        let model = try await PenaltyRuleModel.query(on: db).filter(\.$code == rule.code).first() ?? PenaltyRuleModel()
        model.code = rule.code
        model.definition = String(decoding: try JSONEncoder().encode(rule), as: UTF8.self)
        model.updatedBy = user
        model.updatedAt = now
        try await model.save(on: db)
        return rule
    }

    /// Where an entry comes from and what backs it.
    public struct Context: Sendable {
        public var source: String
        public var sourceID: String?
        public var attemptID: UUID?
        public var occurredAt: Date
        public var evidence: String
        public var bookedBy: String

        public init(source: String, sourceID: String?, attemptID: UUID?, occurredAt: Date, evidence: String, bookedBy: String) {
            self.source = source
            self.sourceID = sourceID
            self.attemptID = attemptID
            self.occurredAt = occurredAt
            self.evidence = evidence
            self.bookedBy = bookedBy
        }
    }

    /// Who an occurrence points at, and the site and team its entries are read within.
    public struct Parties: Sendable {
        public var subjects = PenaltySubjects()
        public var site: UUID?
        public var team: UUID?
    }

    /// The agent, their supervisor, team and site, and the site again as a vendor when it is a vendor's.
    public static func parties(agent id: UUID?, on db: any Database) async throws -> Parties {
        guard let id, let agent = try await AgentModel.find(id, on: db) else { return Parties() }
        var subjects = PenaltySubjects(agent: PenaltyParty(id: id, name: "\(agent.number) \(agent.name)"))
        if let teamID = agent.teamID, let team = try await TeamModel.find(teamID, on: db) {
            subjects.team = PenaltyParty(id: teamID, name: team.name)
            if let supervisorID = team.supervisorID, let supervisor = try await UserModel.find(supervisorID, on: db) {
                subjects.supervisor = PenaltyParty(id: supervisorID, name: supervisor.displayName.isEmpty ? supervisor.username : supervisor.displayName)
            }
        }
        let site = try await parties(site: agent.siteID, on: db)
        subjects.site = site.subjects.site
        subjects.vendor = site.subjects.vendor
        return Parties(subjects: subjects, site: agent.siteID, team: agent.teamID)
    }

    /// A site, and the site as a vendor when it is a vendor's.
    public static func parties(site id: UUID, on db: any Database) async throws -> Parties {
        guard let site = try await SiteModel.find(id, on: db) else { return Parties() }
        let party = PenaltyParty(id: id, name: site.name)
        return Parties(subjects: PenaltySubjects(site: party, vendor: site.kind == .vendor ? party : nil), site: id)
    }

    /// Books what the rules say an occurrence about an agent's work costs; an entry already booked for the same rule,
    /// source and subject kind is not booked again (so a retried request books once). Returns the entries booked.
    @discardableResult
    public static func book(_ occurrence: PenaltyOccurrence, on parties: Parties, context: Context, chosen: Double? = nil,
                            only ruleCode: String? = nil, at now: Date, on db: any Database) async throws -> [PenaltyEntryModel] {
        var rules = try await rules(on: db)
        if let ruleCode { rules = rules.filter { $0.code == ruleCode } }
        let (subjects, site, team) = (parties.subjects, parties.site, parties.team)
        let zone = try await OrganisationQueries.timeZone(on: db)
        let month = String(LocalTime(context.occurredAt, in: zone).date.description.prefix(7))
        let parties = PenaltySubject.allCases.compactMap { subjects[$0]?.id }
        let existing = parties.isEmpty ? [] : try await PenaltyEntryModel.query(on: db).filter(\.$month == month).filter(\.$voidedAt == nil)
            .filter(\.$subjectID ~~ Set(parties)).all()
        // Live entries of the same source: a retried request books once; a voided one (a judgement reversed, then
        // reversed again) is booked anew.
        let already = context.sourceID == nil ? [] : try await PenaltyEntryModel.query(on: db).filter(\.$source == context.source)
            .filter(\.$sourceID == context.sourceID).filter(\.$voidedAt == nil).all()
        let charges = try PenaltyBooking.charges(for: occurrence, rules: rules, subjects: subjects, chosen: chosen) { code, subject in
            existing.count { $0.ruleCode == code && $0.subjectID == subject }
        }
        var booked: [PenaltyEntryModel] = []
        for charge in charges where !already.contains(where: { $0.ruleCode == charge.rule.code && $0.subjectKind == charge.rule.subject.rawValue }) {
            let entry = PenaltyEntryModel()
            entry.id = UUID()
            entry.ruleCode = charge.rule.code
            entry.ruleNameZh = charge.rule.name.zh
            entry.ruleNameEn = charge.rule.name.en
            entry.ledger = charge.rule.ledger.rawValue
            entry.subjectKind = charge.rule.subject.rawValue
            entry.subjectID = charge.subject.id
            entry.subjectName = charge.subject.name
            entry.siteID = site
            entry.teamID = charge.rule.subject == .site || charge.rule.subject == .vendor ? nil : team
            entry.month = month
            entry.amount = charge.amount
            entry.occurrence = charge.occurrence
            entry.occurredAt = context.occurredAt
            entry.bookedAt = now
            entry.bookedBy = context.bookedBy
            entry.source = context.source
            entry.sourceID = context.sourceID
            entry.attemptID = context.attemptID
            entry.evidence = context.evidence
            try await entry.create(on: db)
            booked.append(entry)
        }
        return booked
    }

    /// Voids the live entries of a source (a review revised on appeal, a complaint judged not valid), keeping them in
    /// the ledger struck through. `rules` limits it to some rules' entries.
    public static func void(source: String, id: String, rules: Set<String>? = nil, by user: String, reason: String, at now: Date,
                            on db: any Database) async throws -> Int {
        let entries = try await PenaltyEntryModel.query(on: db).filter(\.$source == source).filter(\.$sourceID == id)
            .filter(\.$voidedAt == nil).all()
        var count = 0
        for entry in entries where rules?.contains(entry.ruleCode) ?? true {
            entry.voidedAt = now
            entry.voidedBy = user
            entry.voidReason = reason
            try await entry.save(on: db)
            count += 1
        }
        return count
    }

    /// A month's entries within a scope, newest first: an agent their own, a supervisor their teams' and their own,
    /// a vendor its site's, everyone else all.
    public static func entries(month: String, scope: AccessScope, supervisor: UUID?, on db: any Database) async throws -> [PenaltyEntryModel] {
        let query = PenaltyEntryModel.query(on: db).filter(\.$month == month).sort(\.$occurredAt, .descending)
        switch scope {
        case .organisation: break
        case .site(let site): query.filter(\.$siteID == site)
        case .teams(let teams, _):
            query.group(.or) { group in
                group.filter(\.$teamID ~~ teams)
                if let supervisor { group.filter(\.$subjectID == supervisor) }
            }
        case .ownAgent(let agent, _):
            guard let agent else { return [] }
            query.filter(\.$subjectKind == PenaltySubject.agent.rawValue).filter(\.$subjectID == agent)
        }
        return try await query.all()
    }
}
