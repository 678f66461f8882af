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
        let agent = try await AgentService.create(.init(number: input.agent, name: input.name, siteID: input.site_id, teamID: input.team_id,
                                                        skill: input.skill, hiredOn: input.hired_on, leftOn: input.left_on),
                                                  by: req.caller, at: req.now, on: req.db)
        return try await AgentDTO(agent).encodeResponse(status: .created, for: req)
    }

    static func update(_ req: Request) async throws -> AgentDTO {
        let input = try req.content.decode(AgentPatch.self)
        let agent = try await find(req)
        try await AgentService.update(agent, .init(name: input.name, teamID: input.team_id, skill: input.skill, leftOn: input.left_on),
                                      by: req.caller, at: req.now, on: req.db)
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
