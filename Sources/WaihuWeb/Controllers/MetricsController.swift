import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The metric catalog and its figures for any slice: `GET /api/v1/metrics` (JSON or CSV),
/// `GET /api/v1/metrics/catalog`, and the page `/reports/metrics` (`/metrics` is Prometheus's).
enum MetricsController {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "metrics", permission: .viewMetrics, surface: .api, use: metrics)
        api.endpoint(.GET, "metrics", "catalog", permission: .viewMetrics, surface: .api, use: catalog)
        app.endpoint(.GET, "reports", "metrics", permission: .viewMetrics, surface: .page, use: MetricsPage.render)
        app.endpoint(.GET, "reports", "definitions", permission: .viewMetrics, surface: .page, use: MetricsPage.definitions)
        app.endpoint(.GET, "reports", "projects", ":code", permission: .viewMetrics, surface: .page, use: DashboardPages.project)
        app.endpoint(.GET, "reports", "agents", permission: .viewMetrics, surface: .page, use: DashboardPages.agents)
        app.endpoint(.GET, "reports", "planning", permission: .viewMetrics, surface: .page, use: PlanningPage.render)
        api.endpoint(.GET, "metrics", "best-hours", permission: .viewMetrics, surface: .api, use: bestHours)
        api.endpoint(.GET, "alerts", permission: .viewMetrics, surface: .api, use: alerts)
    }

    static func parameters(_ req: Request) -> MetricsService.Parameters {
        func text(_ name: String) -> String? { req.query[String.self, at: name].flatMap { $0.isEmpty ? nil : $0 } }
        return MetricsService.Parameters(project: text("project"), site: text("site"), team: text("team"), agent: text("agent"),
                                         from: text("from"), to: text("to"), by: text("by"), metrics: text("metrics"))
    }

    /// `format=csv` downloads the rows as CSV; JSON otherwise.
    static func metrics(_ req: Request) async throws -> Response {
        let result = try await MetricsService.compute(parameters(req), scope: try req.currentUser().scope, at: req.now, on: req.db)
        switch req.query[String.self, at: "format"] ?? "json" {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let response = Response(status: .ok, body: .init(data: try encoder.encode(result)))
            response.headers.contentType = .json
            return response
        case "csv":
            return Download.csv(MetricsExport.csv(result), named: "metrics")
        case "xlsx":
            let language = req.language
            let p = parameters(req)
            let agents = try await AgentQueries.agents(in: try req.currentUser().scope, on: req.db)
            let period = [p.from, p.to].compactMap { $0 }.joined(separator: " – ")
            let sheet = MetricsExport.sheet(result, title: language == .zh ? "指标" : "Metrics",
                                            period: (language == .zh ? "期间 " : "Period ") + (period.isEmpty ? (language == .zh ? "全部" : "all") : period)
                                                + [p.project, p.site, p.team, p.agent].compactMap { $0 }.map { " · \($0)" }.joined(),
                                            language: language, agentNames: Dictionary(agents.map { ($0.number, $0.name) }, uniquingKeysWith: { a, _ in a }))
            return Download.xlsx(try XLSXWriter.workbook(ReportTable(sheets: [sheet])), named: "metrics")
        case let other:
            throw DomainError.invalidField("format", zh: "格式须为 json、csv 或 xlsx，不是「\(other)」", en: "the format is json, csv or xlsx, not \"\(other)\"")
        }
    }

    /// `project` (required) and `weeks` (1–26, 4 by default).
    static func bestHours(_ req: Request) async throws -> BestHours {
        guard let code = req.query[String.self, at: "project"], !code.isEmpty else { throw DomainError.missingField("project") }
        let weeks = req.query[Int.self, at: "weeks"] ?? 4
        guard (1 ... 26).contains(weeks) else {
            throw DomainError.invalidField("weeks", zh: "周数须为 1–26", en: "weeks must be 1–26")
        }
        let hours = try await DashboardService.hours(project: code, days: weeks * 7, scope: try req.currentUser().scope, at: req.now, on: req.db)
        return BestHours(hours: hours)
    }

    struct Alerts: Content {
        var alerts: [FigureAlert]
    }

    /// The figures out of their usual range now, for the projects the caller may see: worked out before answering
    /// where the minute's are not kept yet (the wallboard's look does not wait for them).
    static func alerts(_ req: Request) async throws -> Alerts {
        let snapshot = try await WallboardService.snapshot(scope: try req.currentUser().scope, at: req.now,
                                                           busyAlertMinutes: Int(Wallboard.defaultBusyAlert / 60), recount: .inline, on: req.db)
        return Alerts(alerts: snapshot.figure_alerts)
    }

    struct Catalog: Content {
        var metrics: [MetricDefinition]
        var dimensions: [String]
    }

    static func catalog(_ req: Request) async throws -> Catalog {
        Catalog(metrics: MetricCatalog.all, dimensions: SliceDimension.allCases.map(\.rawValue))
    }
}

extension BestHours: Content {}
