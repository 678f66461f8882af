import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Usage fees (RULES E-06, issue 18 item 7): billing's file of a project's customers and what each was billed in a month.
/// A customer counts for the vendor whose agent last made a sale to them (a billable result) before the month ended; the
/// vendor's statement of that month then carries the commission of its price list. Importing a project's month again
/// replaces the earlier import whole; no statement already past its draft is changed.
package enum UsageFeeService {
    package struct Outcome: Codable, Sendable {
        package struct VendorTotal: Codable, Sendable {
            package var vendor: String
            package var customers: Int
            package var fees: String
        }
        package var project: String
        package var month: String
        package var rows: Int
        package var accepted: Int
        package var vendors: [VendorTotal]
        package var refused: [UsageFeeFile.Refusal]
    }

    package static func importFile(project key: String, month: String, text: String, by caller: Caller, at now: Date,
                                   on db: any Database) async throws -> Outcome {
        try AccessPolicy.require(caller.role, .runSettlements)
        let project = try await ProjectService.find(key, scope: caller.scope, on: db).project
        let projectID = try project.requireID()
        let (_, next) = try SpotCheck.month(month)
        let zone = try await OrganisationQueries.timeZone(on: db)
        let end = LocalTime.instant(next, in: zone)
        guard now >= end else {
            throw DomainError(.ruleRefused, code: "month_not_ended", zh: "\(month) 尚未结束，使用费在月末之后导入",
                              en: "\(month) has not ended; a month's usage fees are imported after its last day")
        }
        let (rows, parsedRefusals) = try UsageFeeFile.parse(text)
        var refused = parsedRefusals
        guard !rows.isEmpty || !refused.isEmpty else {
            throw DomainError(.badInput, code: "empty_file", zh: "文件里没有数据行", en: "The file has no rows")
        }
        // Who acquired each customer: the vendor of the agent of the latest billable call before the month's end.
        let codes = try await SettlementService.billableCodes(project, on: db)
        let vendorOfSite = Dictionary(try await VendorSiteModel.query(on: db).all().map { ($0.siteID, $0.vendorID) }, uniquingKeysWith: { a, _ in a })
        let siteOfAgent = Dictionary(try await AgentModel.query(on: db).all().compactMap { a in a.id.map { ($0, a.siteID) } }, uniquingKeysWith: { a, _ in a })
        var acquiredBy: [String: (vendor: UUID, at: Date)] = [:]
        for chunk in stride(from: 0, to: rows.count, by: 500) {
            let phones = rows[chunk ..< min(chunk + 500, rows.count)].map(\.phone)
            for call in try await CallAttemptModel.query(on: db).filter(\.$projectID == projectID).filter(\.$phone ~~ phones)
                .filter(\.$startedAt < end).all() {
                guard let code = call.disposition, codes.contains(code), let agent = call.agentID, let site = siteOfAgent[agent],
                      let vendor = vendorOfSite[site], acquiredBy[call.phone].map({ $0.at < call.startedAt }) ?? true else { continue }
                acquiredBy[call.phone] = (vendor, call.startedAt)
            }
        }
        var accepted: [(row: UsageFeeFile.Row, vendor: UUID)] = []
        for row in rows {
            guard let vendor = acquiredBy[row.phone]?.vendor else {
                refused.append(.init(line: row.line, reason: LocalizedText(zh: "该号码在本项目没有外呼公司坐席的成功记录，不计提成",
                                                                           en: "no vendor agent made a sale to this number in this project; no commission")))
                continue
            }
            accepted.append((row, vendor))
        }
        refused.sort { $0.line < $1.line }
        let before = try await UsageFeeModel.query(on: db).filter(\.$projectID == projectID).filter(\.$month == month).all()
        let touched = Set(accepted.map(\.vendor)).union(before.map(\.vendorID))
        let vendors = try await VendorModel.query(on: db).all()
        let names = Dictionary(vendors.compactMap { v in v.id.map { ($0, v.legalName) } }, uniquingKeysWith: { a, _ in a })
        if !touched.isEmpty {
            for statement in try await SettlementModel.query(on: db).filter(\.$vendorID ~~ touched).filter(\.$month == month).all() where statement.state != .draft {
                let name = names[statement.vendorID] ?? ""
                throw DomainError(.conflict, code: "statement_state",
                                  zh: "\(name) \(month) 的结算单已是“\(statement.state.name.zh)”，使用费不能再改",
                                  en: "\(name)'s statement of \(month) is \(statement.state.name.en.lowercased()); its usage fees cannot change")
            }
        }
        let models = accepted.map { row, vendor in
            let model = UsageFeeModel()
            model.id = UUID()
            model.projectID = projectID
            model.month = month
            model.phone = row.phone
            model.vendorID = vendor
            model.feeFen = row.feeFen
            model.importedBy = caller.name
            model.importedAt = now
            return model
        }
        let totals = Dictionary(grouping: accepted, by: \.vendor).map { vendor, rows in
            Outcome.VendorTotal(vendor: names[vendor] ?? "", customers: rows.count, fees: Fen.yuan(rows.reduce(0) { $0 + $1.row.feeFen }))
        }.sorted { $0.vendor < $1.vendor }
        try await StoreTransaction.write(db) { tx in
            try await UsageFeeModel.query(on: tx).filter(\.$projectID == projectID).filter(\.$month == month).delete()
            for chunk in stride(from: 0, to: models.count, by: 500) { try await Array(models[chunk ..< min(chunk + 500, models.count)]).create(on: tx) }
            try await caller.audit("usage_fees.import", targetType: "project", targetID: project.code,
                                   detail: "\(month) · \(models.count) / \(rows.count + parsedRefusals.count)", at: now, on: tx)
        }
        return Outcome(project: project.code, month: month, rows: rows.count + parsedRefusals.count, accepted: models.count, vendors: totals, refused: refused)
    }

    /// A vendor's usage fees of a month, per project, in fen.
    static func fees(vendor: UUID, month: String, on db: any Database) async throws -> [UUID: Int] {
        var fees: [UUID: Int] = [:]
        for row in try await UsageFeeModel.query(on: db).filter(\.$vendorID == vendor).filter(\.$month == month).all() { fees[row.projectID, default: 0] += row.feeFen }
        return fees
    }
}
