import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The audit log as people read it: named actions and objects, local times, a hundred lines a page,
/// and the filtered log to download as XLSX or CSV (the download is itself audited).
enum AuditPage {
    static let perPage = 100
    /// The most lines one download holds; narrow the filter for more.
    static let exportLimit = 100_000

    static func register(_ app: Application) {
        app.endpoint(.GET, "audit", permission: .viewAudit, surface: .page, use: page)
        app.endpoint(.GET, "audit", "export", permission: .viewAudit, surface: .page, use: export)
    }

    struct Row: Encodable {
        var at: String
        var actor: String
        var action: String
        var actionCode: String
        var target: String
        var targetID: String
        var detail: String
        var ip: String

        init(_ entry: AuditEntryModel, zone: TimeZone, language: Language) {
            let time = LocalTime(entry.at, in: zone)
            let second = time.second % 60
            at = time.description + (second < 10 ? ":0" : ":") + "\(second)"
            actor = Caller.displayName(entry.actorName, language)
            action = AuditVocabulary.action(entry.action).text(language)
            actionCode = entry.action
            target = AuditVocabulary.target(entry.targetType).text(language)
            targetID = entry.targetID ?? ""
            detail = entry.detail
            ip = entry.ip ?? ""
        }
    }

    struct Data: Encodable {
        var entries: [Row]
        var actor: String
        var action: String
        var from: String
        var to: String
        var page: Int
        var previous: String?
        var next: String?
        var query: String
    }

    static func page(_ req: Request) async throws -> View {
        var filter = try AuditController.filter(req)
        let window = try PageWindow(page: req.query[Int.self, at: "page"], perPage: perPage, defaultPerPage: perPage, maxPerPage: perPage)
        filter.limit = perPage + 1
        filter.offset = window.offset
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let found = try await AuditLog.entries(filter, on: req.db)
        let query = filterQuery(req)
        let link = { (page: Int) in "/audit?page=\(page)" + (query.isEmpty ? "" : "&" + query) }
        let data = Data(entries: found.prefix(perPage).map { Row($0, zone: zone, language: req.language) },
                        actor: filter.actor ?? "", action: filter.action ?? "",
                        from: req.query[String.self, at: "from"] ?? "", to: req.query[String.self, at: "to"] ?? "",
                        page: window.page, previous: window.page > 1 ? link(window.page - 1) : nil,
                        next: found.count > perPage ? link(window.page + 1) : nil, query: query)
        return try await PageRenderer.render("audit", titleKey: "nav_audit", data: data, for: req)
    }

    /// The page's filters as a query string, for its links.
    static func filterQuery(_ req: Request) -> String { FormFlow.query(req, ["actor", "action", "target_type", "from", "to"]) }

    static func export(_ req: Request) async throws -> Response {
        var filter = try AuditController.filter(req)
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let language = req.language
        var rows: [Row] = []
        filter.limit = 1000
        while rows.count < exportLimit {
            filter.offset = rows.count
            let batch = try await AuditLog.entries(filter, on: req.db)
            rows += batch.map { Row($0, zone: zone, language: language) }
            if batch.count < filter.limit { break }
        }
        let t = Strings.dictionary(language)
        let header = ["at", "actor", "action", "action_code", "target_object", "target_id", "detail"].map { t[$0] ?? $0 } + ["IP"]
        let lines = rows.map { [$0.at, $0.actor, $0.action, $0.actionCode, $0.target, $0.targetID, $0.detail, $0.ip] }
        try await req.audit("export.audit", targetType: "audit", detail: "lines=\(lines.count) \(filterQuery(req))")
        let name = "audit-\(LocalTime(req.now, in: zone).date)"
        if req.query[String.self, at: "format"] == "csv" {
            return Download.csv(([header] + lines).map { CSVLine.make($0) }.joined(separator: "\n") + "\n", named: name)
        }
        let sheet = ReportTable.Sheet(name: t["nav_audit"] ?? "audit", rows: ([header] + lines).map { $0.map { .text($0) } })
        return Download.xlsx(try XLSXWriter.workbook(ReportTable(sheets: [sheet])), named: name)
    }
}
