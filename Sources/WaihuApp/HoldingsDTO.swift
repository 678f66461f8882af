import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Where a project's leads are, as a supervisor allocating them needs to see it: the pool, and
/// every team and agent in the caller's scope with what they hold (zero included).
package struct HoldingsDTO: Codable, Sendable {
    package var pool: Int
    package var allocated: Int
    package var finished: Int
    package var rejected: Int
    package var recycle_months: Int
    package var teams: [Team]
    package var agents: [Agent]

    package struct Team: Codable, Sendable {
        package var id: UUID
        package var name: String
        /// Leads the team holds that no agent has yet.
        package var unassigned: Int
    }

    package struct Agent: Codable, Sendable {
        package var id: UUID
        package var number: String
        package var name: String
        package var team: String?
        package var count: Int
    }

    package static func load(project: ProjectRecord, scope: AccessScope, on db: any Database) async throws -> HoldingsDTO {
        let projectID = try project.project.requireID()
        let holdings = try await LeadHoldingQueries.holdings(project: projectID, on: db)
        let sites = Set(project.siteIDs)
        let teams = try await OrganisationQueries.teams(in: scope, on: db).filter { sites.isEmpty || sites.contains($0.siteID) }
        let teamNames = Dictionary(uniqueKeysWithValues: teams.compactMap { team in team.id.map { ($0, team.name) } })
        let agents = try await AgentQueries.agents(in: scope, on: db)
            .filter { ($0.leftOn ?? "").isEmpty && (sites.isEmpty || sites.contains($0.siteID)) }
        func held(team: UUID?, agent: UUID?) -> Int {
            holdings.held.filter { $0.teamID == team && $0.agentID == agent }.reduce(0) { $0 + $1.count }
        }
        func heldBy(agent: UUID) -> Int { holdings.held.filter { $0.agentID == agent }.reduce(0) { $0 + $1.count } }
        return HoldingsDTO(
            pool: holdings.byStatus[.pool] ?? 0, allocated: holdings.byStatus[.allocated] ?? 0,
            finished: holdings.byStatus[.finished] ?? 0, rejected: holdings.byStatus[.rejected] ?? 0,
            recycle_months: project.project.recycleMonths,
            teams: teams.compactMap { team in
                team.id.map { Team(id: $0, name: team.name, unassigned: held(team: $0, agent: nil)) }
            },
            agents: agents.compactMap { agent in
                agent.id.map { Agent(id: $0, number: agent.number, name: agent.name,
                                     team: agent.teamID.flatMap { teamNames[$0] }, count: heldBy(agent: $0)) }
            })
    }
}
