import Foundation
import WaihuCore

/// A scorecard as a workbook or CSV: the 54 lines with their totals, then every deduction (Chinese headers, as the
/// client's management group files it).
extension ScorecardService {
    package static func table(_ card: Card) -> ReportTable {
        var lines: [[ReportTable.Cell]] = [["条目", "规定", "来源", "次数", "扣分"].map { .text($0) }]
        for line in card.lines {
            lines.append([.text(line.line), .text(line.rule.zh), .text(line.source), .number(Double(line.occurrences)),
                          .number(-(Double(line.points) ?? 0))])
        }
        lines.append([.text("合计"), .empty, .empty, .empty, .number(-(Double(card.deductions) ?? 0))])
        lines.append([.text("得分"), .empty, .empty, .empty, .number(Double(card.score) ?? 0)])
        var items: [[ReportTable.Cell]] = [["条目", "日期", "坐席", "次数", "扣分", "说明"].map { .text($0) }]
        for item in card.items {
            items.append([.text(item.line), .text(item.date), .text(item.agent ?? ""), .number(Double(item.occurrences)),
                          .number(-(Double(item.points) ?? 0)), .text(item.detail.zh)])
        }
        let title = "\(card.site) \(card.month) 现场考核\(card.provisional ? "（进行中）" : "")"
        return ReportTable(sheets: [ReportTable.Sheet(name: "考核表", title: [title], rows: lines),
                                    ReportTable.Sheet(name: "扣分明细", title: [title], rows: items)])
    }
}
