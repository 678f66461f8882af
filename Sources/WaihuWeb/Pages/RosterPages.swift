import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// `/roster` — a site's or team's month as a grid of agents by days, with the form that sets a day (a template, a
/// shift's times, a leave or a rest day) and the site's shift templates; `/staffing` — Erlang C/A beside the funnel.
enum RosterPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "roster", permission: .viewRoster, surface: .page, use: roster)
        app.endpoint(.POST, "roster", permission: .editRoster, surface: .page, use: setCell)
        app.endpoint(.POST, "roster", "templates", permission: .editRoster, surface: .page, use: addTemplate)
        app.endpoint(.POST, "roster", "import", permission: .editRoster, surface: .page, body: .collect(maxSize: "10mb"), use: importFile)
        app.endpoint(.GET, "staffing", permission: .viewMetrics, surface: .page, use: staffing)
        app.endpoint(.GET, "attendance", permission: .viewRoster, surface: .page, use: attendance)
        app.endpoint(.GET, "ranking", permission: .viewRoster, surface: .page, use: ranking)
        app.endpoint(.POST, "attendance", "meetings", permission: .editRoster, surface: .page, use: recordMeeting)
        app.endpoint(.POST, "ranking", "rewards", permission: .bookPenalties, surface: .page, use: reward)
    }

    /// The sites in the caller's scope and the one asked for (or the first).
    static func sites(_ req: Request, asked: String?) async throws -> (options: [AdminPages.Option], chosen: UUID) {
        let sites = try await OrganisationQueries.sites(in: req.caller.scope, on: req.db)
        let options = sites.compactMap { site in site.id.map { AdminPages.Option(value: $0.uuidString, label: site.name) } }
        guard let chosen = asked.flatMap(UUID.init(uuidString:)).flatMap({ id in sites.first { $0.id == id }?.id }) ?? req.caller.scope.boundSite ?? sites.first?.id else {
            throw DomainError.notFound(LocalizedText(zh: "职场", en: "site"))
        }
        return (options, chosen)
    }

    /// The teams of a site the caller may see, for a filter or a form.
    static func teamOptions(_ req: Request, site: UUID) async throws -> [AdminPages.Option] {
        try await OrganisationQueries.teams(in: req.caller.scope, on: req.db).filter { $0.siteID == site }
            .compactMap { team in team.id.map { AdminPages.Option(value: $0.uuidString, label: team.name) } }
    }

    static func monthParameter(_ req: Request, _ fields: [String: String] = [:]) async throws -> String {
        if let month = fields["month"], !month.isEmpty { return month }
        return try await WorkforceController.month(req)
    }

    static func roster(_ req: Request) async throws -> Response {
        if req.query[String.self, at: "format"] != nil {
            let (_, site) = try await sites(req, asked: req.query[String.self, at: "site"])
            req.parameters.set("id", to: site.uuidString)
            return try await WorkforceController.rosterOrFile(req)
        }
        return try await rosterPage(req, error: nil, form: [:]).encodeResponse(for: req)
    }

    struct ImportForm: Content {
        var site: String
        var month: String
        var team: String?
        var file: File?
    }

    static func importFile(_ req: Request) async throws -> Response {
        let form = try req.content.decode(ImportForm.self)
        let fields = ["site": form.site, "month": form.month, "team": form.team ?? ""]
        return try await FormFlow.submit(req, redirect: back(fields), action: {
            guard let site = UUID(uuidString: form.site) else { throw DomainError.missingField("site") }
            guard let file = form.file, file.data.readableBytes > 0 else {
                throw DomainError(.badInput, code: "empty_file", zh: "请选择排班文件", en: "Choose the roster file")
            }
            _ = try await RosterService.importGrid(site: site, month: form.month, records: try RosterService.records(from: Data(buffer: file.data)),
                                                   by: req.caller, at: req.now, on: req.db)
        }, page: { try await rosterPage(req, error: $0, form: fields) })
    }

    static func rosterPage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        struct Data: Encodable {
            var grid: RosterReads.Grid
            var days: [String]
            var sites: [AdminPages.Option]
            var site: String
            var teams: [AdminPages.Option]
            var team: String
            var month: String
            var agents: [AdminPages.Option]
            var leaves: [AdminPages.Option]
            var canEdit: Bool
            var form: [String: String]
        }
        let query = { (name: String) in form[name] ?? req.query[String.self, at: name] }
        let (sites, site) = try await sites(req, asked: query("site"))
        let month = try await monthParameter(req, form)
        let team = query("team").flatMap(UUID.init(uuidString:))
        let grid = try await RosterReads.grid(site: site, team: team, month: month, caller: req.caller, on: req.db)
        let teams = try await teamOptions(req, site: site)
        var typed = form
        typed["agent"] = typed["agent"] ?? req.query[String.self, at: "agent"] ?? ""
        typed["date"] = typed["date"] ?? req.query[String.self, at: "date"] ?? grid.days.first ?? ""
        let data = Data(grid: grid, days: grid.days.map { String($0.suffix(2)) }, sites: sites, site: site.uuidString, teams: teams,
                        team: team?.uuidString ?? "", month: month,
                        agents: grid.rows.map { AdminPages.Option(value: $0.agent_id.uuidString, label: "\($0.number) \($0.name)") },
                        leaves: LeaveType.allCases.map { AdminPages.Option(value: $0.rawValue, label: $0.name.text(req.language)) },
                        canEdit: AccessPolicy.allows(req.caller.role, .editRoster), form: typed)
        return try await PageRenderer.render("roster", titleKey: "roster", data: data, error: error, for: req)
    }

    static func back(_ fields: [String: String]) -> String {
        "/roster?site=\(fields["site"] ?? "")&month=\(fields["month"] ?? "")" + (fields["team"].map { $0.isEmpty ? "" : "&team=\($0)" } ?? "")
    }

    static func setCell(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        return try await FormFlow.submit(req, redirect: back(fields), action: {
            guard let agent = fields["agent"].flatMap(UUID.init(uuidString:)) else { throw DomainError.missingField("agent_id") }
            let kind = fields["kind"] ?? "template"
            let cell = RosterService.Cell(
                template_id: kind == "template" ? fields["template"].flatMap(UUID.init(uuidString:)) : nil,
                shift_start: kind == "shift" ? fields["shift_start"] : nil, shift_end: kind == "shift" ? fields["shift_end"] : nil,
                break_minutes: kind == "shift" ? fields["break_minutes"].flatMap { Int($0) } : nil,
                leave: kind == "leave" ? fields["leave"] : nil)
            if kind == "template", cell.template_id == nil { throw DomainError.missingField("shift_start") }
            _ = try await RosterService.set(agent: agent, date: fields["date"] ?? "", cell, by: req.caller, at: req.now, on: req.db)
        }, page: { try await rosterPage(req, error: $0, form: fields) })
    }

    static func addTemplate(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        return try await FormFlow.submit(req, redirect: back(fields), action: {
            guard let site = fields["site"].flatMap(UUID.init(uuidString:)) else { throw DomainError.missingField("site") }
            _ = try await RosterService.addTemplate(.init(site_id: site, name: fields["name"] ?? "", shift_start: fields["template_start"] ?? "",
                                                          shift_end: fields["template_end"] ?? "", break_minutes: fields["template_break"].flatMap { Int($0) }),
                                                    by: req.caller, at: req.now, on: req.db)
        }, page: { try await rosterPage(req, error: $0, form: fields) })
    }
}
