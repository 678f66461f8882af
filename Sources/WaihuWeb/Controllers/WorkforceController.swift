import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Rosters, submissions, the site scorecard and staffing over HTTP (issue 19).
enum WorkforceController {
    static func register(_ app: Application) {
        let sites = app.grouped("api", "v1", "sites", ":id")
        sites.endpoint(.GET, "roster", permission: .viewRoster, surface: .api, use: rosterOrFile)
        sites.endpoint(.POST, "roster", "import", permission: .editRoster, surface: .api, body: .collect(maxSize: "10mb"), use: importRoster)
        sites.endpoint(.GET, "shift-templates", permission: .viewRoster, surface: .api, use: templates)
        sites.endpoint(.POST, "shift-templates", permission: .editRoster, surface: .api, use: addTemplate)
        sites.endpoint(.GET, "submissions", permission: .signedIn, surface: .api, use: inbox)
        sites.endpoint(.POST, "submissions", permission: .submitReports, surface: .api, body: .collect(maxSize: "10mb"), use: submit)
        sites.endpoint(.POST, "submission-requests", permission: .requestReports, surface: .api, use: request)
        sites.endpoint(.GET, "scorecard", permission: .viewScorecard, surface: .api, use: scorecard)
        sites.endpoint(.POST, "findings", permission: .bookSiteFindings, surface: .api, use: finding)
        app.grouped("api", "v1", "agents", ":agent").endpoint(.PUT, "roster", ":date", permission: .editRoster, surface: .api, use: setCell)
        app.grouped("api", "v1", "submissions", ":submission").endpoint(.GET, "file", permission: .signedIn, surface: .api, use: file)
        app.grouped("api", "v1", "staffing").endpoint(.GET, "erlang", permission: .viewMetrics, surface: .api, use: erlang)
        sites.endpoint(.GET, "attendance", permission: .viewRoster, surface: .api, use: attendance)
        sites.endpoint(.GET, "meetings", permission: .viewRoster, surface: .api, use: meetings)
        sites.endpoint(.POST, "meetings", permission: .editRoster, surface: .api, use: recordMeeting)
        let projects = app.grouped("api", "v1", "projects", ":id")
        projects.endpoint(.GET, "ranking", permission: .viewRoster, surface: .api, use: ranking)
        projects.endpoint(.POST, "ranking", "rewards", permission: .bookPenalties, surface: .api, use: rewardRanking)
        sites.endpoint(.GET, "turnover", permission: .viewRoster, surface: .api, use: turnover)
        sites.endpoint(.GET, "scorecard-settings", permission: .viewScorecard, surface: .api, use: settings)
        sites.endpoint(.PUT, "scorecard-settings", permission: .manageScorecard, surface: .api, use: updateSettings)
        registerTraining(app, sites: sites)
    }

    static func siteID(_ req: Request) throws -> UUID { try SettlementController.id(req, "id", LocalizedText(zh: "职场", en: "site")) }

    static func month(_ req: Request) async throws -> String {
        if let month = req.query[String.self, at: "month"], !month.isEmpty { return month }
        return String(try await SettlementController.today(req).description.prefix(7))
    }

    static func roster(_ req: Request) async throws -> RosterReads.Grid {
        try await RosterReads.grid(site: try siteID(req), team: try team(req), month: try await month(req), caller: req.caller, on: req.db)
    }

    static func rosterOrFile(_ req: Request) async throws -> Response {
        let grid = try await roster(req)
        switch req.query[String.self, at: "format"] {
        case nil, "json"?: return try await grid.encodeResponse(for: req)
        case let format?:
            let site = try await SiteService.visible(grid.site_id, caller: req.caller, on: req.db)
            let table = RosterReads.table(grid, site: site.name)
            let name = "roster-\(grid.month)"
            switch format {
            case "csv": return Download.csv(table.csv, named: name)
            case "xlsx": return Download.xlsx(try XLSXWriter.workbook(table), named: name)
            default: throw DomainError.invalidField("format", zh: "格式须为 json、csv 或 xlsx，不是「\(format)」", en: "the format is json, csv or xlsx, not \"\(format)\"")
            }
        }
    }

    struct Imported: Content {
        var cells: Int
    }

    /// The body is the workbook or CSV; the month comes in the query.
    static func importRoster(_ req: Request) async throws -> Imported {
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        let records = try RosterService.records(from: body)
        return Imported(cells: try await RosterService.importGrid(site: try siteID(req), month: try await month(req), records: records,
                                                                  by: req.caller, at: req.now, on: req.db))
    }

    static func templates(_ req: Request) async throws -> [RosterReads.TemplateView] {
        try await RosterReads.grid(site: try siteID(req), team: nil, month: try await month(req), caller: req.caller, on: req.db).templates
    }

    struct TemplateInput: Content {
        var name: String
        var shift_start: String
        var shift_end: String
        var break_minutes: Int?
    }

    static func addTemplate(_ req: Request) async throws -> Response {
        let input = try req.content.decode(TemplateInput.self)
        let saved = try await RosterService.addTemplate(.init(site_id: try siteID(req), name: input.name, shift_start: input.shift_start,
                                                              shift_end: input.shift_end, break_minutes: input.break_minutes),
                                                        by: req.caller, at: req.now, on: req.db)
        return try await RosterReads.view(saved).encodeResponse(status: .created, for: req)
    }

    struct CellResult: Content {
        var agent_id: UUID
        var date: String
        var label: LocalizedText
        var scheduled_seconds: Int
    }

    static func setCell(_ req: Request) async throws -> CellResult {
        let agent = try SettlementController.id(req, "agent", LocalizedText(zh: "坐席", en: "agent"))
        let date = req.parameters.get("date") ?? ""
        let day = try await RosterService.set(agent: agent, date: date, try req.content.decode(RosterService.Cell.self), by: req.caller, at: req.now, on: req.db)
        return CellResult(agent_id: agent, date: date, label: RosterService.describe(day), scheduled_seconds: day.scheduledSeconds)
    }

    static func erlang(_ req: Request) throws -> StaffingResult {
        func number(_ name: String) throws -> Double? {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
            guard let value = Double(text) else { throw DomainError.invalidField(name, zh: "须为数字", en: "expected a number") }
            return value
        }
        func required(_ name: String) throws -> Double {
            guard let value = try number(name) else { throw DomainError.missingField(name) }
            return value
        }
        let agents = try number("agents").map { value -> Int in
            guard let whole = Int(exactly: value.rounded()), value == value.rounded(), (1 ... 20_000).contains(whole) else {
                throw DomainError.invalidField("agents", zh: "坐席数须为 1–20000 的整数", en: "the agents are a whole number 1–20,000")
            }
            return whole
        }
        return try Staffing.erlang(StaffingRequest(
            calls: try required("calls"), intervalMinutes: try number("interval_minutes") ?? 30, ahtSeconds: try required("aht"),
            targetServiceLevel: try number("target_sl") ?? 0.8, withinSeconds: try number("within") ?? 20, maxOccupancy: try number("max_occupancy"),
            shrinkage: try number("shrinkage") ?? 0, patienceSeconds: try number("patience"), agents: agents))
    }
}
extension StaffingResult: Content {}
extension ScorecardSettings.View: Content {}
extension AttendanceReads.Day: Content {}
extension MeetingService.View: Content {}
extension RankingService.Board: Content {}
extension RankingService.Row: Content {}
extension AttendanceReads.Turnover: Content {}
extension RosterReads.Grid: Content {}
extension RosterReads.TemplateView: Content {}
extension SubmissionReads.Inbox: Content {}
extension ScorecardService.Card: Content {}
