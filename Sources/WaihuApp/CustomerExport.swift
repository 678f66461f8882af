import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The export of a project's customer data (客户数据导出): managers only, numbers masked unless a caller who
/// may reveal them asks, every export in the audit log. As CSV for machines (ids, ISO times, the attributes as
/// JSON) or as a workbook for people (Chinese headers, one column per attribute, local times, status names).
package enum CustomerExport {
    package static let header = ["line", "customer_id", "name", "region", "phones", "status", "team", "agent", "allocated_at", "attributes"]
    package static let pageSize = 2000

    /// The project's leads within the caller's scope (rejected rows left out), written to the audit log.
    package static func leads(_ project: ProjectRecord, reveal: Bool, format: String, by caller: Caller, at now: Date,
                              on db: any Database) async throws -> [LeadDTO] {
        if reveal { try AccessPolicy.require(caller.role, .revealNumbers) }
        let projectID = try project.project.requireID()
        var leads: [LeadDTO] = []
        var offset = 0
        let names = try await LeadView.names(on: db)
        while true {
            let page = try await LeadHoldingQueries.leads(project: projectID, in: caller.scope, status: nil,
                                                          offset: offset, limit: pageSize, on: db).leads
            leads += try await LeadView.dtos(page.filter { $0.rejection == nil }, reveal: reveal, names: names, on: db)
            guard page.count == pageSize else { break }
            offset += pageSize
        }
        try await caller.audit("export.customers", targetType: "project", targetID: projectID.uuidString,
                               detail: "project=\(project.project.code) rows=\(leads.count) " + (reveal ? "full numbers" : "masked") + " format=\(format)",
                               at: now, on: db)
        return leads
    }

    /// The CSV text of the export, written to the audit log.
    package static func csv(_ project: ProjectRecord, reveal: Bool, by caller: Caller, at now: Date,
                            on db: any Database) async throws -> String {
        let stamp = ISO8601DateFormatter()
        var csv = CSVLine.make(header)
        for lead in try await leads(project, reveal: reveal, format: "csv", by: caller, at: now, on: db) {
            let attributes = lead.attributes.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
            csv += CSVLine.make([String(lead.line), lead.customer_id ?? "", lead.name ?? "", lead.region ?? "",
                                 lead.phones.joined(separator: ";"), lead.status, lead.team ?? "", lead.agent ?? "",
                                 lead.allocated_at.map(stamp.string) ?? "", JSONText.object(attributes)])
        }
        return csv
    }

    /// The export as a sheet for people, written to the audit log.
    package static func sheet(_ project: ProjectRecord, reveal: Bool, language: Language, by caller: Caller, at now: Date,
                              on db: any Database) async throws -> ReportTable.Sheet {
        let leads = try await leads(project, reveal: reveal, format: "xlsx", by: caller, at: now, on: db)
        let zone = project.zone
        let columns = Set(leads.flatMap(\.attributes.keys)).sorted()
        let names = language == .zh
            ? ["行号", "客户编号", "姓名", "地区", "号码", "状态", "班组", "坐席", "分配时间"]
            : ["Line", "Customer id", "Name", "Region", "Numbers", "Status", "Team", "Agent", "Allocated at"]
        let rows: [[ReportTable.Cell]] = leads.map { lead in
            [.number(Double(lead.line)), .text(lead.customer_id ?? ""), .text(lead.name ?? ""), .text(lead.region ?? ""),
             .text(lead.phones.joined(separator: " / ")), .text(LeadStatus(rawValue: lead.status)?.name.text(language) ?? lead.status),
             .text(lead.team ?? ""), .text(lead.agent ?? ""), .text(lead.allocated_at.map { LocalTime($0, in: zone).description } ?? "")]
                + columns.map { .text(lead.attributes[$0] ?? "") }
        }
        let title = "\(project.project.name)（\(project.project.code)）" + (language == .zh ? " 客户数据" : " customer data")
        let note = (language == .zh ? "导出于 " : "Exported ") + LocalTime(now, in: zone).description
            + (reveal ? (language == .zh ? " · 含完整号码" : " · full numbers") : (language == .zh ? " · 号码已隐藏" : " · numbers masked"))
        return ReportTable.Sheet(name: language == .zh ? "客户数据" : "Leads", title: [title, note],
                                 rows: [(names + columns).map { .text($0) }] + rows)
    }
}
