import FluentKit
import Foundation
import WaihuCore
import WaihuStore

extension VendorService {
    /// Promotes an exclusive agent to general agent of its categories (RULES D-04): it must meet the general agent's
    /// conditions (D-12) and no general agent may hold its categories; its qualification restarts today for the general
    /// agent's term, and every other top-level vendor sharing a category becomes its second-level agent, in one
    /// transaction. Returns the vendors moved under it.
    package static func promote(_ id: UUID, by caller: Caller, at now: Date, on db: any Database) async throws -> [String] {
        let vendor = try await find(id, scope: caller.scope, on: db)
        guard vendor.cooperation == .exclusive, vendor.parentID == nil, vendor.exitedOn == nil else {
            throw DomainError(.ruleRefused, code: "not_exclusive_agent",
                              zh: "只有在册的一级专营代理可以晋升为总代理（D-04），“\(vendor.legalName)”是\(vendor.cooperation.name.zh)",
                              en: "Only a registered top-level exclusive agent can be promoted to general agent (D-04); \(vendor.legalName) is a \(vendor.cooperation.name.en.lowercased())")
        }
        let others = try await VendorModel.query(on: db).filter(\.$exitedOn == nil).filter(\.$parentID == nil).all()
            .filter { $0.id != id && !Set($0.businessCategories).isDisjoint(with: vendor.businessCategories) }
        if let general = others.first(where: { $0.cooperation == .general }) {
            throw DomainError(.ruleRefused, code: "category_has_general_agent",
                              zh: "“\(general.legalName)”已是该类业务的总代理，每类业务只设一个总代理（D-02）",
                              en: "\(general.legalName) is already the category's general agent; a category has one (D-02)")
        }
        let today = LocalDate(now, in: try await OrganisationQueries.timeZone(on: db))
        vendor.model = CooperationModel.general.rawValue
        try await grantQualification(vendor, from: today, override: nil, on: db)
        let moved = others.map(\.legalName).sorted()
        return try await StoreTransaction.write(db) { tx in
            try await vendor.save(on: tx)
            for other in others {
                other.parentID = id
                try await other.save(on: tx)
            }
            try await caller.audit("vendor.promote", targetType: "vendor", targetID: vendor.legalName,
                                   detail: "晋升为总代理，资格 \(vendor.qualifiedFrom ?? "") – \(vendor.qualifiedUntil ?? "")"
                                       + (moved.isEmpty ? "" : "；改为二级代理：" + moved.joined(separator: "、")), at: now, on: tx)
            return moved
        }
    }
}
