import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Contracts, NDAs and the gate every allocation to a vendor's site passes (issue 18 item 3, PIPL Art. 21).
extension VendorService {
    package struct Contract: Codable, Sendable {
        package var number: String
        package var starts_on: String
        package var ends_on: String
        package var nda_signed_on: String?
        package var nda_until: String?
        /// Yuan; the seed's ¥50 and ¥100 when not given.
        package var ticket_deduction: String?
        package var complaint_deduction: String?
        package var tolerance_percent: Int?
        package var tolerance_floor: Int?
        /// The service-quality table (E-03), `score: percent` a line; none when empty.
        package var quality_bands: String?

        package init(number: String, starts_on: String, ends_on: String, nda_signed_on: String? = nil, nda_until: String? = nil, ticket_deduction: String? = nil, complaint_deduction: String? = nil, tolerance_percent: Int? = nil, tolerance_floor: Int? = nil, quality_bands: String? = nil) {
            self.number = number
            self.starts_on = starts_on
            self.ends_on = ends_on
            self.nda_signed_on = nda_signed_on
            self.nda_until = nda_until
            self.ticket_deduction = ticket_deduction
            self.complaint_deduction = complaint_deduction
            self.tolerance_percent = tolerance_percent
            self.tolerance_floor = tolerance_floor
            self.quality_bands = quality_bands
        }
    }

    package static func addContract(_ vendorID: UUID, _ input: Contract, by caller: Caller, at now: Date, on db: any Database) async throws -> VendorContractModel {
        let vendor = try await find(vendorID, scope: caller.scope, on: db)
        func day(_ text: String?, _ field: String) throws(DomainError) -> LocalDate? {
            guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
            return try LocalDate.parse(text, field: field)
        }
        guard let from = try day(input.starts_on, "starts_on") else { throw DomainError.missingField("starts_on") }
        guard let to = try day(input.ends_on, "ends_on") else { throw DomainError.missingField("ends_on") }
        let contract = try VendorContract(
            number: input.number, from: from, to: to, ndaSignedOn: try day(input.nda_signed_on, "nda_signed_on"), ndaUntil: try day(input.nda_until, "nda_until"),
            ticketDeductionFen: try input.ticket_deduction.map { try Fen.parse($0, field: "ticket_deduction") } ?? VendorContract.defaultTicketDeduction,
            complaintDeductionFen: try input.complaint_deduction.map { try Fen.parse($0, field: "complaint_deduction") } ?? VendorContract.defaultComplaintDeduction,
            tolerancePercent: input.tolerance_percent ?? VendorContract.defaultTolerancePercent,
            toleranceFloor: input.tolerance_floor ?? VendorContract.defaultToleranceFloor,
            qualityBands: try QualityBand.parse(input.quality_bands ?? "")).validated()
        let model = VendorContractModel()
        model.vendorID = vendorID
        model.number = contract.number
        model.startsOn = contract.from.description
        model.endsOn = contract.to.description
        model.ndaSignedOn = contract.ndaSignedOn?.description
        model.ndaUntil = contract.ndaUntil?.description
        model.ticketDeductionFen = contract.ticketDeductionFen
        model.complaintDeductionFen = contract.complaintDeductionFen
        model.tolerancePercent = contract.tolerancePercent
        model.toleranceFloor = contract.toleranceFloor
        model.qualityBands = String(decoding: try JSONEncoder().encode(contract.qualityBands), as: UTF8.self)
        model.createdBy = caller.name
        model.createdAt = now
        return try await StoreTransaction.write(db) { tx in
            guard try await VendorContractModel.query(on: tx).filter(\.$number == contract.number).first() == nil else {
                throw DomainError(.conflict, code: "contract_exists", zh: "合同编号 \(contract.number) 已登记", en: "The contract \(contract.number) is already recorded")
            }
            try await model.create(on: tx)
            let nda = contract.ndaSignedOn.map { "，保密协议 \($0) 签订" } ?? "，未签保密协议"
            try await caller.audit("vendor.contract", targetType: "vendor", targetID: vendor.legalName,
                                   detail: "\(contract.number) \(contract.from) – \(contract.to)\(nda)", at: now, on: tx)
            return model
        }
    }

