import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// `/submissions` — what a site owes its client this month, what arrived when and how late, the upload form and the
/// client's ad-hoc requests; `/scorecard` — the site's 54-line monthly scorecard with every deduction, the
/// inspectors' finding form and the downloads.
enum ScorecardPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "submissions", permission: .signedIn, surface: .page, use: submissions)
        app.endpoint(.POST, "submissions", permission: .submitReports, surface: .page, body: .collect(maxSize: "10mb"), use: upload)
        app.endpoint(.POST, "submissions", "requests", permission: .requestReports, surface: .page, use: request)
        app.endpoint(.GET, "scorecard", permission: .viewScorecard, surface: .page, use: scorecard)
        app.endpoint(.POST, "scorecard", "findings", permission: .bookSiteFindings, surface: .page, use: finding)
        app.endpoint(.POST, "scorecard", "settings", permission: .manageScorecard, surface: .page, use: settings)
    }

    struct Item: Encodable {
        var kind: String, code: String, line: String, period: String, due: String, arrived: String, late: Int, status: String, statusName: String, file: String?, fileName: String
    }

    static func submissions(_ req: Request) async throws -> View { try await submissionsPage(req, error: nil, form: [:]) }

    static func submissionsPage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        struct Data: Encodable {
            var items: [Item]
            var sites: [AdminPages.Option]
            var site: String
            var month: String
            var kinds: [AdminPages.Option]
            var canSubmit: Bool
            var canRequest: Bool
            var form: [String: String]
        }
        let caller = req.caller
        let (sites, site) = try await RosterPages.sites(req, asked: form["site"] ?? req.query[String.self, at: "site"])
        let month = try await RosterPages.monthParameter(req, form)
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let inbox = try await SubmissionReads.inbox(site: site, month: month, caller: caller, at: req.now, on: req.db)
        let t = Strings.dictionary(req.language)
        let items = inbox.items.map { item in
            Item(kind: item.kind_name.text(req.language), code: item.kind, line: item.line, period: item.title.map { "\($0)" } ?? item.period,
                 due: deadline(item.due_at, zone: zone), arrived: item.submitted_at.map { LocalTime($0, in: zone).description } ?? "",
                 late: item.days_late, status: item.status, statusName: t["submission_status_\(item.status)"] ?? item.status,
                 file: item.submission_id?.uuidString, fileName: item.file_name ?? "")
        }
        var typed = form
        if typed["kind"] == nil { typed["kind"] = "daily_analysis" }
        let data = Data(items: items, sites: sites, site: site.uuidString, month: month,
                        kinds: SubmissionKind.allCases.map { AdminPages.Option(value: $0.rawValue, label: $0.name.text(req.language)) },
                        canSubmit: AccessPolicy.allows(caller.role, .submitReports), canRequest: AccessPolicy.allows(caller.role, .requestReports),
                        form: typed)
        return try await PageRenderer.render("submissions", titleKey: "submissions", data: data, error: error, for: req)
    }

    /// A deadline as people say it: "by the 3rd" ends at the 3rd's 24:00, not the 4th's 00:00.
    static func deadline(_ instant: Date, zone: TimeZone) -> String {
        let local = LocalTime(instant, in: zone)
        return local.second == 0 ? "\(local.date.addingDays(-1)) 24:00" : local.description
    }

    struct UploadForm: Content {
        var site: String
        var month: String?
        var kind: String
        var period: String
        var note: String?
        var file: File?
    }

    static func upload(_ req: Request) async throws -> Response {
        let form = try req.content.decode(UploadForm.self)
        let fields = ["site": form.site, "month": form.month ?? "", "kind": form.kind, "period": form.period, "note": form.note ?? ""]
        return try await FormFlow.submit(req, redirect: "/submissions?site=\(form.site)&month=\(form.month ?? "")", action: {
            guard let site = UUID(uuidString: form.site) else { throw DomainError.missingField("site") }
            guard let file = form.file, file.data.readableBytes > 0 else {
                throw DomainError(.badInput, code: "empty_file", zh: "请选择要上报的文件", en: "Choose the file to submit")
            }
            _ = try await SubmissionService.submit(site: site, .init(kind: form.kind, period: form.period, fileName: file.filename,
                                                                     contentType: file.contentType?.serialize() ?? "", body: Data(buffer: file.data),
                                                                     note: form.note ?? ""), by: req.caller, at: req.now, on: req.db)
        }, page: { try await submissionsPage(req, error: $0, form: fields) })
    }

    static func request(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        return try await FormFlow.submit(req, redirect: "/submissions?site=\(fields["site"] ?? "")&month=\(fields["month"] ?? "")", action: {
            guard let site = fields["site"].flatMap(UUID.init(uuidString:)) else { throw DomainError.missingField("site") }
            _ = try await SubmissionService.request(site: site, title: fields["title"] ?? "", by: req.caller, at: req.now, on: req.db)
        }, page: { try await submissionsPage(req, error: $0, form: fields) })
    }

    static func scorecard(_ req: Request) async throws -> Response {
        if req.query[String.self, at: "format"] != nil {
            let (_, site) = try await RosterPages.sites(req, asked: req.query[String.self, at: "site"])
            req.parameters.set("id", to: site.uuidString)
            return try await WorkforceController.scorecard(req)
        }
        return try await scorecardPage(req, error: nil, form: [:]).encodeResponse(for: req)
    }

    static func scorecardPage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        struct Line: Encodable {
            var line: String, rule: LocalizedText, sourceName: String, occurrences: Int, points: String
        }
        struct Data: Encodable {
            var card: ScorecardService.Card
            var lines: [Line]
            var sites: [AdminPages.Option]
            var site: String
            var month: String
            var manual: [AdminPages.Option]
            var canBook: Bool
            var canSet: Bool
            var settings: ScorecardSettings.View
            var graceMinutes: Int
            var form: [String: String]
        }
        let (sites, site) = try await RosterPages.sites(req, asked: form["site"] ?? req.query[String.self, at: "site"])
        let month = try await RosterPages.monthParameter(req, form)
        let settings = try await ScorecardSettings.view(site: site, caller: req.caller, on: req.db)
        let card = try await ScorecardService.card(site: site, month: month, caller: req.caller, at: req.now, on: req.db)
        let showAll = req.query[String.self, at: "all"] == "1"
        let manual = ScorecardLine.all.filter { $0.source == .finding }
            .map { AdminPages.Option(value: $0.id, label: "\($0.id) \($0.rule.zh.prefix(24))") }
        var typed = form
        if typed["date"] == nil { typed["date"] = try await SettlementController.today(req).description }
        let t = Strings.dictionary(req.language)
        let lines = (showAll ? card.lines : card.lines.filter { $0.occurrences > 0 }).map {
            Line(line: $0.line, rule: $0.rule, sourceName: t["scorecard_source_\($0.source)"] ?? $0.source, occurrences: $0.occurrences, points: $0.points)
        }
        let data = Data(card: card, lines: lines, sites: sites, site: site.uuidString,
                        month: month, manual: manual, canBook: AccessPolicy.allows(req.caller.role, .bookSiteFindings),
                        canSet: AccessPolicy.allows(req.caller.role, .manageScorecard), settings: settings,
                        graceMinutes: settings.late_grace_seconds / 60, form: typed)
        return try await PageRenderer.render("scorecard", titleKey: "scorecard", data: data, error: error, for: req)
    }

    static func settings(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        return try await FormFlow.submit(req, redirect: "/scorecard?site=\(fields["site"] ?? "")&month=\(fields["month"] ?? "")", action: {
            guard let site = fields["site"].flatMap(UUID.init(uuidString:)) else { throw DomainError.missingField("site") }
            guard let base = fields["base"].flatMap({ Int($0) }) else { throw DomainError.invalidField("base", zh: "须为整数", en: "expected a whole number") }
            guard let grace = fields["late_grace_minutes"].flatMap({ Int($0) }) else {
                throw DomainError.invalidField("late_grace_seconds", zh: "须为整数分钟", en: "expected whole minutes")
            }
            _ = try await ScorecardSettings.update(.init(base: base, late_grace_seconds: grace * 60, submissions_from: fields["submissions_from"]),
                                                   site: site, by: req.caller, at: req.now, on: req.db)
        }, page: { try await scorecardPage(req, error: $0, form: fields) })
    }

    static func finding(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        return try await FormFlow.submit(req, redirect: "/scorecard?site=\(fields["site"] ?? "")&month=\(fields["month"] ?? "")", action: {
            guard let site = fields["site"].flatMap(UUID.init(uuidString:)) else { throw DomainError.missingField("site") }
            _ = try await SiteFindingService.book(site: site, .init(line: fields["line"] ?? "", date: fields["date"] ?? "",
                                                                    quantity: fields["quantity"].flatMap { Int($0) }, note: fields["note"] ?? "",
                                                                    evidence: fields["evidence"]),
                                                  by: req.caller, at: req.now, on: req.db)
        }, page: { try await scorecardPage(req, error: $0, form: fields) })
    }
}
