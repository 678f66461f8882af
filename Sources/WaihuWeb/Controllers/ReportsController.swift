import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The kept reports (日报、月报): listed, read as JSON or a page, downloaded as CSV or XLSX.
enum ReportsController {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "reports", permission: .viewMetrics, surface: .api, use: list)
        api.endpoint(.GET, "reports", ":id", permission: .viewMetrics, surface: .api, use: show)
        app.endpoint(.GET, "reports", permission: .viewMetrics, surface: .page, use: ReportPages.list)
        app.endpoint(.GET, "reports", ":id", permission: .viewMetrics, surface: .page, use: ReportPages.show)
        app.endpoint(.GET, "reports", ":id", "download", permission: .viewMetrics, surface: .page, use: download)
    }

    struct Entry: Content {
        var id: UUID
        var kind: ReportKind
        var period: String
        var generated_at: Date
    }

    static func list(_ req: Request) async throws -> [Entry] {
        try await ReportQueries.list(on: req.db).map { Entry(id: $0.id, kind: $0.kind, period: $0.kind.label($0.period), generated_at: $0.generatedAt) }
    }

    /// The kept report, as the caller may see it: whole for the organisation's view; for a narrower
    /// scope (a vendor, a supervisor, an agent) computed again from the work of the agents the scope
    /// holds, as `/api/v1/metrics` answers them.
    static func find(_ req: Request) async throws -> OperationsReport {
        guard let id = req.parameters.get("id", as: UUID.self), let report = try await ReportQueries.report(id, on: req.db) else {
            throw DomainError.notFound(LocalizedText(zh: "报表", en: "report"))
        }
        let scope = try req.currentUser().scope
        guard scope != .organisation else { return report }
        let visible = Set(try await AgentQueries.agents(in: scope, on: req.db).map(\.number))
        return try await ReportService.generate(report.kind, first: report.first_day, at: report.generated_at,
                                                agents: visible, on: req.db)
    }

    /// JSON, or with `format=csv|xlsx` a download (labels in `lang`, zh by default).
    static func show(_ req: Request) async throws -> Response {
        let report = try await find(req)
        guard req.query[String.self, at: "format"] != nil else {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            let response = Response(status: .ok, body: .init(data: try encoder.encode(report)))
            response.headers.contentType = .json
            return response
        }
        return try file(report, req)
    }

    static func download(_ req: Request) async throws -> Response {
        try file(try await find(req), req)
    }

    static func file(_ report: OperationsReport, _ req: Request) throws -> Response {
        let language = req.query[String.self, at: "lang"].flatMap(Language.init(rawValue:)) ?? req.language
        let table = ReportTable(report, language: language)
        let name = "waihu-\(report.kind.rawValue)-\(report.period)"
        switch req.query[String.self, at: "format"] ?? "xlsx" {
        case "csv":
            return Download.csv(table.csv, named: name)
        case "xlsx":
            return Download.xlsx(try XLSXWriter.workbook(table), named: name)
        case let other:
            throw DomainError.invalidField("format", zh: "格式须为 csv 或 xlsx，不是「\(other)」", en: "the format is csv or xlsx, not \"\(other)\"")
        }
    }
}
