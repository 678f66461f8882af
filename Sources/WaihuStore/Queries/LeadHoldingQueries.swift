import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Where a project's leads are: how many in the pool, with each team and each agent.
public struct LeadHoldings: Sendable, Equatable {
    /// Lead count by status (`pool`, `allocated`, `finished`, `rejected`).
    public var byStatus: [LeadStatus: Int]
    /// Held leads (allocated or reserved for a call) by holder: a team with no agent is the team's own pool.
    public var held: [Holder]

    public struct Holder: Sendable, Equatable {
        public var teamID: UUID?
        public var agentID: UUID?
        public var count: Int
    }
}

public enum LeadHoldingQueries {
    public static func holdings(project: UUID, on db: any Database) async throws -> LeadHoldings {
        let sql = try StoreSQL.sql(db)
        let statusRows = try await sql.select().column("status").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(LeadModel.schema).where("project_id", .equal, SQLBind(project)).groupBy("status").all()
        var byStatus: [LeadStatus: Int] = [:]
        for row in statusRows {
            if let status = LeadStatus(rawValue: try row.decode(column: "status", as: String.self)) {
                byStatus[status] = try row.decode(column: "n", as: Int.self)
            }
        }
        let heldRows = try await sql.select().column("team_id").column("agent_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(LeadModel.schema).where("project_id", .equal, SQLBind(project))
            .where("status", .in, SQLGroupExpression(SQLList([SQLBind(LeadStatus.allocated.rawValue), SQLBind(LeadStatus.reserved.rawValue)])))
            .groupBy("team_id").groupBy("agent_id").all()
        let held = try heldRows.map { row in
            LeadHoldings.Holder(teamID: try row.decode(column: "team_id", as: UUID?.self),
                                agentID: try row.decode(column: "agent_id", as: UUID?.self),
                                count: try row.decode(column: "n", as: Int.self))
        }
        return LeadHoldings(byStatus: byStatus, held: held)
    }

    /// The leads of a project a scope may see, in file order: every lead for the organisation,
    /// those held by the site's or the supervisor's teams, an agent's own.
    public static func leads(project: UUID, in scope: AccessScope, status: LeadStatus?, search: LeadSearchTerm? = nil,
                             sort: LeadSort = .line, offset: Int, limit: Int,
                             on db: any Database) async throws -> (total: Int, leads: [LeadModel]) {
        var query = LeadModel.query(on: db).filter(\.$projectID == project)
        if let status { query = query.filter(\.$statusCode == status.rawValue) }
        switch search {
        case .number(let pattern):
            let rows = try await StoreSQL.sql(db).select().distinct().column("lead_id").from("lead_phones")
                .where("project_id", .equal, SQLBind(project)).where("phone", .like, SQLBind(pattern)).limit(1000).all()
            query = query.filter(\.$id ~~ (try rows.map { try $0.decode(column: "lead_id", as: UUID.self) }))
        case .text(let text):
            query = query.group(.or) { $0.filter(\.$name ~~ text).filter(\.$customerID =~ text) }
        case nil: break
        }
        switch scope {
        case .organisation: break
        case .site(let site):
            let teams = try await TeamModel.query(on: db).filter(\.$siteID == site).all().compactMap(\.id)
            let agents = try await AgentModel.query(on: db).filter(\.$siteID == site).all().compactMap(\.id)
            query = query.group(.or) { $0.filter(\.$teamID ~~ teams).filter(\.$agentID ~~ agents) }
        case .teams(let teams, _):
            query = query.filter(\.$teamID ~~ Array(teams))
        case .ownAgent(let agent, _):
            guard let agent else { return (0, []) }
            query = query.filter(\.$agentID == agent)
        }
        let total = try await query.copy().count()
        switch sort {
        case .line: break
        case .batch: query = query.sort(\.$batchID)
        case .customer_id: query = query.sort(\.$customerID)
        case .name: query = query.sort(\.$name)
        case .attempts: query = query.sort(\.$attempts, .descending)
        case .status: query = query.sort(\.$statusCode)
        }
        let leads = try await query.sort(\.$line).sort(\.$id).range(offset..<(offset + limit)).all()
        return (total, leads)
    }

    /// All numbers of these leads, in their order on the row.
    /// The projects in which an agent holds leads to call (allocated to them, or reserved).
    public static func projects(heldBy agent: UUID, on db: any Database) async throws -> Set<UUID> {
        let rows = try await StoreSQL.sql(db).select().distinct().column("project_id").from(LeadModel.schema)
            .where("agent_id", .equal, SQLBind(agent))
            .where("status", .in, SQLBind.group([LeadStatus.allocated.rawValue, LeadStatus.reserved.rawValue])).all()
        return Set(try rows.map { try $0.decode(column: "project_id", as: UUID.self) })
    }

    public static func phones(of leads: [UUID], on db: any Database) async throws -> [UUID: [String]] {
        guard !leads.isEmpty else { return [:] }
        let rows = try await StoreSQL.sql(db).select().column("lead_id").column("phone").from("lead_phones")
            .where("lead_id", .in, SQLGroupExpression(SQLList(leads.map { SQLBind($0) })))
            .orderBy("position").all()
        var phones: [UUID: [String]] = [:]
        for row in rows {
            phones[try row.decode(column: "lead_id", as: UUID.self), default: []]
                .append(try row.decode(column: "phone", as: String.self))
        }
        return phones
    }
}
