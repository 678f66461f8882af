import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A lead as it leaves the server: numbers masked (`138****1234`) unless `reveal` is set by an
/// audited reveal or export, and any number typed into another column masked too (DESIGN rule 7).
package struct LeadDTO: Codable, Sendable {
    package var id: UUID?
    package var line: Int
    package var customer_id: String?
    package var name: String?
    package var region: String?
    package var phones: [String]
    package var status: String
    package var rejection: String?
    package var team: String?
    package var agent: String?
    package var allocated_at: Date?
    package var attributes: [String: String]

    package init(_ lead: LeadModel, phones: [String], names: LeadView.Names, reveal: Bool) {
        let hide: (String) -> String = { text in reveal ? text : PhoneMask.maskDigitRuns(text) }
        id = lead.id
        line = lead.line
        // A customer id may be the customer's number itself.
        customer_id = lead.customerID.map(hide)
        name = lead.name.map(hide)
        region = lead.region.map(hide)
        self.phones = reveal ? phones : phones.map(PhoneMask.mask)
        status = lead.status.rawValue
        rejection = lead.rejection
        team = lead.teamID.flatMap { names.teams[$0] }
        agent = lead.agentID.flatMap { names.agents[$0] }
        allocated_at = lead.allocatedAt
        // A rejected row keeps its raw fields as an array; only a dialable lead has named attributes.
        let object = (try? JSONSerialization.jsonObject(with: Data(lead.attributes.utf8))) as? [String: String] ?? [:]
        attributes = object.mapValues(hide)
    }
}

/// Loading what a list of leads needs to be shown: their numbers and the names of their holders.
package enum LeadView {
    package struct Names: Sendable {
        package var teams: [UUID: String] = [:]
        package var agents: [UUID: String] = [:]
    }

    /// The names of every team and agent (an export that pages through a whole project).
    package static func names(on db: any Database) async throws -> Names {
        var names = Names()
        for team in try await TeamModel.query(on: db).all() { if let id = team.id { names.teams[id] = team.name } }
        for agent in try await AgentModel.query(on: db).all() { if let id = agent.id { names.agents[id] = agent.number } }
        return names
    }

    /// The names of only the teams and agents holding `leads` (a page of leads, the desk's one lead).
    package static func names(of leads: [LeadModel], on db: any Database) async throws -> Names {
        var names = Names()
        let teams = Set(leads.compactMap(\.teamID)), agents = Set(leads.compactMap(\.agentID))
        if !teams.isEmpty {
            for team in try await TeamModel.query(on: db).filter(\.$id ~~ teams).all() { if let id = team.id { names.teams[id] = team.name } }
        }
        if !agents.isEmpty {
            for agent in try await AgentModel.query(on: db).filter(\.$id ~~ agents).all() { if let id = agent.id { names.agents[id] = agent.number } }
        }
        return names
    }

    /// `names` may be loaded once by a caller that shows many pages of leads.
    package static func dtos(_ leads: [LeadModel], reveal: Bool, names: Names? = nil, on db: any Database) async throws -> [LeadDTO] {
        let phones = try await LeadHoldingQueries.phones(of: leads.compactMap(\.id), on: db)
        let known = names
        let names = if let known { known } else { try await self.names(of: leads, on: db) }
        return leads.map { lead in
            LeadDTO(lead, phones: lead.id.flatMap { phones[$0] } ?? lead.phone.map { [$0] } ?? [], names: names, reveal: reveal)
        }
    }

    /// A lead with its numbers in full; the reveal is written to the audit log first. The caller must
    /// hold the reveal permission.
    package static func reveal(_ id: UUID, by caller: Caller, at now: Date, on db: any Database) async throws -> LeadDTO {
        try AccessPolicy.require(caller.role, .revealNumbers)
        let lead = try await find(id, scope: caller.scope, on: db)
        try await caller.audit("lead.reveal", targetType: "lead", targetID: id.uuidString,
                               detail: "project=\(lead.projectID) line=\(lead.line)", at: now, on: db)
        return try await dtos([lead], reveal: true, on: db)[0]
    }

    /// One lead of a project the caller's scope may see, or a 404.
    package static func find(_ id: UUID, scope: AccessScope, on db: any Database) async throws -> LeadModel {
        guard let lead = try await LeadModel.find(id, on: db),
              try await ProjectQueries.project(lead.projectID.uuidString, in: scope, on: db) != nil,
              try await visible(lead, to: scope, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "客户", en: "lead"))
        }
        return lead
    }

    package static func visible(_ lead: LeadModel, to scope: AccessScope, on db: any Database) async throws -> Bool {
        switch scope {
        case .organisation: return true
        case .ownAgent(let agent, _): return agent != nil && lead.agentID == agent
        case .teams(let teams, _): return lead.teamID.map(teams.contains) ?? false
        case .site(let site):
            if let team = lead.teamID, let found = try await TeamModel.find(team, on: db), found.siteID == site { return true }
            if let agent = lead.agentID, let found = try await AgentModel.find(agent, on: db), found.siteID == site { return true }
            return false
        }
    }
}
