import Foundation
import WaihuCore

/// A split's rows as CSV (for download and `--format csv`) and as a text table (the CLI).
package enum MetricsExport {
    /// A number as the exports write it: counts whole, the rest to six decimals at most; empty for null.
    package static func text(_ value: Double?, _ id: MetricID) -> String {
        guard let value else { return "" }
        if id.definition.unit == .count, let whole = Int(exactly: value) { return String(whole) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Header: the dimensions, then the metric ids; one line per row.
    package static func csv(_ result: MetricsService.Result) -> String {
        var csv = CSVLine.make(result.dimensions.map(\.rawValue) + result.metrics.map(\.rawValue))
        for row in result.rows {
            csv += CSVLine.make(row.labels.map { $0.1 ?? "" } + row.values.map { text($0.1, $0.0) })
        }
        return csv
    }

    /// The rows as a sheet for the XLSX download: a title and the period above, the dimensions and the
    /// metrics by name (an agent's name beside their number), rates as percentages, hours as `09:00–10:00`.
    package static func sheet(_ result: MetricsService.Result, title: String, period: String, language: Language,
                              agentNames: [String: String]) -> ReportTable.Sheet {
        let dimensionNames: [SliceDimension: LocalizedText] = [
            .project: .init(zh: "项目", en: "Project"), .site: .init(zh: "职场", en: "Site"), .team: .init(zh: "班组", en: "Team"),
            .agent: .init(zh: "坐席工号", en: "Agent"), .hour: .init(zh: "小时", en: "Hour"), .day: .init(zh: "日", en: "Day"),
            .week: .init(zh: "周（周一起）", en: "Week (from Monday)"), .month: .init(zh: "月", en: "Month"),
        ]
        var header: [ReportTable.Cell] = []
        for dimension in result.dimensions {
            header.append(.text(dimensionNames[dimension]?.text(language) ?? dimension.rawValue))
            if dimension == .agent { header.append(.text(language == .zh ? "坐席姓名" : "Agent name")) }
        }
        header += result.metrics.map { .text($0.definition.label.text(language)) }
        let rows = result.rows.map { row -> [ReportTable.Cell] in
            var cells: [ReportTable.Cell] = []
            for (dimension, label) in row.labels {
                cells.append(.text(dimension.display(label)))
                if dimension == .agent { cells.append(.text(label.flatMap { agentNames[$0] } ?? "")) }
            }
            return cells + row.values.map { ReportTable.Cell.metric($0.1, $0.0) }
        }
        return ReportTable.Sheet(name: title, title: [title, period], rows: [header] + rows)
    }

    /// One block per row: its slice, then each metric's id, Chinese name and value (— for null).
    package static func table(_ result: MetricsService.Result) -> String {
        var out = ""
        for row in result.rows {
            let slice = row.labels.map { "\($0.0.rawValue)=\($0.1 ?? "-")" }.joined(separator: " ")
            out += "[\(slice.isEmpty ? "all" : slice)]\n"
            for (id, value) in row.values {
                let shown = value == nil ? "—" : text(value, id)
                out += "  " + id.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0) + shown.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + id.definition.label.zh + "\n"
            }
        }
        return out
    }
}
