import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The agents page: the list within the caller's scope, a form, and the roster import.
enum AgentPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "agents", permission: .viewOrganisation, surface: .page, use: agents)
        app.endpoint(.POST, "agents", "import", permission: .manageAgents, surface: .page,
                     body: .collect(maxSize: "20mb"), use: importFile)
    }

    struct AgentsData: Encodable {
        var agents: [Row]
        var canManage: Bool
        var report: AgentImportReport?
        var rejections: [Rejection]
        struct Row: Encodable {
            var number: String
            var name: String
            var skill: String
            var site: String
            var team: String
            var hiredOn: String
            var leftOn: String
        }
        struct Rejection: Encodable {
            var line: Int
            var reason: String
        }
    }

    static func agents(_ req: Request) async throws -> View { try await page(req, report: nil, error: nil) }

    static func page(_ req: Request, report: AgentImportReport?, error: String?) async throws -> View {
        let lang = req.language
        let scope = try req.currentUser().scope
        let sites = try await OrganisationQueries.sites(in: .organisation, on: req.db)
        let teams = try await OrganisationQueries.teams(in: .organisation, on: req.db)
        let siteNames = Dictionary(uniqueKeysWithValues: sites.compactMap { s in s.id.map { ($0, s.name) } })
        let teamNames = Dictionary(uniqueKeysWithValues: teams.compactMap { t in t.id.map { ($0, t.name) } })
        let rows = try await AgentQueries.agents(in: scope, on: req.db).map { agent in
            AgentsData.Row(number: agent.number, name: agent.name,
                           skill: Skill(rawValue: agent.skill)?.name.text(lang) ?? agent.skill,
                           site: siteNames[agent.siteID] ?? "", team: agent.teamID.flatMap { teamNames[$0] } ?? "",
                           hiredOn: agent.hiredOn, leftOn: agent.leftOn ?? "")
        }
        let data = AgentsData(agents: rows, canManage: AccessPolicy.allows(try req.currentUser().role, .manageAgents),
                              report: report,
                              rejections: (report?.rejected ?? []).map { .init(line: $0.line, reason: $0.reason.text(lang)) })
        return try await PageRenderer.render("agents", titleKey: "nav_agents", data: data, error: error, for: req)
    }

    struct ImportForm: Content {
        var file: File
    }

    static func importFile(_ req: Request) async throws -> Response {
        do {
            let form = try req.content.decode(ImportForm.self)
            let text = String(buffer: form.file.data)
            let report = try await AgentService.importRoster(
                csv: text, actor: req.auditEvent("agent.import", targetType: "agent"), at: req.now, on: req.db)
            let response = try await page(req, report: report, error: nil).encodeResponse(for: req)
            response.status = report.stored ? .ok : .unprocessableEntity
            return response
        } catch let error as DomainError {
            let response = try await page(req, report: nil, error: error.message.text(req.language)).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }
}
