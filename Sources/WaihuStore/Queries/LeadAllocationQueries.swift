import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Which leads of a source an allocation takes: all, or those of one batch and/or with one
/// attribute value (a column of the customer file, e.g. 地区 = 杭州).
public struct LeadFilter: Sendable, Equatable {
    public var batchID: UUID?
    public var attribute: (name: String, value: String)?

    public init(batchID: UUID? = nil, attribute: (name: String, value: String)? = nil) {
        self.batchID = batchID
        self.attribute = attribute
    }

    public static func == (a: LeadFilter, b: LeadFilter) -> Bool {
        a.batchID == b.batchID && a.attribute?.name == b.attribute?.name && a.attribute?.value == b.attribute?.value
    }
}

/// Moving leads between the project pool, teams and agents (数据分配与回收).
public enum LeadAllocationQueries {
    /// The ids of the source's leads that match the filter, in file order, at most `limit`.
    public static func candidates(project: UUID, source: AllocationSource, filter: LeadFilter, limit: Int?,
                                  on db: any Database) async throws -> [UUID] {
        let sql = try StoreSQL.sql(db)
        var select = sql.select().column("id").from(LeadModel.schema).where("project_id", .equal, SQLBind(project))
        select = restrict(select, to: source)
        if let batch = filter.batchID { select = select.where("batch_id", .equal, SQLBind(batch)) }
        if let attribute = filter.attribute { select = select.where(attributeEquals(attribute, sql)) }
        select = select.orderBy("line").orderBy("id")
        if let limit { select = select.limit(limit) }
        return try await select.all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// Hands the leads to one team (and agent), but only those still in the source: a lead taken
    /// meanwhile by someone else is skipped. Returns how many moved.
    public static func assign(_ ids: [UUID], from source: AllocationSource, project: UUID,
                              team: UUID?, agent: UUID?, at now: Date, on db: any Database) async throws -> Int {
        let sql = try StoreSQL.sql(db)
        var moved = 0
        for start in stride(from: 0, to: ids.count, by: LeadWriter.rowsPerStatement) {
            let chunk = ids[start..<min(start + LeadWriter.rowsPerStatement, ids.count)].map { SQLBind($0) }
            let update = sql.update(LeadModel.schema)
                .set("status", to: SQLBind(LeadStatus.allocated.rawValue))
                .set("team_id", to: SQLBind(team))
                .set("agent_id", to: SQLBind(agent))
                .set("allocated_at", to: SQLBind(now))
                .where("project_id", .equal, SQLBind(project))
                .where("id", .in, SQLGroupExpression(SQLList(chunk)))
            moved += try await restrict(update, to: source).returning("id").all().count
        }
        return moved
    }

    /// Puts held leads back in the pool. `project` nil: every project.
    public static func recycle(project: UUID?, holder: AllocationSource?, allocatedAtOrBefore cutoff: Date?,
                               agentsLeftBy day: LocalDate?, on db: any Database) async throws -> Int {
        let sql = try StoreSQL.sql(db)
        var update = sql.update(LeadModel.schema)
            .set("status", to: SQLBind(LeadStatus.pool.rawValue))
            .set("team_id", to: SQLLiteral.null)
            .set("agent_id", to: SQLLiteral.null)
            .set("allocated_at", to: SQLLiteral.null)
            .where("status", .equal, SQLBind(LeadStatus.allocated.rawValue))
        if let project { update = update.where("project_id", .equal, SQLBind(project)) }
        switch holder {
        case .team(let id): update = update.where("team_id", .equal, SQLBind(id))
        case .agent(let id): update = update.where("agent_id", .equal, SQLBind(id))
        case .pool, nil: break
        }
        if let cutoff { update = update.where("allocated_at", .lessThanOrEqual, SQLBind(cutoff)) }
        if let day {
            let leavers = sql.select().column("id").from(AgentModel.schema)
                .where("left_on", .isNot, SQLLiteral.null).where("left_on", .lessThanOrEqual, SQLBind(day.description))
            update = update.where("agent_id", .in, SQLGroupExpression(leavers.query))
        }
        return try await update.returning("id").all().count
    }

    static let regionNames = Set(["region"] + (CustomerColumns.aliases[.region] ?? []))

    static func restrict<B: SQLPredicateBuilder>(_ builder: B, to source: AllocationSource) -> B {
        switch source {
        case .pool:
            builder.where("status", .equal, SQLBind(LeadStatus.pool.rawValue))
        case .team(let id):
            builder.where("status", .equal, SQLBind(LeadStatus.allocated.rawValue))
                .where("team_id", .equal, SQLBind(id)).where("agent_id", .is, SQLLiteral.null)
        case .agent(let id):
            builder.where("status", .equal, SQLBind(LeadStatus.allocated.rawValue)).where("agent_id", .equal, SQLBind(id))
        }
    }

    /// The region has its own column (地区 is a known header); other columns are in `attributes`,
    /// a JSON object, from which each dialect reads one key.
    static func attributeEquals(_ attribute: (name: String, value: String), _ sql: any SQLDatabase) -> any SQLExpression {
        if regionNames.contains(attribute.name.lowercased()) {
            return SQLBinaryExpression(SQLColumn("region"), .equal, SQLBind(attribute.value))
        }
        if sql.dialect.name == "sqlite" {
            let path = "$.\"" + attribute.name.replacingOccurrences(of: "\"", with: "") + "\""
            return SQLQueryString("json_extract(attributes, \(bind: path)) = \(bind: attribute.value)")
        }
        return SQLQueryString("(CAST(attributes AS jsonb) ->> \(bind: attribute.name)) = \(bind: attribute.value)")
    }
}
