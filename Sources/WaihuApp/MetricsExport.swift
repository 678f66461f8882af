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
