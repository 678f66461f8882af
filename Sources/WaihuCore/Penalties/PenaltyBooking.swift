import Foundation

/// One party an entry may be booked on: its id (agent, user, team or site) and the name the ledger shows.
public struct PenaltyParty: Sendable, Equatable {
    public var id: UUID
    public var name: String

    public init(id: UUID, name: String) {
        self.id = id
        self.name = name
    }
}

/// Who a call or a finding points at: the agent, their supervisor, team and site, and the vendor when the site is
/// a vendor's.
public struct PenaltySubjects: Sendable, Equatable {
    public var agent: PenaltyParty?
    public var supervisor: PenaltyParty?
    public var team: PenaltyParty?
    public var site: PenaltyParty?
    public var vendor: PenaltyParty?

    public init(agent: PenaltyParty? = nil, supervisor: PenaltyParty? = nil, team: PenaltyParty? = nil, site: PenaltyParty? = nil,
                vendor: PenaltyParty? = nil) {
        self.agent = agent
        self.supervisor = supervisor
        self.team = team
        self.site = site
        self.vendor = vendor
    }

    public subscript(kind: PenaltySubject) -> PenaltyParty? {
        switch kind {
        case .agent: agent
        case .supervisor: supervisor
        case .team: team
        case .site: site
        case .vendor: vendor
        }
    }
}

/// One entry to book: its rule, on whom, how much, and which occurrence of the rule on that subject in the month it is.
public struct PenaltyCharge: Sendable, Equatable {
    public var rule: PenaltyRule
    public var subject: PenaltyParty
    public var amount: Double
    public var occurrence: Int
}

/// Decides the entries an occurrence books (issue 17, RULES B): every active rule whose trigger matches, on the
/// subject of the rule's kind when the occurrence has one (a call of the center's own site books nothing on a vendor).
public enum PenaltyBooking {
    /// `earlier(rule, subject)` counts the rule's entries on the subject already booked in the month, for the
    /// progressive amounts; `chosen` is the amount a person picked within a manual rule's range.
    public static func charges(for occurrence: PenaltyOccurrence, rules: [PenaltyRule], subjects: PenaltySubjects,
                               chosen: Double? = nil, earlier: (String, UUID) -> Int) throws(DomainError) -> [PenaltyCharge] {
        var charges: [PenaltyCharge] = []
        for rule in rules where rule.active && rule.trigger.matches(occurrence) {
            guard let subject = subjects[rule.subject] else { continue }
            let nth = earlier(rule.code, subject.id) + 1
            let amount = try rule.amount.value(occurrence: nth, units: occurrence.units, chosen: chosen)
            charges.append(PenaltyCharge(rule: rule, subject: subject, amount: amount, occurrence: nth))
        }
        return charges
    }
}
