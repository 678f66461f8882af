import Fluent
import Foundation
import WaihuCore

/// Reading and writing agents (坐席).
public enum AgentQueries {
    public static func agents(in scope: AccessScope, on db: any Database) async throws -> [AgentModel] {
        var query = AgentModel.query(on: db)
        switch scope {
        case .organisation: break
        case .site(let id): query = query.filter(\.$siteID == id)
        case .teams(let ids, _): query = query.filter(\.$teamID ~~ Array(ids))
        case .ownAgent(let id, _):
            guard let id else { return [] }
            query = query.filter(\.$id == id)
        }
        return try await query.sort(\.$number).all()
    }

    public static func agent(number: String, on db: any Database) async throws -> AgentModel? {
        try await AgentModel.query(on: db).filter(\.$number == number).first()
    }

    /// What an import did.
    public struct ImportCounts: Sendable, Equatable, Codable {
        public var created: Int
        public var updated: Int
        public var sitesCreated: Int
        public var teamsCreated: Int
    }

    /// Stores valid roster rows in one transaction: unknown sites (own centers) and teams are
    /// created, known agent numbers are updated.
    public static func importRoster(_ rows: [AgentRosterRow], on db: any Database) async throws -> ImportCounts {
        try await StoreTransaction.write(db) { tx in
            var counts = ImportCounts(created: 0, updated: 0, sitesCreated: 0, teamsCreated: 0)
            var sites: [String: UUID] = [:]
            var teams: [String: UUID] = [:]
            for row in rows {
                let siteID: UUID
                if let known = sites[row.site] {
                    siteID = known
                } else if let found = try await OrganisationQueries.site(named: row.site, on: tx) {
                    siteID = try found.requireID()
                } else {
                    let site = SiteModel(name: row.site, kind: .own)
                    try await site.create(on: tx)
                    siteID = try site.requireID()
                    counts.sitesCreated += 1
                }
                sites[row.site] = siteID
                var teamID: UUID?
                if let teamName = row.team {
                    let key = "\(siteID)/\(teamName)"
                    if let known = teams[key] {
                        teamID = known
                    } else if let found = try await OrganisationQueries.team(named: teamName, site: siteID, on: tx) {
                        teamID = try found.requireID()
                    } else {
                        let team = TeamModel(siteID: siteID, name: teamName)
                        try await team.create(on: tx)
                        teamID = try team.requireID()
                        counts.teamsCreated += 1
                    }
                    teams[key] = teamID
                }
                let agent = try await agent(number: row.number, on: tx)
                    ?? AgentModel(number: row.number, name: row.name, skill: row.skill.rawValue,
                                  siteID: siteID, teamID: teamID, hiredOn: row.hiredOn.description, leftOn: nil)
                let isNew = agent.id == nil
                agent.name = row.name
                agent.skill = row.skill.rawValue
                agent.siteID = siteID
                agent.teamID = teamID
                agent.hiredOn = row.hiredOn.description
                agent.leftOn = row.leftOn?.description
                try await agent.save(on: tx)
                if isNew { counts.created += 1 } else { counts.updated += 1 }
            }
            return counts
        }
    }
}
