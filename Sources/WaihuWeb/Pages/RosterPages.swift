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
        let teams = try await OrganisationQueries.teams(in: req.caller.scope, on: req.db).filter { $0.siteID == site }
            .compactMap { team in team.id.map { AdminPages.Option(value: $0.uuidString, label: team.name) } }
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

    static func attendance(_ req: Request) async throws -> View { try await attendancePage(req, error: nil, form: [:]) }

    static func recordMeeting(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        let back = "/attendance?site=\(fields["site"] ?? "")&date=\(fields["date"] ?? "")"
        return try await FormFlow.submit(req, redirect: back, action: {
            guard let site = fields["site"].flatMap(UUID.init(uuidString:)) else { throw DomainError.missingField("site") }
            guard let team = fields["team"].flatMap(UUID.init(uuidString:)) else { throw DomainError.missingField("team") }
            _ = try await MeetingService.record(site: site, .init(team_id: team, kind: fields["kind"] ?? "", date: fields["date"] ?? "",
                                                                  started_at: fields["started_at"] ?? "", leader: fields["leader"] ?? "",
                                                                  leader_late: fields["leader_late"] == "on", note: fields["note"]),
                                                by: req.caller, at: req.now, on: req.db)
        }, page: { try await attendancePage(req, error: $0, form: fields) })
    }

    static func attendancePage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        struct Shown: Encodable {
            var number: String, name: String, team: String, roster: String, firstLogin: String, lastLogout: String, late: String, absent: Bool,
                early: String, loggedIn: String, adherence: String, conformance: String
        }
        struct Data: Encodable {
            var rows: [Shown]
            var day: AttendanceReads.Day
            var turnover: AttendanceReads.Turnover
            var rate: String
            var sites: [AdminPages.Option]
            var site: String
            var teams: [AdminPages.Option]
            var team: String
            var date: String
            var meetings: [MeetingService.View]
            var kinds: [AdminPages.Option]
            var canEdit: Bool
            var form: [String: String]
        }
        let (sites, site) = try await sites(req, asked: form["site"] ?? req.query[String.self, at: "site"])
        let today = try await SettlementController.today(req)
        let date = (form["date"] ?? req.query[String.self, at: "date"]).flatMap { $0.isEmpty ? nil : $0 } ?? today.description
        let team = req.query[String.self, at: "team"].flatMap(UUID.init(uuidString:))
        let day = try await AttendanceReads.day(site: site, team: team, date: date, caller: req.caller, at: req.now, on: req.db)
        let turnover = try await AttendanceReads.turnover(site: site, month: String(date.prefix(7)), caller: req.caller, at: req.now, on: req.db)
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        func clock(_ instant: Date?) -> String { instant.map { ClockTime(minute: LocalTime($0, in: zone).minute)?.description ?? "" } ?? "" }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "" }
        let rows = day.rows.map { row in
            Shown(number: row.number, name: row.name, team: row.team ?? "", roster: row.roster.text(req.language), firstLogin: clock(row.first_login),
                  lastLogout: clock(row.last_logout), late: row.late_minutes.map { "\($0)" } ?? "", absent: row.absent,
                  early: row.early_leave_minutes.map { "\($0)" } ?? "", loggedIn: String(format: "%.1f", Double(row.logged_in_minutes) / 60),
                  adherence: percent(row.adherence), conformance: percent(row.conformance))
        }
        let teams = try await OrganisationQueries.teams(in: req.caller.scope, on: req.db).filter { $0.siteID == site }
            .compactMap { team in team.id.map { AdminPages.Option(value: $0.uuidString, label: team.name) } }
        var typed = form
        if typed["started_at"] == nil { typed["started_at"] = "08:45" }
        let data = Data(rows: rows, day: day, turnover: turnover, rate: percent(turnover.year_to_date_rate), sites: sites, site: site.uuidString,
                        teams: teams, team: team?.uuidString ?? "", date: date,
                        meetings: try await MeetingService.list(site: site, month: String(date.prefix(7)), caller: req.caller, on: req.db),
                        kinds: MeetingKind.allCases.map { AdminPages.Option(value: $0.rawValue, label: $0.name.text(req.language)) },
                        canEdit: AccessPolicy.allows(req.caller.role, .editRoster), form: typed)
        return try await PageRenderer.render("attendance", titleKey: "attendance", data: data, error: error, for: req)
    }

    static func ranking(_ req: Request) async throws -> View { try await rankingPage(req, error: nil, form: [:]) }

    static func rankingPage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        struct Shown: Encodable {
            var rank: Int, agent: String, name: String, score: String, successes: String, rate: String, utilisation: String, satisfaction: String
        }
        struct Data: Encodable {
            var rows: [Shown]
            var projects: [AdminPages.Option]
            var project: String
            var from: String
            var to: String
            var weights: String
            var canReward: Bool
            var form: [String: String]
        }
        let projects = try await ProjectQueries.projects(in: req.caller.scope, on: req.db).map { AdminPages.Option(value: $0.project.code, label: "\($0.project.code) \($0.project.name)") }
        let query = { (name: String) in form[name] ?? req.query[String.self, at: name] }
        let project = query("project").flatMap { $0.isEmpty ? nil : $0 } ?? projects.first?.value ?? ""
        let (defaultFrom, defaultTo) = try await WorkforceController.period(req)
        let from = query("from").flatMap { $0.isEmpty ? nil : $0 } ?? defaultFrom, to = query("to").flatMap { $0.isEmpty ? nil : $0 } ?? defaultTo
        let weights = query("weights") ?? ""
        var rows: [Shown] = []
        var failure = error
        if !project.isEmpty {
            do {
                let board = try await RankingService.board(project: project, from: from, to: to, weights: weights, caller: req.caller, at: req.now, on: req.db)
                func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "" }
                rows = board.entries.map {
                    Shown(rank: $0.rank, agent: $0.agent, name: $0.name, score: String(format: "%.1f", $0.score),
                          successes: $0.success_count.map { String(format: "%.0f", $0) } ?? "", rate: percent($0.success_rate),
                          utilisation: percent($0.utilisation), satisfaction: percent($0.satisfaction))
                }
            } catch let refusal as DomainError {
                failure = failure ?? refusal.message.text(req.language)
            }
        }
        var typed = form
        if typed["top"] == nil { typed["top"] = "3" }
        let data = Data(rows: rows, projects: projects, project: project, from: from, to: to, weights: weights,
                        canReward: AccessPolicy.allows(req.caller.role, .bookPenalties), form: typed)
        return try await PageRenderer.render("ranking", titleKey: "ranking", data: data, error: failure, for: req)
    }

    static func reward(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        let back = "/ranking?project=\(fields["project"] ?? "")&from=\(fields["from"] ?? "")&to=\(fields["to"] ?? "")"
        return try await FormFlow.submit(req, redirect: back, action: {
            guard let amount = fields["amount"].flatMap({ Double($0) }) else { throw DomainError.missingField("amount") }
            _ = try await RankingService.reward(.init(project: fields["project"] ?? "", from: fields["from"] ?? "", to: fields["to"] ?? "",
                                                      weights: fields["weights"], top: fields["top"].flatMap { Int($0) }, amount: amount),
                                                by: req.caller, at: req.now, on: req.db)
        }, page: { try await rankingPage(req, error: $0, form: fields) })
    }

    static func staffing(_ req: Request) async throws -> View {
        struct Data: Encodable {
            var form: [String: String]
            var result: Shown?
        }
        struct Shown: Encodable {
            var model: String, load: String, agents: Int, scheduled: Int, wait: String, level: String, asa: String, occupancy: String, abandon: String?
        }
        var form = ["calls": "", "interval_minutes": "30", "aht": "", "target_sl": "0.8", "within": "20", "max_occupancy": "", "shrinkage": "0.3",
                    "patience": "", "agents": ""]
        for key in form.keys { if let value = req.query[String.self, at: key] { form[key] = value } }
        var shown: Shown?
        var error: String?
        if !(form["calls"] ?? "").isEmpty {
            do {
                let r = try WorkforceController.erlang(req)
                func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
                shown = Shown(model: r.model == "erlang_a" ? "Erlang A" : "Erlang C", load: String(format: "%.2f", r.offeredLoad), agents: r.agents,
                              scheduled: r.scheduled, wait: percent(r.waitProbability), level: percent(r.serviceLevel),
                              asa: String(format: "%.1f", r.asaSeconds), occupancy: percent(r.occupancy), abandon: r.abandonProbability.map(percent))
            } catch let refusal as DomainError {
                error = refusal.message.text(req.language)
            }
        }
        return try await PageRenderer.render("staffing", titleKey: "staffing", data: Data(form: form, result: shown), error: error, for: req)
    }
}
