import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The pages of the kept reports: the list, and one report as tables with its downloads.
enum ReportPages {
    struct ListItem: Encodable {
        var href: String
        var kind: String
        var period: String
        var generated: String
    }

    static func list(_ req: Request) async throws -> View {
        let language = req.language
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let items = try await ReportQueries.list(on: req.db).map { entry in
            ListItem(href: "/reports/\(entry.id)", kind: entry.kind.name.text(language), period: entry.kind.label(entry.period),
                     generated: LocalTime(entry.generatedAt, in: zone).description)
        }
        return try await PageRenderer.render("reports", titleKey: "nav_reports", data: items, for: req)
    }

    struct Cell: Encodable {
        var value: String
        var change: String
        var trend: String
    }

    struct Row: Encodable {
        var name: String
        var cells: [Cell]
        var target: String
    }

    struct Section: Encodable {
        var title: String
        var projects: Bool
        var rows: [Row]
    }

    struct ReportData: Encodable {
        var title: String
        var figures: [String]
        var sections: [Section]
        var xlsx: String
        var csv: String
    }

    static func show(_ req: Request) async throws -> View {
        let language = req.language
        let report = try await ReportsController.find(req)
        let id = req.parameters.get("id") ?? ""
        let titles: [SliceDimension: String] = [.project: "split_project", .team: "split_team", .agent: "split_agent"]
        let sections = report.sections.map { section in
            Section(title: Strings.text(titles[section.dimension] ?? "", language), projects: section.dimension == .project,
                    rows: section.rows.map { row in
                        Row(name: row.name, cells: zip(report.figures, zip(row.values, row.previous)).map { id, pair in
                            cell(id, now: pair.0, before: pair.1)
                        }, target: row.target_progress.map { MetricsPage.display($0, .target_progress) } ?? "—")
                    })
        }
        let data = ReportData(title: "\(report.kind.name.text(language)) \(report.period)",
                              figures: report.figures.map { $0.definition.label.text(language) }, sections: sections,
                              xlsx: "/reports/\(id)/download?format=xlsx&lang=\(language.rawValue)",
                              csv: "/reports/\(id)/download?format=csv&lang=\(language.rawValue)")
        return try await PageRenderer.render("report", titleKey: "nav_reports", data: data, for: req)
    }

    /// A figure with its change against the period before: ▲ up, ▼ down.
    static func cell(_ id: MetricID, now: Double?, before: Double?) -> Cell {
        guard let now else { return Cell(value: "—", change: "", trend: "") }
        guard let before else { return Cell(value: MetricsPage.display(now, id), change: "", trend: "") }
        let delta = now - before
        let shown = id.definition.unit == .rate ? String(format: "%+.2f pp", delta * 100) : String(format: "%+.2f", delta)
        return Cell(value: MetricsPage.display(now, id), change: abs(delta) < 1e-12 ? "" : shown, trend: delta > 1e-12 ? "up" : delta < -1e-12 ? "down" : "")
    }
}
