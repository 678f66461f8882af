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

    static func inbox(_ req: Request) async throws -> SubmissionReads.Inbox {
        try await SubmissionReads.inbox(site: try siteID(req), month: try await month(req), caller: req.caller, at: req.now, on: req.db)
    }

    /// The file is the request's body; the kind, period, file name and note come in the query.
    static func submit(_ req: Request) async throws -> Response {
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        let upload = SubmissionService.Upload(kind: req.query[String.self, at: "kind"] ?? "", period: req.query[String.self, at: "period"] ?? "",
                                              fileName: req.query[String.self, at: "file_name"] ?? "", contentType: req.headers.contentType?.serialize() ?? "",
                                              body: body, note: req.query[String.self, at: "note"] ?? "")
        let saved = try await SubmissionService.submit(site: try siteID(req), upload, by: req.caller, at: req.now, on: req.db)
        let inbox = try await SubmissionReads.inbox(site: saved.siteID, month: String(saved.period.prefix(7)).count == 7 && saved.kind != "ad_hoc"
                                                        ? String(saved.period.prefix(7)) : try await month(req),
                                                    caller: req.caller, at: req.now, on: req.db)
        let item = inbox.items.first { $0.submission_id == saved.id }
        return try await Submitted(id: try saved.requireID(), kind: saved.kind, period: saved.period, due_at: saved.dueAt,
                                   submitted_at: saved.submittedAt, days_late: item?.days_late ?? 0).encodeResponse(status: .created, for: req)
    }

    struct Submitted: Content {
        var id: UUID
        var kind: String
        var period: String
        var due_at: Date
        var submitted_at: Date
        var days_late: Int
    }

    static func file(_ req: Request) async throws -> Response {
        let id = try SettlementController.id(req, "submission", LocalizedText(zh: "上报材料", en: "submission"))
        let row = try await SubmissionService.file(id, caller: req.caller, on: req.db)
        let response = Response(status: .ok, body: .init(data: row.body))
        response.headers.replaceOrAdd(name: .contentType, value: row.contentType)
        let encoded = row.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename*=UTF-8''\(encoded)")
        return response
    }

    struct RequestInput: Content {
        var title: String
    }

    static func request(_ req: Request) async throws -> Response {
        let saved = try await SubmissionService.request(site: try siteID(req), title: try req.content.decode(RequestInput.self).title,
                                                        by: req.caller, at: req.now, on: req.db)
        struct Requested: Content { var id: UUID, title: String, requested_at: Date, due_at: Date }
        return try await Requested(id: try saved.requireID(), title: saved.title, requested_at: saved.requestedAt,
                                   due_at: saved.requestedAt.addingTimeInterval(86_400)).encodeResponse(status: .created, for: req)
    }

    static func scorecard(_ req: Request) async throws -> Response {
        let card = try await ScorecardService.card(site: try siteID(req), month: try await month(req), caller: req.caller, at: req.now, on: req.db)
        let name = "scorecard-\(card.month)"
        switch req.query[String.self, at: "format"] {
        case nil, "json"?: return try await card.encodeResponse(for: req)
        case "csv"?: return Download.csv(ScorecardService.table(card).csv, named: name)
        case "xlsx"?: return Download.xlsx(try XLSXWriter.workbook(ScorecardService.table(card)), named: name)
        case let other?: throw DomainError.invalidField("format", zh: "格式须为 json、csv 或 xlsx，不是「\(other)」", en: "the format is json, csv or xlsx, not \"\(other)\"")
        }
    }

    static func finding(_ req: Request) async throws -> Response {
        let saved = try await SiteFindingService.book(site: try siteID(req), try req.content.decode(SiteFindingService.Input.self), by: req.caller, at: req.now, on: req.db)
        struct Booked: Content { var id: UUID, line: String, date: String, quantity: Int, note: String }
        return try await Booked(id: try saved.requireID(), line: saved.line, date: saved.date, quantity: saved.quantity, note: saved.note)
            .encodeResponse(status: .created, for: req)
    }

    static func team(_ req: Request) throws -> UUID? {
        try req.query[String.self, at: "team"].flatMap { $0.isEmpty ? nil : $0 }.map { text -> UUID in
            guard let id = UUID(uuidString: text) else { throw DomainError.invalidField("team", zh: "班组编号无效", en: "not a team id") }
            return id
        }
    }

    static func attendance(_ req: Request) async throws -> AttendanceReads.Day {
        let today = try await SettlementController.today(req).description
        let date = req.query[String.self, at: "date"].flatMap { $0.isEmpty ? nil : $0 } ?? today
        return try await AttendanceReads.day(site: try siteID(req), team: try team(req), date: date, caller: req.caller, at: req.now, on: req.db)
    }

    static func meetings(_ req: Request) async throws -> [MeetingService.View] {
        try await MeetingService.list(site: try siteID(req), month: try await month(req), caller: req.caller, on: req.db)
    }

    static func recordMeeting(_ req: Request) async throws -> Response {
        try await MeetingService.record(site: try siteID(req), try req.content.decode(MeetingService.Input.self), by: req.caller, at: req.now, on: req.db)
            .encodeResponse(status: .created, for: req)
    }

    static func turnover(_ req: Request) async throws -> AttendanceReads.Turnover {
        try await AttendanceReads.turnover(site: try siteID(req), month: try await month(req), caller: req.caller, at: req.now, on: req.db)
    }

    /// The period: from and to, this month so far when left out.
    static func period(_ req: Request) async throws -> (String, String) {
        let today = try await SettlementController.today(req)
        return (req.query[String.self, at: "from"].flatMap { $0.isEmpty ? nil : $0 } ?? today.firstOfMonth.description,
                req.query[String.self, at: "to"].flatMap { $0.isEmpty ? nil : $0 } ?? today.description)
    }

    static func ranking(_ req: Request) async throws -> RankingService.Board {
        let (from, to) = try await period(req)
        return try await RankingService.board(project: req.parameters.get("id") ?? "", from: from, to: to, weights: req.query[String.self, at: "weights"],
                                              caller: req.caller, at: req.now, on: req.db)
    }

    struct RewardInput: Content {
        var from: String
        var to: String
        var weights: String?
        var top: Int?
        var share: Double?
        var amount: Double
    }

    static func rewardRanking(_ req: Request) async throws -> Response {
        let input = try req.content.decode(RewardInput.self)
        let rows = try await RankingService.reward(.init(project: req.parameters.get("id") ?? "", from: input.from, to: input.to, weights: input.weights,
                                                         top: input.top, share: input.share, amount: input.amount),
                                                   by: req.caller, at: req.now, on: req.db)
        return try await rows.encodeResponse(status: .created, for: req)
    }

    static func settings(_ req: Request) async throws -> ScorecardSettings.View {
        try await ScorecardSettings.view(site: try siteID(req), caller: req.caller, on: req.db)
    }

    static func updateSettings(_ req: Request) async throws -> ScorecardSettings.View {
        try await ScorecardSettings.update(try req.content.decode(ScorecardSettings.View.self), site: try siteID(req), by: req.caller, at: req.now, on: req.db)
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
        return try Staffing.erlang(StaffingRequest(
            calls: try required("calls"), intervalMinutes: try number("interval_minutes") ?? 30, ahtSeconds: try required("aht"),
            targetServiceLevel: try number("target_sl") ?? 0.8, withinSeconds: try number("within") ?? 20, maxOccupancy: try number("max_occupancy"),
            shrinkage: try number("shrinkage") ?? 0, patienceSeconds: try number("patience"), agents: try number("agents").map { Int($0) }))
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
