import Foundation
import WaihuApp
import WaihuCore

/// A statement as its pages show it: every amount written in yuan with two decimals (a template cannot format a
/// decimal number).
extension SettlementPages {
    struct Shown: Encodable {
        struct Line: Encodable {
            var project: String
            var name: String
            var units: Int
            var not_verified: Int
            var billable: Int
            var unit_price: String?
            var amount: String
        }

        struct Charge: Encodable {
            var name: String
            var count: Int
            var amount: String
        }

        var id: String
        var vendor: String
        var month: String
        var status: String
        var status_name: String
        var provisional: Bool
        var projects: [Line]
        var usage: [Charge]
        var deductions: [Charge]
        var rewards: [Charge]
        var reconciliation: [SettlementReads.Count]
        var adjustment: String?
        var total: String
    }

    static func yuan(_ value: Decimal) -> String {
        var fen = value * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &fen, 0, .plain)
        return Fen.yuan(NSDecimalNumber(decimal: rounded).intValue)
    }

    static func shown(_ view: SettlementReads.View) -> Shown {
        func charges(_ list: [SettlementReads.Charge]) -> [Shown.Charge] { list.map { Shown.Charge(name: $0.name, count: $0.count, amount: yuan($0.amount)) } }
        return Shown(id: view.id.uuidString, vendor: view.vendor, month: view.month, status: view.status, status_name: view.status_name,
                     provisional: view.provisional,
                     projects: view.projects.map {
                         Shown.Line(project: $0.project, name: $0.name, units: $0.units, not_verified: $0.not_verified, billable: $0.billable,
                                    unit_price: $0.unit_price.map(yuan), amount: yuan($0.amount))
                     },
                     usage: charges(view.usage), deductions: charges(view.deductions), rewards: charges(view.rewards), reconciliation: view.reconciliation,
                     adjustment: view.adjustment == 0 ? nil : yuan(view.adjustment), total: yuan(view.total))
    }
}
