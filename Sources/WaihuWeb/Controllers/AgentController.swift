import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Agents (坐席): `/api/v1/agents`.
enum AgentController {
    struct AgentInput: Content {
        var agent: String
        var name: String
        var site_id: UUID
        var team_id: UUID?
        var skill: String?
        var hired_on: String
        var left_on: String?
    }

    struct AgentPatch: Content {
        var name: String?
        var team_id: UUID?
        var skill: String?
        var left_on: String?
    }

    static func register(_ app: Application) {
        let agents = app.grouped("api", "v1", "agents")
        agents.endpoint(.GET, permission: .viewOrganisation, surface: .api, use: list)
        agents.endpoint(.POST, permission: .manageAgents, surface: .api, use: create)
        agents.endpoint(.POST, "import", permission: .manageAgents, surface: .api,
                        body: .collect(maxSize: "20mb"), use: importFile)
        agents.endpoint(.GET, ":id", permission: .viewOrganisation, surface: .api, use: show)
        agents.endpoint(.PATCH, ":id", permission: .manageAgents, surface: .api, use: update)
    }

    static func list(_ req: Request) async throws -> [AgentDTO] {
        try await AgentQueries.agents(in: req.currentUser().scope, on: req.db).map(AgentDTO.init)
    }

    static func show(_ req: Request) async throws -> AgentDTO {
        AgentDTO(try await find(req))
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.content.decode(AgentInput.self)
        let number = try ProjectFields.validateName(input.agent, field: "agent")
        guard try await AgentQueries.agent(number: number, on: req.db) == nil else {
            throw DomainError(.conflict, code: "agent_exists", zh: "工号 \(number) 已存在", en: "The agent number \(number) exists")
        }
        guard try await SiteModel.find(input.site_id, on: req.db) != nil else {
            throw DomainError.invalidField("site_id", zh: "职场不存在", en: "no such site")
        }
        try await checkTeam(input.team_id, site: input.site_id, on: req.db)
        guard let hired = LocalDate(input.hired_on) else {
            throw DomainError.invalidField("hired_on", zh: "须为 YYYY-MM-DD", en: "expected YYYY-MM-DD")
        }
        let agent = AgentModel(number: number, name: try ProjectFields.validateName(input.name),
                               skill: try Skill.parse(input.skill ?? "dual").rawValue, siteID: input.site_id,
                               teamID: input.team_id, hiredOn: hired.description,
                               leftOn: try leftOn(input.left_on, hired: hired))
        try await StoreTransaction.write(req.db) { db in
            try await agent.create(on: db)
            try await req.audit("agent.create", targetType: "agent", targetID: agent.id?.uuidString, detail: "agent=\(number)", on: db)
        }
        return try await AgentDTO(agent).encodeResponse(status: .created, for: req)
    }

    static func update(_ req: Request) async throws -> AgentDTO {
        let input = try req.content.decode(AgentPatch.self)
        let agent = try await find(req)
        if let name = input.name { agent.name = try ProjectFields.validateName(name) }
        if let team = input.team_id {
            try await checkTeam(team, site: agent.siteID, on: req.db)
            agent.teamID = team
        }
        if let skill = input.skill { agent.skill = try Skill.parse(skill).rawValue }
        if let left = input.left_on { agent.leftOn = try leftOn(left, hired: LocalDate(agent.hiredOn)) }
        try await StoreTransaction.write(req.db) { db in
            try await agent.save(on: db)
            try await req.audit("agent.update", targetType: "agent", targetID: agent.id?.uuidString, detail: "agent=\(agent.number)", on: db)
        }
        return AgentDTO(agent)
    }

    /// `text/csv` body; 422 with every bad row when the file is refused.
    static func importFile(_ req: Request) async throws -> Response {
        guard let body = req.body.string, !body.isEmpty else {
            throw DomainError(.badInput, code: "empty_file", zh: "文件为空", en: "The file is empty")
        }
        let report = try await AgentService.importRoster(
            csv: body, actor: req.auditEvent("agent.import", targetType: "agent"), at: req.now, on: req.db)
        return try await report.encodeResponse(status: report.stored ? .ok : .unprocessableEntity, for: req)
    }

    static func find(_ req: Request) async throws -> AgentModel {
        guard let id = req.parameters.get("id", as: UUID.self), let agent = try await AgentModel.find(id, on: req.db),
              try req.currentUser().scope.includesAgent(id, team: agent.teamID, site: agent.siteID) else {
            throw DomainError.notFound(LocalizedText(zh: "坐席", en: "agent"))
        }
        return agent
    }

    static func checkTeam(_ teamID: UUID?, site: UUID, on db: any Database) async throws {
        guard let teamID else { return }
        guard let team = try await TeamModel.find(teamID, on: db), team.siteID == site else {
            throw DomainError.invalidField("team_id", zh: "班组不存在或不属于该职场", en: "no such team in the agent's site")
        }
    }

    static func leftOn(_ text: String?, hired: LocalDate?) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = LocalDate(text) else {
            throw DomainError.invalidField("left_on", zh: "须为 YYYY-MM-DD", en: "expected YYYY-MM-DD")
        }
        if let hired, date < hired {
            throw DomainError.invalidField("left_on", zh: "早于入职日期", en: "before hired_on")
        }
        return date.description
    }
}

extension AgentImportReport: AsyncResponseEncodable, Content {}

struct AgentDTO: Content {
    var id: UUID?
    var agent: String
    var name: String
    var skill: String
    var site_id: UUID
    var team_id: UUID?
    var hired_on: String
    var left_on: String?

    init(_ agent: AgentModel) {
        id = agent.id
        self.agent = agent.number
        name = agent.name
        skill = agent.skill
        site_id = agent.siteID
        team_id = agent.teamID
        hired_on = agent.hiredOn
        left_on = agent.leftOn
    }
}
