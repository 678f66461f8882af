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
        app.endpoint(.POST, "agents", permission: .manageAgents, surface: .page, use: create)
        app.endpoint(.POST, "agents", ":id", permission: .manageAgents, surface: .page, use: update)
    }

    struct AgentsData: Encodable {
        var agents: [Row]
        var canManage: Bool
        var sites: [AdminPages.Option]
        var teams: [AdminPages.Option]
        var skills: [AdminPages.Option]
        /// What was typed in the new-agent form, kept after a refusal (empty otherwise).
        var typed: AgentForm
        var refused: Bool
        var report: AgentImportReport?
        var rejections: [Rejection]
        struct Row: Encodable {
            var id: String
            var teamID: String
            var skillID: String
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

    static func page(_ req: Request, report: AgentImportReport?, error: String?, typed: AgentForm? = nil) async throws -> View {
        let lang = req.language
        let scope = try req.currentUser().scope
        let sites = try await OrganisationQueries.sites(in: .organisation, on: req.db)
        let teams = try await OrganisationQueries.teams(in: .organisation, on: req.db)
        let siteNames = Dictionary(uniqueKeysWithValues: sites.compactMap { s in s.id.map { ($0, s.name) } })
        let teamNames = Dictionary(uniqueKeysWithValues: teams.compactMap { t in t.id.map { ($0, t.name) } })
        let rows = try await AgentQueries.agents(in: scope, on: req.db).map { agent in
            AgentsData.Row(id: agent.id?.uuidString ?? "", teamID: agent.teamID?.uuidString ?? "", skillID: agent.skill,
                           number: agent.number, name: agent.name,
                           skill: Skill(rawValue: agent.skill)?.name.text(lang) ?? agent.skill,
                           site: siteNames[agent.siteID] ?? "", team: agent.teamID.flatMap { teamNames[$0] } ?? "",
                           hiredOn: agent.hiredOn, leftOn: agent.leftOn ?? "")
        }
        let data = AgentsData(agents: rows, canManage: AccessPolicy.allows(try req.currentUser().role, .manageAgents),
                              sites: sites.map { .init(value: $0.id?.uuidString ?? "", label: $0.name) },
                              teams: teams.map { .init(value: $0.id?.uuidString ?? "", label: "\(siteNames[$0.siteID] ?? "") · \($0.name)") },
                              skills: Skill.allCases.map { .init(value: $0.rawValue, label: $0.name.text(lang)) },
                              typed: typed ?? AgentForm(agent: "", name: "", site_id: "", hired_on: ""), refused: typed != nil,
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
            guard report.stored else {
                let response = try await page(req, report: report, error: nil).encodeResponse(for: req)
                response.status = .unprocessableEntity
                return response
            }
            // Imported: the list again, saying how many (a reload imports nothing).
            let t = Strings.dictionary(req.language)
            FormFlow.flash(req, notice: "\(t["import_done"] ?? "")：\(t["created"] ?? "") \(report.created)，\(t["updated"] ?? "") \(report.updated)")
            return req.redirect(to: "/agents")
        } catch let error as DomainError {
            let response = try await page(req, report: nil, error: error.message.text(req.language)).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    struct AgentForm: Content {
        var agent: String
        var name: String
        var site_id: String
        var team_id: String?
        var skill: String?
        var hired_on: String
        var left_on: String?
    }

    static func create(_ req: Request) async throws -> Response {
        let typed = try? req.content.decode(AgentForm.self)
        return try await FormFlow.submit(req, redirect: "/agents", action: {
            let form = try req.content.decode(AgentForm.self)
            guard let site = UUID(uuidString: form.site_id) else { throw DomainError.missingField("site_id") }
            _ = try await AgentService.create(.init(number: form.agent, name: form.name, siteID: site,
                                                    teamID: FormFlow.optional(form.team_id).flatMap(UUID.init(uuidString:)),
                                                    skill: FormFlow.optional(form.skill), hiredOn: form.hired_on, leftOn: form.left_on),
                                              by: req.caller, at: req.now, on: req.db)
        }, page: { try await page(req, report: nil, error: $0, typed: typed) })
    }

    struct ChangeForm: Content {
        var name: String
        var team_id: String?
        var skill: String
        var left_on: String?
    }

    /// The edit form of one agent: name, team, skill, and the leaving date (empty to clear it).
    static func update(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/agents", action: {
            let form = try req.content.decode(ChangeForm.self)
            let agent = try await AgentController.find(req)
            try await AgentService.update(agent, .init(name: form.name, teamID: FormFlow.optional(form.team_id).flatMap(UUID.init(uuidString:)),
                                                       skill: form.skill, leftOn: form.left_on ?? ""),
                                          by: req.caller, at: req.now, on: req.db)
        }, page: { try await page(req, report: nil, error: $0) })
    }
}
