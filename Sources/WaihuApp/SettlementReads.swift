import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A statement as the CLI, the API, the pages and the downloads read it: amounts in yuan to the fen.
package enum SettlementReads {
    package struct ProjectLine: Codable, Sendable {
        package var project: String
        package var name: String
        package var units: Int
        package var not_verified: Int
        package var billable: Int
        /// nil: no approved price list in force.
        package var unit_price: Decimal?
        package var amount: Decimal
    }

    package struct Charge: Codable, Sendable {
        package var kind: String
        package var name: String
        package var count: Int
        package var amount: Decimal
    }

    package struct Count: Codable, Sendable {
        package var project: String
        package var waihu: Int
        package var vendor: Int
        package var difference: Int
        package var tolerance: Int
        package var outcome: String
        package var outcome_name: String
        package var settled_units: Int?
        package var reason: String?
        package var settled_by: String?
    }

    package struct Quality: Codable, Sendable {
        package var reviews: Int
        package var mean_score: String
        /// The band's lowest score and its percent of the success commission.
        package var band: String
        package var amount: Decimal
    }

    package struct View: Codable, Sendable {
        package var id: UUID
        package var vendor: String
        package var vendor_id: UUID
        package var month: String
        package var status: String
        package var status_name: String
        package var provisional: Bool
        package var projects: [ProjectLine]
        package var usage: [Charge]
        package var deductions: [Charge]
        package var rewards: [Charge]
        /// The service-quality adjustment (E-03): nil when the contract has no table or nothing was reviewed.
        package var quality: Quality?
        package var reconciliation: [Count]
        package var adjustment: Decimal
        package var total: Decimal
        package var computed_at: Date
        package var approved_by: String?
        package var approved_at: Date?
        package var paid_at: Date?
    }

    static func yuan(_ fen: Int) -> Decimal { Decimal(fen) / 100 }

    package static func view(_ model: SettlementModel, vendor: VendorModel, language: Language) throws -> View {
        guard let statement = model.computed, let id = model.id else { throw StoreInconsistency("the statement of a settlement") }
        let codes = Dictionary(statement.lines.map { ($0.project, $0.code) }, uniquingKeysWith: { a, _ in a })
        let lines = model.lines
        return View(
            id: id, vendor: vendor.legalName, vendor_id: model.vendorID, month: model.month, status: model.status,
            status_name: model.state.name.text(language), provisional: model.provisional,
            projects: statement.lines.map {
                ProjectLine(project: $0.code, name: $0.name, units: $0.units, not_verified: $0.notVerified, billable: $0.billable,
                            unit_price: $0.unitPriceFen.map(yuan), amount: yuan($0.amountFen))
            },
            usage: statement.usage.map { Charge(kind: "usage_commission", name: "\($0.code) \(Double($0.basisPoints) / 100)%", count: 0, amount: yuan($0.amountFen)) },
            deductions: statement.deductions.map { Charge(kind: $0.kind, name: $0.name.text(language), count: $0.count, amount: yuan($0.amountFen)) },
            rewards: statement.rewards.map { Charge(kind: $0.kind, name: $0.name.text(language), count: $0.count, amount: yuan($0.amountFen)) },
            quality: statement.quality.map {
                Quality(reviews: $0.reviews, mean_score: $0.meanScore,
                        band: QualityBand(minimumScore: $0.minimumScore, basisPoints: $0.basisPoints).label, amount: yuan($0.amountFen))
            },
            reconciliation: lines.map {
                Count(project: codes[$0.project] ?? "", waihu: $0.waihu, vendor: $0.vendor, difference: $0.difference, tolerance: $0.tolerance,
                      outcome: $0.outcome.rawValue, outcome_name: $0.outcome.name.text(language), settled_units: $0.settledUnits, reason: $0.reason,
                      settled_by: $0.settledBy)
            },
            adjustment: yuan(Reconciliation.adjustmentFen(lines, statement: statement)), total: yuan(model.totalFen),
            computed_at: model.computedAt, approved_by: model.approvedBy, approved_at: model.approvedAt, paid_at: model.paidAt)
    }

    /// The statements the caller may see, newest month first.
    package static func list(month: String?, scope: AccessScope, language: Language, on db: any Database) async throws -> [View] {
        var query = SettlementModel.query(on: db).sort(\.$month, .descending)
        if let month { query = query.filter(\.$month == month) }
        var views: [View] = []
        var vendors: [UUID: VendorModel] = [:]
        for model in try await query.all() where try await VendorService.visible(model.vendorID, scope: scope, on: db) {
            if vendors[model.vendorID] == nil { vendors[model.vendorID] = try await VendorModel.find(model.vendorID, on: db) }
            guard let vendor = vendors[model.vendorID] else { continue }
            views.append(try view(model, vendor: vendor, language: language))
        }
        return views.sorted { ($0.month, $0.vendor) > ($1.month, $1.vendor) }
    }
}
