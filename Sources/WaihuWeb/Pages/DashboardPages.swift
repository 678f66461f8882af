import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The dashboards: a project's funnel, connect rate by hour, daily trend and best hours; a team's
/// agents in the combined views of METRICS.md §8. Charts are SVG drawn here.
enum DashboardPages {
    struct HourCell: Encodable {
        var rate: String
        /// Its background on the heat scale.
        var style: String
    }

    /// A continuous colour scale from the lowest rate shown (pale) to the highest (deep blue).
    struct HeatScale {
        var low: Double
        var high: Double

        func style(_ rate: Double) -> String {
            let share = high > low ? (rate - low) / (high - low) : 1
            let lightness = 94 - 56 * min(max(share, 0), 1)
            return "background: hsl(210, 70%, \(Int(lightness))%)" + (lightness < 60 ? "; color: #fff" : "")
        }
    }

    struct GridRow: Encodable {
        var weekday: String
        var cells: [HourCell]
    }

    struct ProjectData: Encodable {
        var code: String
        var from: String
        var to: String
        var hourFrom: String
        var ranged: Bool
        var funnel: String
        var hourly: String
        var calls: String
        var connect: String
        var hours: [Int]
        var grid: [GridRow]
        var suggested: String
        var overall: String
        var scaleLow: String
        var scaleHigh: String
        var scaleLowStyle: String
        var scaleHighStyle: String
    }

    static func project(_ req: Request) async throws -> View {
        let language = req.language
        let code = req.parameters.get("code") ?? ""
        guard try await ProjectQueries.project(code, in: try req.currentUser().scope, on: req.db) != nil else {
            throw DomainError.notFound(LocalizedText(zh: "项目 \(code)", en: "project \(code)"))
        }
        var refusal: String?
        var days: ClosedRange<LocalDate>?
        do {
            days = try range(req)
        } catch {
            refusal = error.message.text(language)
        }
        let board = try await DashboardService.project(code, days: days, scope: try req.currentUser().scope, at: req.now, on: req.db)
        let percent = { (v: Double) in String(format: "%.1f%%", v * 100) }
        let weekdays = language == .zh ? ["一", "二", "三", "四", "五", "六", "日"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let cells = Dictionary(board.bestHours.cells.map { ($0.weekday * 24 + $0.hour, $0) }, uniquingKeysWith: { a, _ in a })
        let shown = board.bestHours.cells.filter { $0.calls >= board.bestHours.minimum_calls }.compactMap(\.connect_rate)
        let scale = HeatScale(low: shown.min() ?? 0, high: shown.max() ?? 1)
        let grid = (1 ... 7).map { weekday in
            GridRow(weekday: weekdays[weekday - 1], cells: (0 ..< 24).map { hour -> HourCell in
                guard let cell = cells[weekday * 24 + hour], let rate = cell.connect_rate, cell.calls >= board.bestHours.minimum_calls else {
                    return HourCell(rate: "", style: "")
                }
                return HourCell(rate: String(format: "%.0f", rate * 100), style: scale.style(rate))
            })
        }
        let data = ProjectData(
            code: code, from: board.from.description, to: board.to.description,
            hourFrom: (days?.lowerBound ?? board.to.addingDays(-27)).description, ranged: days != nil,
            funnel: SVGChart.funnel(board.funnel.map { ($0.id.definition.label.text(language), $0.value) }),
            hourly: SVGChart.bars(board.hourly.map { (String($0.hour), $0.rate) }),
            calls: SVGChart.line(board.trend.map { (String($0.day.suffix(5)), $0.calls) }, format: { String(format: "%.0f", $0) },
                                 partialLast: board.running, partialLabel: Strings.text("dash_today_running", language)),
            connect: SVGChart.line(board.trend.map { (String($0.day.suffix(5)), $0.connectRate) }, format: percent,
                                   partialLast: board.running, partialLabel: Strings.text("dash_today_running", language)),
            hours: Array(0 ..< 24), grid: grid,
            suggested: board.bestHours.suggested_hours.map { $0 < 10 ? "0\($0):00" : "\($0):00" }.joined(separator: "、"),
            overall: board.bestHours.overall_connect_rate.map(percent) ?? "—",
            scaleLow: percent(scale.low), scaleHigh: percent(scale.high), scaleLowStyle: scale.style(scale.low), scaleHighStyle: scale.style(scale.high))
        return try await PageRenderer.render("dashboard", titleKey: "dash_project_title", data: data, error: refusal, for: req)
    }

    /// The days asked for (`from`, `to`; one alone is a single day), at most 366; nil without either.
    static func range(_ req: Request) throws(DomainError) -> ClosedRange<LocalDate>? {
        let from = req.query[String.self, at: "from"].flatMap { $0.isEmpty ? nil : $0 }
        let to = req.query[String.self, at: "to"].flatMap { $0.isEmpty ? nil : $0 }
        guard from != nil || to != nil else { return nil }
        let bad = DomainError(.badInput, code: "invalid_range", zh: Strings.text("dash_range_bad", .zh), en: Strings.text("dash_range_bad", .en))
        guard let first = LocalDate(from ?? to!), let last = LocalDate(to ?? from!), first <= last,
              LocalTime.days(from: last) - LocalTime.days(from: first) < 366 else { throw bad }
        return first ... last
    }

    struct AgentRow: Encodable {
        var agent: String
        var cells: [String]
    }

    struct AgentsData: Encodable {
        var form: [String: String]
        var headers: [String]
        var triad: [AgentRow]
        var ranking: [AgentRow]
        var quadrant: String
    }

    static func agents(_ req: Request) async throws -> View {
        let language = req.language
        var p = MetricsController.parameters(req)
        let today = try await DashboardService.today(at: req.now, on: req.db)
        if p.from == nil && p.to == nil {
            p.from = today.addingDays(-6).description
            p.to = today.description
        }
        var data = AgentsData(form: ["site": p.site ?? "", "team": p.team ?? "", "project": p.project ?? "", "from": p.from ?? "", "to": p.to ?? ""],
                              headers: DashboardService.agentFigures.map { $0.definition.label.text(language) }, triad: [], ranking: [], quadrant: "")
        var error: String?
        do {
            let rows = try await DashboardService.agents(p, scope: try req.currentUser().scope, at: req.now, on: req.db)
            func row(_ r: MetricRow) -> AgentRow {
                AgentRow(agent: r.key.agent ?? "—", cells: DashboardService.agentFigures.map { id in r.value(id).map { MetricsPage.display($0, id) } ?? "—" })
            }
            data.triad = CombinedViews.efficiencyTriad(rows).map(row)
            data.ranking = CombinedViews.successValueRanking(rows).map(row)
            let quadrant = CombinedViews.talkPaceQuadrant(rows)
            data.quadrant = SVGChart.quadrant(quadrant.points.map { ($0.agent, $0.talk, $0.pace) }, xMedian: quadrant.talkMedian,
                                              yMedian: quadrant.paceMedian,
                                              xLabel: MetricID.avg_talk_seconds.definition.label.text(language) + (language == .zh ? "（秒）" : " (s)"),
                                              yLabel: MetricID.calls_per_hour.definition.label.text(language) + (language == .zh ? "（次/小时）" : " (per hour)"),
                                              format: ({ String(format: "%.0f", $0) }, { String(format: "%.1f", $0) }))
        } catch let failure as DomainError {
            error = failure.message.text(language)
        }
        return try await PageRenderer.render("agents-view", titleKey: "dash_agents_title", data: data, error: error, for: req)
    }
}
