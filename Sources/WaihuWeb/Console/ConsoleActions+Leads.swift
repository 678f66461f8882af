import Fluent
import Foundation
import Vapor
import WaihuCore
import WaihuStore

extension ConsoleActions {
    /// What `waihu leads allocate` takes: agents by employee number, teams by name (`site/team`
    /// when two sites have a team of that name), the source as `pool`, `team:NAME` or `agent:NUMBER`.
    public struct AllocationOrder: Sendable {
        public var agents: [String]
        public var teams: [String]
        public var count: Int?
        public var limit: Int?
        public var source: String
        public var batch: UUID?
        public var attribute: (name: String, value: String)?

        public init(agents: [String], teams: [String], count: Int?, limit: Int?, source: String, batch: UUID?,
                    attribute: (name: String, value: String)?) {
            self.agents = agents
            self.teams = teams
            self.count = count
            self.limit = limit
            self.source = source
            self.batch = batch
            self.attribute = attribute
        }
    }

    public static func allocate(_ app: Application, project code: String, _ order: AllocationOrder) async throws -> AllocationOutcome {
        let project = try await project(code, app)
        var targets: [AllocationTarget] = []
        for team in order.teams { targets.append(.team(try await teamID(team, app))) }
        for agent in order.agents { targets.append(.agent(try await AllocationService.agentID(agent, on: app.db))) }
        let request = AllocationService.Request(
            targets: targets, source: try await source(order.source, app),
            mode: order.count.map(AllocationMode.eachCount) ?? .evenly(limit: order.limit),
            filter: LeadFilter(batchID: order.batch, attribute: order.attribute))
        return try await AllocationService.allocate(request, in: project, scope: .organisation,
                                                    actor: actor("lead.allocate", "project"), at: app.now, on: app.db)
    }

    /// Takes leads back: from one holder (`team:NAME`, `agent:NUMBER`), from everyone (`all`), or,
    /// with `due`, what the hourly run would take back now in every project.
    public static func recycle(_ app: Application, project code: String?, from holder: String, due: Bool) async throws -> RecyclingOutcome {
        if due { return try await RecyclingService.runDue(at: app.now, on: app.db) }
        guard let code else { throw DomainError.missingField("project") }
        let source: AllocationSource? = holder == "all" ? nil : try await source(holder, app)
        return try await RecyclingService.takeBack(project: try await project(code, app), holder: source, scope: .organisation,
                                                   actor: actor("lead.recycle", "project"), at: app.now, on: app.db)
    }

    /// Where a project's leads are.
    public struct HoldingsLine: Encodable, Sendable {
        public var pool: Int
        public var allocated: Int
        public var finished: Int
        public var rejected: Int
        public var recycle_months: Int
        public var holders: [Holder]

        public struct Holder: Encodable, Sendable {
            public var team: String?
            public var agent: String?
            public var count: Int
        }
    }

    public static func holdings(_ app: Application, project code: String) async throws -> HoldingsLine {
        let dto = try await HoldingsDTO.load(project: try await project(code, app), scope: .organisation, on: app.db)
        let teams = dto.teams.filter { $0.unassigned > 0 }.map { HoldingsLine.Holder(team: $0.name, agent: nil, count: $0.unassigned) }
        let agents = dto.agents.filter { $0.count > 0 }.map { HoldingsLine.Holder(team: $0.team, agent: $0.number, count: $0.count) }
        return HoldingsLine(pool: dto.pool, allocated: dto.allocated, finished: dto.finished, rejected: dto.rejected,
                            recycle_months: dto.recycle_months, holders: teams + agents)
    }

    static func project(_ code: String, _ app: Application) async throws -> ProjectRecord {
        guard let project = try await ProjectQueries.project(code, in: .organisation, on: app.db) else {
            throw DomainError.notFound(LocalizedText(zh: "项目 \(code)", en: "project \(code)"))
        }
        return project
    }

    static func source(_ text: String, _ app: Application) async throws -> AllocationSource {
        if text == "pool" { return .pool }
        if text.hasPrefix("team:") { return .team(try await teamID(String(text.dropFirst(5)), app)) }
        if text.hasPrefix("agent:") { return .agent(try await AllocationService.agentID(String(text.dropFirst(6)), on: app.db)) }
        throw DomainError.invalidField("from", zh: "须为 pool、team:班组名 或 agent:工号", en: "expected pool, team:NAME or agent:NUMBER")
    }

    /// A team by id, by name when only one site has it, or as `site/team`.
    static func teamID(_ key: String, _ app: Application) async throws -> UUID {
        if let id = UUID(uuidString: key) { return id }
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        var teams = try await TeamModel.query(on: app.db).filter(\.$name == parts.last ?? key).all()
        if parts.count == 2, let site = try await OrganisationQueries.site(named: parts[0], on: app.db) {
            teams = teams.filter { $0.siteID == site.id }
        }
        guard teams.count == 1, let id = teams[0].id else {
            throw teams.isEmpty
                ? DomainError.notFound(LocalizedText(zh: "班组 \(key)", en: "team \(key)"))
                : DomainError.invalidField("team", zh: "多个职场有班组“\(key)”，请写成 职场/班组",
                                           en: "several sites have a team '\(key)'; write site/team")
        }
        return id
    }
}
