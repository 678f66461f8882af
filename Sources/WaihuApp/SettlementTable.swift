import Foundation
import WaihuCore

/// A statement as a workbook (Chinese headers, as the finance office files it) or CSV: the project lines, then the
/// usage commission, deductions, rewards, reconciliation and the total.
extension SettlementReads {
    package static func table(_ view: View) -> ReportTable {
        func money(_ value: Decimal) -> ReportTable.Cell { .number(NSDecimalNumber(decimal: value).doubleValue) }
        var rows: [[ReportTable.Cell]] = [["项目编号", "项目名称", "计费量", "核实无效", "应结算量", "单价（元）", "金额（元）"].map { .text($0) }]
        for line in view.projects {
            rows.append([.text(line.project), .text(line.name), .number(Double(line.units)), .number(Double(line.not_verified)),
                         .number(Double(line.billable)), line.unit_price.map(money) ?? .text("无已批准单价"), money(line.amount)])
        }
        for usage in view.usage { rows.append([.text("使用费提成"), .text(usage.name), .empty, .empty, .empty, .empty, money(usage.amount)]) }
        if let quality = view.quality {
            rows.append([.text("服务质量调整"), .text("质检 \(quality.reviews) 条，平均 \(quality.mean_score) 分，\(quality.band)"), .empty, .empty, .empty, .empty,
                         money(quality.amount)])
        }
        for charge in view.deductions {
            rows.append([.text("扣款"), .text(charge.name), .number(Double(charge.count)), .empty, .empty, .empty, money(-charge.amount)])
        }
        for charge in view.rewards {
            rows.append([.text("奖励"), .text(charge.name), .number(Double(charge.count)), .empty, .empty, .empty, money(charge.amount)])
        }
        if view.adjustment != 0 { rows.append([.text("对账调整"), .empty, .empty, .empty, .empty, .empty, money(view.adjustment)]) }
        rows.append([.text("合计"), .empty, .empty, .empty, .empty, .empty, money(view.total)])
        var sheets = [ReportTable.Sheet(name: "结算单", title: ["\(view.vendor) \(view.month) 月度结算单（\(view.status_name)）"], rows: rows)]
        if !view.reconciliation.isEmpty {
            var counts: [[ReportTable.Cell]] = [["项目编号", "Waihu 数量", "外呼公司数量", "差异", "误差认可值", "结果", "裁定数量", "裁定理由"].map { .text($0) }]
            for line in view.reconciliation {
                counts.append([.text(line.project), .number(Double(line.waihu)), .number(Double(line.vendor)), .number(Double(line.difference)),
                               .number(Double(line.tolerance)), .text(line.outcome_name), line.settled_units.map { .number(Double($0)) } ?? .empty,
                               .text(line.reason ?? "")])
            }
            sheets.append(ReportTable.Sheet(name: "对账", title: ["\(view.vendor) \(view.month) 对账"], rows: counts))
        }
        return ReportTable(sheets: sheets)
    }
}
