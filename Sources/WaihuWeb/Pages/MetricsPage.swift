import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The page `/reports/metrics`: a slice chosen in a form, its figures in a table, the same as CSV.
enum MetricsPage {
    /// The figures shown when no group is chosen.
    static let keyFigures: [MetricID] = [
        .calls_made, .accounts_called, .connected_calls, .connect_rate, .completed_accounts, .successful_accounts, .hit_rate,
        .avg_talk_seconds, .logged_in_hours, .work_efficiency, .busy_rate, .idle_rate, .calls_per_hour,
    ]

    static let splits = ["", "day", "week", "month", "hour", "project", "project,day", "site", "team", "agent", "agent,day", "team,week"]

    struct Data: Encodable {
        var form: [String: String]
        var splits: [AdminPages.Option]
        var sections: [AdminPages.Option]
        /// Each column's name and, for a figure, its formula and unit (a tooltip).
        var headers: [AdminPages.Option]
        var rows: [[String]]
        var csv: String
        var xlsx: String
        /// What each filter may take, offered as the field's list (codes, names, agent numbers) within the scope.
        var picks: [String: [AdminPages.Option]]
    }

    /// The filters' lists: the projects by code, the sites and teams by name, the agents by number.
    static func picks(_ req: Request) async throws -> [String: [AdminPages.Option]] {
        let scope = try req.currentUser().scope
        let teams = try await OrganisationQueries.teams(in: scope, on: req.db)
        return [
            "project": try await ProjectQueries.projects(in: scope, on: req.db).map { .init(value: $0.project.code, label: $0.project.name) },
            "site": try await OrganisationQueries.sites(in: scope, on: req.db).map { .init(value: $0.name, label: $0.kind.name.text(req.language)) },
            "team": Array(Set(teams.map(\.name))).sorted().map { .init(value: $0, label: $0) },
            "agent": try await AgentQueries.agents(in: scope, on: req.db).map { .init(value: $0.number, label: $0.name) },
        ]
    }

    static func render(_ req: Request) async throws -> View {
        let language = req.language
        var p = MetricsController.parameters(req)
        if p.from == nil && p.to == nil {
            let zone = try await OrganisationQueries.timeZone(on: req.db)
            let today = LocalDate(req.now, in: zone)
            p.from = today.addingDays(-6).description
            p.to = today.description
        }
        let section = req.query[String.self, at: "section"].flatMap(MetricSection.init(rawValue:))
        if p.metrics == nil {
            p.metrics = (section.map { s in MetricCatalog.all.filter { $0.section == s }.map(\.id) } ?? keyFigures).map(\.rawValue).joined(separator: ",")
        }
        var data = Data(
            form: ["project": p.project ?? "", "site": p.site ?? "", "team": p.team ?? "", "agent": p.agent ?? "",
                   "from": p.from ?? "", "to": p.to ?? "", "by": p.by ?? "", "section": section?.rawValue ?? ""],
            splits: splits.map { split in
                .init(value: split, label: split.isEmpty ? Strings.text("metrics_split_none", language)
                        : split.split(separator: ",").map { Strings.text("split_" + $0, language) }.joined(separator: " × "))
            },
            sections: [.init(value: "", label: Strings.text("metrics_key", language))]
                + MetricSection.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language)) },
            headers: [], rows: [], csv: "", xlsx: "", picks: try await picks(req))
        var error: String?
        do {
            let result = try await MetricsService.compute(p, scope: try req.currentUser().scope, at: req.now, on: req.db)
            data.headers = result.dimensions.map { .init(value: "", label: Strings.text("split_" + $0.rawValue, language)) }
                + result.metrics.map { .init(value: $0.definition.explanation.text(language), label: $0.definition.label.text(language)) }
            data.rows = result.rows.map { row in
                row.labels.map { $0.1 == nil ? "—" : $0.0.display($0.1) } + row.values.map { id, value in figure(value, id, language) }
            }
            data.csv = "/api/v1/metrics?" + query(p) + "&format=csv"
            data.xlsx = "/api/v1/metrics?" + query(p) + "&format=xlsx"
        } catch let failure as DomainError {
            error = failure.message.text(language)
        }
        return try await PageRenderer.render("metrics", titleKey: "nav_metrics", data: data, error: error, for: req)
    }

    /// A figure as people read it: rates as percentages, hours and seconds to one decimal.
    static func display(_ value: Double, _ id: MetricID) -> String {
        switch id.definition.unit {
        case .rate: String(format: "%.2f%%", value * 100)
        case .count: String(format: "%.0f", value)
        case .amount: String(format: "%.2f", value)
        default: String(format: "%.2f", value)
        }
    }

    struct Definition: Encodable {
        var section: String
        var name: String
        var explanation: String
    }

    /// Every figure of the catalog with its formula and unit, by section (METRICS.md).
    static func definitions(_ req: Request) async throws -> View {
        let language = req.language
        let rows = MetricCatalog.all.map {
            Definition(section: $0.section.name.text(language), name: $0.label.text(language), explanation: $0.explanation.text(language))
        }
        return try await PageRenderer.render("definitions", titleKey: "metrics_definitions", data: rows, for: req)
    }

    /// A figure with its unit, as a person reads it alone: counts whole, rates as percentages, times with
    /// their unit; “—” when its denominator is zero.
    static func figure(_ value: Double?, _ id: MetricID, _ language: Language) -> String {
        guard let value else { return "—" }
        let zh = language == .zh
        return switch id.definition.unit {
        case .rate: String(format: "%.1f%%", value * 100)
        case .count: String(format: "%.0f", value)
        case .seconds: String(format: "%.0f", value) + (zh ? " 秒" : " s")
        case .hours: String(format: "%.1f", value) + (zh ? " 小时" : " h")
        case .per_hour: String(format: "%.2f", value) + (zh ? " /小时" : " /h")
        case .amount: "¥" + String(format: "%.2f", value)
        default: String(format: "%.2f", value)
        }
    }

    static func query(_ p: MetricsService.Parameters) -> String {
        let pairs: [(String, String?)] = [("project", p.project), ("site", p.site), ("team", p.team), ("agent", p.agent),
                                          ("from", p.from), ("to", p.to), ("by", p.by), ("metrics", p.metrics)]
        return pairs.compactMap { name, value in
            value.map { "\(name)=" + ($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? "") }
        }.joined(separator: "&")
    }
}
