import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Vendors side by side for a month (issue 18 item 10): the seeds' figures of their agents (METRICS.md), the month's
/// faults and the statement's total, each vendor over all its sites and projects.
package enum VendorComparison {
    /// The figures shown, in the catalog's ids.
    package static let metrics: [MetricID] = [.calls_made, .connected_calls, .connect_rate, .successful_accounts, .hit_rate, .aht_seconds,
                                              .utilization_rate, .qa_reviews, .unqualified_tickets, .complaints, .complaint_rate]

    package struct Row: Codable, Sendable {
        package var vendor: String
        package var vendor_id: UUID
        package var grade: Int
        package var faults: Int
        /// The catalog's values by metric id; nil where a rate has no denominator.
        package var values: [String: Double?]
        package var total: Decimal?
        package var status_name: String?
    }

    package static func rows(month: String, scope: AccessScope, now: Date, language: Language, on db: any Database) async throws -> [Row] {
        let (first, next) = try SpotCheck.month(month)
        let today = LocalDate(now, in: try await OrganisationQueries.timeZone(on: db))
        var rows: [Row] = []
        for vendor in try await VendorModel.query(on: db).sort(\.$legalName).all() {
            let id = try vendor.requireID()
            guard try await VendorService.visible(id, scope: scope, on: db) else { continue }
            let siteIDs = try await VendorSiteModel.query(on: db).filter(\.$vendorID == id).all().map(\.siteID)
            let sites = siteIDs.isEmpty ? [] : try await SiteModel.query(on: db).filter(\.$id ~~ siteIDs).all().map(\.name)
            var values: [String: Double?] = [:]
            if !sites.isEmpty {
                let result = try await MetricsService.compute(.init(site: sites.joined(separator: ","), from: first.description,
                                                                    to: next.addingDays(-1).description,
                                                                    metrics: metrics.map(\.rawValue).joined(separator: ",")),
                                                              scope: .organisation, at: now, on: db)
                for metric in metrics { values[metric.rawValue] = result.rows.first?.value(metric) }
            }
            let faults = try await VendorRecordModel.query(on: db).filter(\.$vendorID == id).filter(\.$kind == VendorAssessmentService.Kind.fault.rawValue)
                .filter(\.$occurredOn >= first.description).filter(\.$occurredOn < next.description).count()
            let statement = try await SettlementModel.query(on: db).filter(\.$vendorID == id).filter(\.$month == month).first()
            rows.append(Row(vendor: vendor.legalName, vendor_id: id, grade: VendorGrade.from(faults: try await VendorReads.faultsLastYear(vendor, today: today, on: db)).rawValue,
                            faults: faults, values: values, total: statement.map { Decimal($0.totalFen) / 100 }, status_name: statement?.state.name.text(language)))
        }
        return rows
    }
}
