import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Price lists (issue 18 item 7, RULES E-05 – E-07): drafted per project (and vendor), approved before use; a list
/// whose days meet another's for the same project and vendor is refused.
package enum PriceListService {
    package struct Draft: Codable, Sendable {
        package var project: String
        /// A vendor's legal name when its contract has its own prices.
        package var vendor: String?
        package var starts_on: String
        package var ends_on: String?
        /// One price (yuan) for every unit, or tiers by the script's length.
        package var unit_price: String?
        package var tiers: [Tier]?
        /// Usage-fee commission in percent (marketing and win-back work).
        package var usage_percent: Double?

        package init(project: String, vendor: String? = nil, starts_on: String, ends_on: String? = nil, unit_price: String? = nil, tiers: [Tier]? = nil, usage_percent: Double? = nil) {
            self.project = project
            self.vendor = vendor
            self.starts_on = starts_on
            self.ends_on = ends_on
            self.unit_price = unit_price
            self.tiers = tiers
            self.usage_percent = usage_percent
        }
    }

    package struct Tier: Codable, Sendable {
        /// Up to this many questions; nil: any longer.
        package var questions: Int?
        package var price: String

        package init(questions: Int? = nil, price: String) {
            self.questions = questions
            self.price = price
        }
    }

    package struct View: Codable, Sendable {
        package var id: UUID
        package var project: String
        package var vendor: String?
        package var starts_on: String
        package var ends_on: String?
        package var tiers: [Tier]
        package var usage_percent: Double
        package var status: String
        package var status_name: String
        package var created_by: String
        package var approved_by: String?
    }

    package static func draft(_ input: Draft, by caller: Caller, at now: Date, on db: any Database) async throws -> PriceListModel {
        let project = try await ProjectService.find(input.project, scope: caller.scope, on: db)
        let vendor = try await input.vendor.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }.asyncMap { try await VendorReads.resolve($0, on: db) }
        var tiers: [PriceList.Tier] = []
        if let price = input.unit_price, !price.trimmingWhitespace().isEmpty { tiers.append(.init(questions: nil, fen: try Fen.parse(price, field: "unit_price"))) }
        for tier in input.tiers ?? [] { tiers.append(.init(questions: tier.questions, fen: try Fen.parse(tier.price, field: "tiers"))) }
        let usage = input.usage_percent ?? 0
        guard usage.isFinite, (0 ... 100).contains(usage) else {
            throw DomainError.invalidField("usage_percent", zh: "使用费提成比例须为 0–100", en: "The usage commission is 0–100 %")
        }
        guard usage == 0 || BusinessCategory.of(project.project.type).paidPerSale else {
            throw DomainError(.ruleRefused, code: "usage_not_allowed", zh: "使用费提成只用于营销类和策反类业务（E-06）",
                              en: "A usage-fee commission is for marketing and win-back work only (E-06)")
        }
        let list = PriceList(project: try project.project.requireID(), vendor: try vendor?.requireID(),
                             from: try LocalDate.parse(input.starts_on, field: "starts_on"),
                             to: try input.ends_on.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }.map { try LocalDate.parse($0, field: "ends_on") },
                             tiers: tiers, usageBasisPoints: Int((usage * 100).rounded()))
        return try await StoreTransaction.write(db) { tx in
            let others = try await PriceListModel.query(on: tx).filter(\.$projectID == list.project).all().compactMap(\.list)
            let checked = try list.validated(against: others)
            let model = PriceListModel()
            model.projectID = checked.project
            model.vendorID = checked.vendor
            model.startsOn = checked.from.description
            model.endsOn = checked.to?.description
            model.tiers = String(decoding: try JSONEncoder().encode(checked.tiers), as: UTF8.self)
            model.usageBasisPoints = checked.usageBasisPoints
            model.status = PriceList.Status.draft.rawValue
            model.createdBy = caller.name
            model.createdAt = now
            try await model.create(on: tx)
            try await caller.audit("price_list.draft", targetType: "price_list", targetID: project.project.code,
                                   detail: "\(vendor?.legalName ?? "全部外呼公司") \(checked.from) – \(checked.to?.description ?? "")", at: now, on: tx)
            return model
        }
    }

    package static func approve(_ id: UUID, by caller: Caller, at now: Date, on db: any Database) async throws -> PriceListModel {
        guard let model = try await PriceListModel.find(id, on: db) else { throw DomainError.notFound(LocalizedText(zh: "价格表", en: "price list")) }
        guard model.status == PriceList.Status.draft.rawValue else {
            throw DomainError(.conflict, code: "price_list_approved", zh: "该价格表已批准", en: "This price list is already approved")
        }
        // Only prices the deputy general manager approved take effect (RULES E-07).
        try await ApproverService.require(.deputyManager, caller, on: db)
        model.status = PriceList.Status.approved.rawValue
        model.approvedBy = caller.name
        model.approvedAt = now
        let project = try await ProjectModel.find(model.projectID, on: db)
        return try await StoreTransaction.write(db) { tx in
            try await model.save(on: tx)
            try await caller.audit("price_list.approve", targetType: "price_list", targetID: project?.code, detail: "\(model.startsOn) – \(model.endsOn ?? "")",
                                   at: now, on: tx)
            return model
        }
    }

    package static func list(project: String?, scope: AccessScope, language: Language, on db: any Database) async throws -> [View] {
        var query = PriceListModel.query(on: db).sort(\.$startsOn, .descending)
        if let project { query = query.filter(\.$projectID == (try await ProjectService.find(project, scope: scope, on: db).project.requireID())) }
        let projects = Dictionary(try await ProjectModel.query(on: db).all().compactMap { p in p.id.map { ($0, p.code) } }, uniquingKeysWith: { a, _ in a })
        let vendors = Dictionary(try await VendorModel.query(on: db).all().compactMap { v in v.id.map { ($0, v.legalName) } }, uniquingKeysWith: { a, _ in a })
        return try await query.all().compactMap { model in
            guard let id = model.id, let list = model.list else { return nil }
            return View(id: id, project: projects[model.projectID] ?? "", vendor: model.vendorID.flatMap { vendors[$0] }, starts_on: model.startsOn,
                        ends_on: model.endsOn, tiers: list.tiers.map { Tier(questions: $0.questions, price: Fen.yuan($0.fen)) },
                        usage_percent: Double(model.usageBasisPoints) / 100, status: model.status, status_name: list.status.name.text(language),
                        created_by: model.createdBy, approved_by: model.approvedBy)
        }
    }
}
