import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// `/vendors/compare?month=` — the vendors of one's scope side by side for a month: their agents' figures, the
/// month's faults, the grade and the statement's total.
extension VendorPages {
    static func compare(_ req: Request) async throws -> View {
        struct Row: Encodable {
            var vendor: String
            var id: String
            var grade: String
            var faults: Int
            var values: [String]
            var total: String
        }
        struct Data: Encodable {
            var month: String
            var headers: [String]
            var rows: [Row]
        }
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let month = req.query[String.self, at: "month"] ?? String(LocalDate(req.now, in: zone).addingMonths(-1).description.prefix(7))
        let rows = try await VendorComparison.rows(month: month, scope: req.caller.scope, now: req.now, language: req.language, on: req.db)
        let grades = Dictionary(uniqueKeysWithValues: VendorGrade.allCases.map { ($0.rawValue, $0.name.text(req.language)) })
        let data = Data(month: month, headers: VendorComparison.metrics.map { $0.definition.name.text(req.language) }, rows: rows.map { row in
            Row(vendor: row.vendor, id: row.vendor_id.uuidString, grade: grades[row.grade] ?? "", faults: row.faults,
                values: VendorComparison.metrics.map { id in (row.values[id.rawValue] ?? nil).map { MetricsPage.display($0, id) } ?? "—" },
                total: row.total.map { "¥" + SettlementPages.yuan($0) + (row.status_name.map { "（\($0)）" } ?? "") } ?? "—")
        })
        return try await PageRenderer.render("vendors-compare", titleKey: "vendors_compare", data: data, for: req)
    }
}