    /// The vendor owning a site, or nil for the center's own sites.
    package static func vendor(ofSite site: UUID, on db: any Database) async throws -> VendorModel? {
        guard let link = try await VendorSiteModel.query(on: db).filter(\.$siteID == site).first() else { return nil }
        return try await VendorModel.find(link.vendorID, on: db)
    }

    /// May customer data go to this site's agents today? A vendor's site needs its vendor registered, not exited,
    /// qualified for the day with every condition met, and a contract and a signed NDA in force (the refusal says
    /// which is missing). The center's own sites pass.
    package static func gate(site: UUID, on day: LocalDate, db: any Database) async throws {
        guard let site = try await SiteModel.find(site, on: db), site.kind == .vendor else { return }
        guard let vendor = try await vendor(ofSite: try site.requireID(), on: db), let vendorID = vendor.id else {
            throw DomainError(.ruleRefused, code: "vendor_not_registered",
                              zh: "现场“\(site.name)”属于外呼公司，但尚未在外呼公司名录中登记，不能分配客户数据",
                              en: "The site \(site.name) is a vendor's but its vendor is not registered; no customer data can go to it")
        }
        if let exited = vendor.exitedOn {
            throw DomainError(.ruleRefused, code: "vendor_exited", zh: "外呼公司“\(vendor.legalName)”已于 \(exited) 退出", en: "The vendor \(vendor.legalName) exited on \(exited)")
        }
        guard let from = vendor.qualifiedFrom.flatMap(LocalDate.init), let until = vendor.qualifiedUntil.flatMap(LocalDate.init),
              from <= day, day <= until else {
            throw DomainError(.ruleRefused, code: "vendor_not_qualified",
                              zh: "外呼公司“\(vendor.legalName)”在 \(day) 没有有效的代理资格（D-07），不能分配项目数据",
                              en: "The vendor \(vendor.legalName) holds no valid qualification on \(day) (D-07); it cannot be given project data")
        }
        let failures = QualificationCheck.failures(vendor.qualification, model: vendor.cooperation, year: from.year)
        guard failures.isEmpty else {
            throw DomainError(.ruleRefused, code: "qualification_failed",
                              zh: "外呼公司“\(vendor.legalName)”资格条件未满足：" + failures.map(\.text.zh).joined(separator: "；"),
                              en: "The vendor \(vendor.legalName) does not meet: " + failures.map(\.text.en).joined(separator: "; "))
        }
        let contracts = try await VendorContractModel.query(on: db).filter(\.$vendorID == vendorID).all().compactMap(\.contract)
        try DataProtectionGate.check(vendor: vendor.legalName, contracts: contracts, on: day)
    }
}

extension VendorService {
    /// The agents of these that may not be given customer data today: those of a vendor's site that fails the gate
    /// (the dialer passes them over at every reservation). The vendors' sites are read first — none, and nothing more
    /// is read; then only the agents at those sites, two columns of them, and one gate per site.
    package static func barred(_ agents: [UUID], on day: LocalDate, db: any Database) async throws -> Set<UUID> {
        guard !agents.isEmpty else { return [] }
        let vendorSites = Set(try await VendorSiteModel.query(on: db).field(\.$siteID).all().map(\.siteID))
        guard !vendorSites.isEmpty else { return [] }
        let atVendors = try await AgentModel.query(on: db).filter(\.$id ~~ agents).filter(\.$siteID ~~ vendorSites)
            .field(\.$id).field(\.$siteID).all()
        var barred = Set<UUID>()
        for (site, agents) in Dictionary(grouping: atVendors, by: \.siteID) {
            do {
                try await gate(site: site, on: day, db: db)
            } catch is DomainError {
                barred.formUnion(agents.compactMap(\.id))
            }
        }
        return barred
    }
}
