import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The export of a project's customer data (客户数据导出) as CSV: managers only, numbers masked
/// unless a caller who may reveal them asks, every export in the audit log.
package enum CustomerExport {
    package static let header = ["line", "customer_id", "name", "region", "phones", "status", "team", "agent", "allocated_at", "attributes"]
    package static let pageSize = 2000

    /// The CSV text of the export, written to the audit log.
    package static func csv(_ project: ProjectRecord, reveal: Bool, by caller: Caller, at now: Date,
                            on db: any Database) async throws -> String {
        if reveal { try AccessPolicy.require(caller.role, .revealNumbers) }
        let projectID = try project.project.requireID()
        var csv = CSVLine.make(header)
        var offset = 0
        var rows = 0
        let stamp = ISO8601DateFormatter()
        let names = try await LeadView.names(on: db)
        while true {
            let page = try await LeadHoldingQueries.leads(project: projectID, in: caller.scope, status: nil,
                                                          offset: offset, limit: pageSize, on: db).leads
            for lead in try await LeadView.dtos(page.filter { $0.rejection == nil }, reveal: reveal, names: names, on: db) {
                let attributes = lead.attributes.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
                csv += CSVLine.make([String(lead.line), lead.customer_id ?? "", lead.name ?? "", lead.region ?? "",
                                     lead.phones.joined(separator: ";"), lead.status, lead.team ?? "", lead.agent ?? "",
                                     lead.allocated_at.map(stamp.string) ?? "", JSONText.object(attributes)])
                rows += 1
            }
            guard page.count == pageSize else { break }
            offset += pageSize
        }
        try await caller.audit("export.customers", targetType: "project", targetID: projectID.uuidString,
                               detail: "project=\(project.project.code) rows=\(rows) " + (reveal ? "full numbers" : "masked"),
                               at: now, on: db)
        return csv
    }
}
