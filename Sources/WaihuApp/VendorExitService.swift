import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Exit cases (退出, issue 18 item 6, RULES D.11): opened by a trigger or a manager, decided by three levels — the
/// customer service center, marketing, the deputy GM — by three different people (our reading of 三级审批: no one
/// approves twice). At the final approval, in one transaction: the vendor's leads go back to the pools, its users are
/// disabled, the handover is recorded, and the ban clock starts.
package enum VendorExitService {
    package struct Decision: Codable, Sendable {
        package var level: String
        package var user: String
        package var at: Date
        package var approved: Bool
        package var note: String
    }

    package static func open(_ vendor: VendorModel, kind: ExitKind, category: BusinessCategory?, trigger: ExitTrigger, reason: String,
                             by caller: Caller, at now: Date, on db: any Database) async throws -> VendorExitModel {
        let reason = reason.trimmingWhitespace()
        guard !reason.isEmpty else { throw DomainError.invalidField("reason", zh: "请写明退出原因", en: "Give the reason for the exit") }
        if kind == .business {
            guard let category, vendor.businessCategories.contains(category) else {
                throw DomainError.invalidField("category", zh: "业务退出须选择该外呼公司经营的业务类别", en: "A business exit names one of the vendor's categories")
            }
        }
        let model = VendorExitModel()
        model.vendorID = try vendor.requireID()
        model.kind = kind.rawValue
        model.category = kind == .business ? category?.rawValue : nil
        model.trigger = trigger.rawValue
        model.reason = reason
        model.step = ExitStep.opened.rawValue
        model.decisions = "[]"
        model.openedBy = caller.name
        model.openedAt = now
        try await model.create(on: db)
        try await caller.audit("vendor.exit_open", targetType: "vendor", targetID: vendor.legalName,
                               detail: "\(kind.name.zh)（\(trigger.name.zh)）：\(reason)", at: now, on: db)
        return model
    }

    package static func decisions(_ model: VendorExitModel) -> [Decision] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try? decoder.decode([Decision].self, from: Data(model.decisions.utf8))) ?? []
    }

    /// A level's approval or rejection, with a note.
    package static func decide(_ id: UUID, approve: Bool, note: String, by caller: Caller, at now: Date, on db: any Database) async throws -> VendorExitModel {
        guard let model = try await VendorExitModel.find(id, on: db), let vendor = try await VendorModel.find(model.vendorID, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "退出审批", en: "exit case"))
        }
        let step = ExitStep(rawValue: model.step) ?? .rejected
        guard let level = step.level else { _ = try step.approved(); return model }
        try await ApproverService.require(level, caller, on: db)
        var past = decisions(model)
        guard !past.contains(where: { $0.user == caller.name }) || caller.userID == nil else {
            throw DomainError(.ruleRefused, code: "same_approver", zh: "三级审批须由不同的人完成：您已审批过本案", en: "Each of the three levels is a different person: you already decided this case")
        }
        let note = note.trimmingWhitespace()
        guard !note.isEmpty || approve else { throw DomainError.invalidField("note", zh: "驳回请写明理由", en: "Give the reason for the rejection") }
        let next = approve ? try step.approved() : try step.rejected()
        if next == .exited {
            // Every lead comes back at once: not while one of the vendor's agents is on a call with a customer.
            let sites = try await VendorSiteModel.query(on: db).filter(\.$vendorID == model.vendorID).all().map(\.siteID)
            let agents = sites.isEmpty ? [] : try await AgentModel.query(on: db).filter(\.$siteID ~~ sites).all().compactMap(\.id)
            let calling = agents.isEmpty ? 0 : try await LeadModel.query(on: db).filter(\.$agentID ~~ agents)
                .filter(\.$statusCode == LeadStatus.reserved.rawValue).count()
            guard calling == 0 else {
                throw DomainError(.ruleRefused, code: "vendor_calls_in_progress",
                                  zh: "该外呼公司的坐席还有 \(calling) 通电话正在进行，结束后再终审，以便一次收回全部客户数据",
                                  en: "\(calling) call(s) of the vendor's agents are in progress; give the final approval once they end, so that every lead comes back at once")
            }
        }
        past.append(Decision(level: level.rawValue, user: caller.name, at: now, approved: approve, note: note))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        model.decisions = String(decoding: try encoder.encode(past), as: UTF8.self)
        model.step = next.rawValue
        let today = LocalDate(now, in: try await OrganisationQueries.timeZone(on: db))
        return try await StoreTransaction.write(db) { tx in
            if next == .exited {
                model.exitedOn = today.description
                model.handover = try await exit(vendor, kind: ExitKind(rawValue: model.kind) ?? .qualification,
                                                category: model.category.flatMap(BusinessCategory.init), today: today, on: tx)
            }
            try await model.save(on: tx)
            if next == .exited, model.kind == ExitKind.business.rawValue {
                // D-47: a vendor exited from every category of its business exits its qualification too.
                let exited = Set(try await VendorExitModel.query(on: tx).filter(\.$vendorID == model.vendorID).filter(\.$kind == ExitKind.business.rawValue)
                    .filter(\.$step == ExitStep.exited.rawValue).all().compactMap { $0.category.flatMap(BusinessCategory.init) })
                if Set(vendor.businessCategories).isSubset(of: exited) {
                    _ = try await open(vendor, kind: .qualification, category: nil, trigger: .allCategoriesExited,
                                       reason: ExitTrigger.allCategoriesExited.name.zh, by: caller, at: now, on: tx)
                }
            }
            try await caller.audit(next == .exited ? "vendor.exited" : "vendor.exit_decide", targetType: "vendor", targetID: vendor.legalName,
                                   detail: "\(level.name.zh)：\(approve ? "同意" : "驳回")\(note.isEmpty ? "" : "，\(note)")", at: now, on: tx)
            return model
        }
    }

    /// A qualification exit recalls every lead the vendor's teams and agents hold and disables its users; a business
    /// exit recalls the leads of that category's projects. Returns the handover record.
    static func exit(_ vendor: VendorModel, kind: ExitKind, category: BusinessCategory?, today: LocalDate, on tx: any Database) async throws -> String {
        let id = try vendor.requireID()
        let sites = try await VendorSiteModel.query(on: tx).filter(\.$vendorID == id).all().map(\.siteID)
        let teams = sites.isEmpty ? [] : try await TeamModel.query(on: tx).filter(\.$siteID ~~ sites).all().compactMap(\.id)
        let agents = sites.isEmpty ? [] : try await AgentModel.query(on: tx).filter(\.$siteID ~~ sites).all().compactMap(\.id)
        // nil: every project; a business exit only its category's.
        let projects: [UUID?] = kind == .business
            ? try await ProjectModel.query(on: tx).all().filter { BusinessCategory.of($0.type) == category }.map(\.id) : [nil]
        var recalled = 0
        for project in projects {
            let holders = teams.map(AllocationSource.team) + agents.map(AllocationSource.agent)
            for holder in holders {
                recalled += try await LeadAllocationQueries.recycle(project: project, holder: holder, allocatedAtOrBefore: nil, agentsLeftBy: nil, on: tx)
            }
        }
        var disabled = 0
        if kind == .qualification {
            vendor.exitedOn = today.description
            try await vendor.save(on: tx)
            for user in try await UserModel.query(on: tx).filter(\.$siteID ~~ sites).filter(\.$active == true).all() {
                user.active = false
                try await user.save(on: tx)
                disabled += 1
            }
        }
        return "收回客户数据 \(recalled) 条，停用账号 \(disabled) 个；外呼公司须移交或销毁其持有的客户资料并签署交接记录（D-51）"
    }
}
