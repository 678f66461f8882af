import Foundation

/// The catalog written out as the page `docs/metrics.md`, so that the documentation is generated from
/// the code and cannot drift from it (a test compares the two).
extension MetricCatalog {
    public static func markdown() -> String {
        var text = """
            # Metric catalog / 指标目录

            Generated from `MetricCatalog` by `waihu catalog --format markdown` — do not edit by hand.
            由 `waihu catalog --format markdown` 从代码生成，请勿手改。

            Every figure Waihu computes, with its id (for `waihu metrics --metrics`, `GET /api/v1/metrics?metrics=`),
            its names and its one formula. A rate whose denominator is zero is `null`. Units: count, rate (a
            fraction, 0.25 not 25%), hours, seconds, per hour, amount, ratio.

            """
        for section in MetricSection.allCases {
            let entries = all.filter { $0.section == section }
            guard !entries.isEmpty else { continue }
            text += "\n## \(section.name.zh) / \(section.name.en)\n\n"
            text += "| id | 名称 | name | unit | 公式 | formula |\n| --- | --- | --- | --- | --- | --- |\n"
            for entry in entries {
                let cells = [entry.id.rawValue, entry.name.zh, entry.name.en, entry.unit.rawValue, entry.formula.zh, entry.formula.en]
                text += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
            }
        }
        return text
    }
}
