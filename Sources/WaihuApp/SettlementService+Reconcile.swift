import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Reconciliation (对账, RULES E-08), the settling of disputed lines, approval and payment.
extension SettlementService {
    /// A statement the caller may see: a vendor user only its own vendor's.
    package static func find(_ id: UUID, scope: AccessScope, on db: any Database) async throws -> (SettlementModel, VendorModel) {
        guard let model = try await SettlementModel.find(id, on: db), let vendor = try await VendorModel.find(model.vendorID, on: db),
              try await VendorService.visible(model.vendorID, scope: scope, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "结算单", en: "statement"))
        }
        return (model, vendor)
    }

    /// The vendor's own counts, by project code: each line is accepted within the tolerance or disputed.
    package static func submitCounts(_ id: UUID, counts: [String: Int], by caller: Caller, at now: Date, on db: any Database) async throws -> SettlementModel {
        let (model, vendor) = try await find(id, scope: caller.scope, on: db)
        guard model.state == .draft else {
            throw DomainError(.conflict, code: "statement_state", zh: "结算单已是“\(model.state.name.zh)”，不能再提交数量",
                              en: "The statement is \(model.state.name.en.lowercased()); counts can no longer be submitted")
        }
        guard let statement = model.computed else { throw StoreInconsistency("the statement of settlement \(id)") }
        let codes = Dictionary(statement.lines.map { ($0.code, $0.project) }, uniquingKeysWith: { a, _ in a })
        var byProject: [UUID: Int] = [:]
        var names = Dictionary(statement.lines.map { ($0.project, $0.code) }, uniquingKeysWith: { a, _ in a })
        for (code, count) in counts {
            if let project = codes[code] {
                byProject[project] = count
            } else {
                let stranger = UUID()
                names[stranger] = code
                byProject[stranger] = count
            }
        }
        let contract = try await contract(of: vendor, month: model.month, on: db)
        let lines = try Reconciliation.lines(statement: statement, counts: byProject, contract: contract, names: names)
        model.reconciliation = String(decoding: try JSONEncoder().encode(lines), as: UTF8.self)
        model.status = Reconciliation.status(after: lines).rawValue
        model.totalFen = statement.subtotalFen + Reconciliation.adjustmentFen(lines, statement: statement)
        model.submittedBy = caller.name
        model.submittedAt = now
        let disputed = lines.filter { $0.outcome == .disputed }.count
        return try await StoreTransaction.write(db) { tx in
            try await model.save(on: tx)
            try await caller.audit("settlement.counts", targetType: "settlement", targetID: "\(vendor.legalName) \(model.month)",
                                   detail: "\(lines.count) 行，争议 \(disputed) 行", at: now, on: tx)
            return model
        }
    }

    /// A manager settles a disputed line with a count and a reason; the statement is reconciled once none is left.
    package static func settle(_ id: UUID, project code: String, units: Int, reason: String, by caller: Caller, at now: Date,
                               on db: any Database) async throws -> SettlementModel {
        let (model, vendor) = try await find(id, scope: caller.scope, on: db)
        guard model.state == .draft, let statement = model.computed else {
            throw DomainError(.conflict, code: "statement_state", zh: "结算单已是“\(model.state.name.zh)”，没有待裁定的争议",
                              en: "The statement is \(model.state.name.en.lowercased()); nothing is left to settle")
        }
        var lines = model.lines
        guard let project = statement.lines.first(where: { $0.code == code })?.project, let index = lines.firstIndex(where: { $0.project == project }) else {
            throw DomainError.notFound(LocalizedText(zh: "项目 \(code) 的对账行", en: "the reconciliation line of project \(code)"))
        }
        let line = try Reconciliation.settle(lines[index], units: units, reason: reason, by: caller.name)
        lines[index] = line
        model.reconciliation = String(decoding: try JSONEncoder().encode(lines), as: UTF8.self)
        model.status = Reconciliation.status(after: lines).rawValue
        model.totalFen = statement.subtotalFen + Reconciliation.adjustmentFen(lines, statement: statement)
        return try await StoreTransaction.write(db) { tx in
            try await model.save(on: tx)
            try await caller.audit("settlement.settle", targetType: "settlement", targetID: "\(vendor.legalName) \(model.month)",
                                   detail: "\(code)：Waihu \(line.waihu)，外呼公司 \(line.vendor)，裁定 \(units)：\(line.reason ?? "")", at: now, on: tx)
            return model
        }
    }

    package static func approve(_ id: UUID, by caller: Caller, at now: Date, on db: any Database) async throws -> SettlementModel {
        let (model, vendor) = try await find(id, scope: caller.scope, on: db)
        guard let statement = model.computed else { throw StoreInconsistency("the statement of settlement \(id)") }
        // A specialised agent is settled once its task is complete (D-18): as the vendor stands now, not when computed.
        model.provisional = vendor.cooperation == .specialised && vendor.taskCompletedOn == nil
        if let refusal = Reconciliation.approvalRefusal(status: model.state, lines: model.lines, statement: statement, provisional: model.provisional) {
            throw refusal
        }
        model.status = StatementStatus.approved.rawValue
        model.approvedBy = caller.name
        model.approvedAt = now
        return try await StoreTransaction.write(db) { tx in
            try await model.save(on: tx)
            try await caller.audit("settlement.approve", targetType: "settlement", targetID: "\(vendor.legalName) \(model.month)",
                                   detail: "合计 ¥\(Fen.yuan(model.totalFen))", at: now, on: tx)
            return model
        }
    }

    package static func markPaid(_ id: UUID, by caller: Caller, at now: Date, on db: any Database) async throws -> SettlementModel {
        let (model, vendor) = try await find(id, scope: caller.scope, on: db)
        guard model.state == .approved else {
            throw DomainError(.conflict, code: "statement_state", zh: "只有已审批的结算单才能标记为已支付（当前：\(model.state.name.zh)）",
                              en: "Only an approved statement can be marked paid (it is \(model.state.name.en.lowercased()))")
        }
        model.status = StatementStatus.paid.rawValue
        model.paidBy = caller.name
        model.paidAt = now
        return try await StoreTransaction.write(db) { tx in
            try await model.save(on: tx)
            try await caller.audit("settlement.paid", targetType: "settlement", targetID: "\(vendor.legalName) \(model.month)",
                                   detail: "¥\(Fen.yuan(model.totalFen))", at: now, on: tx)
            return model
        }
    }
}
