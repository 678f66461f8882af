import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The vendor registry (issue 18 items 1–3, RULES D.1–D.3, D.12): registration with the sites a vendor operates, its
/// qualification facts and their check, the qualification term, contracts with their NDAs, and the data gate.
package enum VendorService {
    package struct Facts: Codable, Sendable {
        package var licence_check_year: Int?
        package var tax_registered: Bool?
        package var independent_legal_person: Bool?
        package var registered_capital: Int?
        package var seats: Int?
        package var agents: Int?
        package var office_area: Int?
        package var recording_retention_days: Int?
        package var experience_years: Int?
        package var warnings_last_year: Int?
        package var site_inspection_passed: Bool?

        package init(licence_check_year: Int? = nil, tax_registered: Bool? = nil, independent_legal_person: Bool? = nil, registered_capital: Int? = nil, seats: Int? = nil, agents: Int? = nil, office_area: Int? = nil, recording_retention_days: Int? = nil, experience_years: Int? = nil, warnings_last_year: Int? = nil, site_inspection_passed: Bool? = nil) {
            self.licence_check_year = licence_check_year
            self.tax_registered = tax_registered
            self.independent_legal_person = independent_legal_person
            self.registered_capital = registered_capital
            self.seats = seats
            self.agents = agents
            self.office_area = office_area
            self.recording_retention_days = recording_retention_days
            self.experience_years = experience_years
            self.warnings_last_year = warnings_last_year
            self.site_inspection_passed = site_inspection_passed
        }

        package var facts: QualificationFacts {
            QualificationFacts(licenceCheckYear: licence_check_year, taxRegistered: tax_registered ?? false,
                               independentLegalPerson: independent_legal_person ?? false, registeredCapital: registered_capital, seats: seats,
                               agents: agents, officeArea: office_area, recordingRetentionDays: recording_retention_days,
                               experienceYears: experience_years, warningsLastYear: warnings_last_year ?? 0,
                               siteInspectionPassed: site_inspection_passed)
        }
    }

    package struct Registration: Codable, Sendable {
        package var legal_name: String
        package var model: String
        /// Comma-separated `BusinessCategory` codes.
        package var categories: String
        package var parent: String?
        /// The names of the vendor-kind sites it operates.
        package var sites: [String]?
        package var contacts: String?
        package var deposit: String?
        package var franchise_fee: String?
        package var facts: Facts?
        /// A specialised agent's task completed (D-18): its statements stop being provisional.
        package var task_completed_on: String?

        package init(legal_name: String, model: String, categories: String, parent: String? = nil, sites: [String]? = nil, contacts: String? = nil, deposit: String? = nil, franchise_fee: String? = nil, facts: Facts? = nil, task_completed_on: String? = nil) {
            self.legal_name = legal_name
            self.model = model
            self.categories = categories
            self.parent = parent
            self.sites = sites
            self.contacts = contacts
            self.deposit = deposit
            self.franchise_fee = franchise_fee
            self.facts = facts
            self.task_completed_on = task_completed_on
        }
    }

    package static func register(_ input: Registration, by caller: Caller, at now: Date, on db: any Database) async throws -> VendorModel {
        let vendor = VendorModel()
        vendor.id = UUID()
        vendor.createdBy = caller.name
        vendor.createdAt = now
        let sites = try await apply(input, to: vendor, on: db)
        return try await StoreTransaction.write(db) { tx in
            guard try await VendorModel.query(on: tx).filter(\.$legalName == vendor.legalName).first() == nil else {
                throw DomainError(.conflict, code: "vendor_exists", zh: "外呼公司“\(vendor.legalName)”已登记", en: "The vendor \(vendor.legalName) is already registered")
            }
            try await vendor.create(on: tx)
            try await link(sites, to: try vendor.requireID(), on: tx)
            try await caller.audit("vendor.register", targetType: "vendor", targetID: vendor.legalName,
                                   detail: "\(vendor.cooperation.name.zh) \(vendor.categories)", at: now, on: tx)
            return vendor
        }
    }

    package static func update(_ id: UUID, _ input: Registration, by caller: Caller, at now: Date, on db: any Database) async throws -> VendorModel {
        let vendor = try await find(id, scope: caller.scope, on: db)
        let sites = try await apply(input, to: vendor, on: db)
        return try await StoreTransaction.write(db) { tx in
            if let other = try await VendorModel.query(on: tx).filter(\.$legalName == vendor.legalName).first(), other.id != id {
                throw DomainError(.conflict, code: "vendor_exists", zh: "外呼公司“\(vendor.legalName)”已登记", en: "The vendor \(vendor.legalName) is already registered")
            }
            try await vendor.save(on: tx)
            try await VendorSiteModel.query(on: tx).filter(\.$vendorID == id).delete()
            try await link(sites, to: id, on: tx)
            try await caller.audit("vendor.update", targetType: "vendor", targetID: vendor.legalName, at: now, on: tx)
            return vendor
        }
    }

    /// Reads the registration into the vendor and returns the sites to link; refuses what the seeds forbid.
    static func apply(_ input: Registration, to vendor: VendorModel, on db: any Database) async throws -> [UUID] {
        let name = input.legal_name.trimmingWhitespace()
        guard !name.isEmpty, name.count <= 100 else {
            throw DomainError.invalidField("legal_name", zh: "请填写外呼公司的法定名称（最多 100 字）", en: "Give the vendor's legal name (100 characters at most)")
        }
        if let other = try await VendorModel.query(on: db).filter(\.$legalName == name).first(), other.id != vendor.id {
            throw DomainError(.conflict, code: "vendor_exists", zh: "外呼公司“\(name)”已登记", en: "The vendor \(name) is already registered")
        }
        let model = try CooperationModel.parse(input.model)
        let categories = try BusinessCategory.parseList(input.categories)
        let facts = try (input.facts?.facts ?? QualificationFacts()).validated()
        var parent: UUID?
        if let parentName = input.parent?.trimmingWhitespace(), !parentName.isEmpty {
            guard let found = try await VendorModel.query(on: db).filter(\.$legalName == parentName).first(), found.cooperation == .general,
                  found.id != vendor.id else {
                throw DomainError(.ruleRefused, code: "parent_not_general",
                                  zh: "上级“\(parentName)”须为已登记的总代理（D-01）", en: "The parent \(parentName) must be a registered general agent (D-01)")
            }
            parent = found.id
        }
        if parent == nil { try await checkCategoryHolders(model: model, categories: categories, vendor: vendor.id, on: db) }
        vendor.legalName = name
        vendor.model = model.rawValue
        vendor.categories = categories.map(\.rawValue).joined(separator: ",")
        vendor.parentID = parent
        vendor.facts = String(decoding: try JSONEncoder().encode(facts), as: UTF8.self)
        vendor.contacts = String((input.contacts ?? "").trimmingWhitespace().prefix(500))
        vendor.depositFen = try input.deposit.map { try Fen.parse($0, field: "deposit") } ?? 0
        vendor.franchiseFeeFen = try input.franchise_fee.map { try Fen.parse($0, field: "franchise_fee") } ?? 0
        vendor.taskCompletedOn = try input.task_completed_on.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
            .map { try LocalDate.parse($0, field: "task_completed_on").description }
        var sites: [UUID] = []
        for siteName in input.sites ?? [] where !siteName.trimmingWhitespace().isEmpty {
            guard let site = try await OrganisationQueries.site(named: siteName.trimmingWhitespace(), on: db), let siteID = site.id else {
                throw DomainError.notFound(LocalizedText(zh: "现场 \(siteName)", en: "site \(siteName)"))
            }
            guard site.kind == .vendor else {
                throw DomainError(.ruleRefused, code: "site_not_vendor", zh: "现场“\(site.name)”是自有现场，不能归属外呼公司",
                                  en: "The site \(site.name) is the center's own and cannot belong to a vendor")
            }
            if let owner = try await VendorSiteModel.query(on: db).filter(\.$siteID == siteID).first(), owner.vendorID != vendor.id {
                throw DomainError(.conflict, code: "site_taken", zh: "现场“\(site.name)”已归属另一家外呼公司", en: "The site \(site.name) belongs to another vendor")
            }
            sites.append(siteID)
        }
        return sites
    }

    /// D-02, D-03: one general agent per category, and no other top-level agent in a category a general agent holds.
    static func checkCategoryHolders(model: CooperationModel, categories: [BusinessCategory], vendor: UUID?, on db: any Database) async throws {
        let others = try await VendorModel.query(on: db).filter(\.$exitedOn == nil).filter(\.$parentID == nil).all().filter { $0.id != vendor }
        for other in others {
            let shared = Set(other.businessCategories).intersection(categories)
            guard let category = shared.first else { continue }
            if other.cooperation == .general || model == .general {
                throw DomainError(.ruleRefused, code: "category_has_general_agent",
                                  zh: "\(category.name.zh)业务已由“\(other.legalName)”\(other.cooperation == .general ? "作为总代理经营" : "经营")；每类业务只设一个总代理，其下只能发展下属外呼公司（D-02）",
                                  en: "\(category.name.en) work is held by \(other.legalName)\(other.cooperation == .general ? " as the general agent" : ""); a category has one general agent, and others work under it (D-02)")
            }
        }
    }

    static func link(_ sites: [UUID], to vendor: UUID, on db: any Database) async throws {
        for site in sites { try await VendorSiteModel(vendorID: vendor, siteID: site).create(on: db) }
    }

    /// A vendor the caller may see: a vendor user only its own.
    package static func find(_ id: UUID, scope: AccessScope, on db: any Database) async throws -> VendorModel {
        guard let vendor = try await VendorModel.find(id, on: db), try await visible(id, scope: scope, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "外呼公司", en: "vendor"))
        }
        return vendor
    }

    package static func visible(_ vendor: UUID, scope: AccessScope, on db: any Database) async throws -> Bool {
        guard let site = scope.boundSite else { return true }
        return try await VendorSiteModel.query(on: db).filter(\.$siteID == site).first()?.vendorID == vendor
    }

    /// Grants the qualification from a day for the model's term, when every condition is met and no ban stands.
    package static func qualify(_ id: UUID, from day: LocalDate, override: String?, by caller: Caller, at now: Date,
                                on db: any Database) async throws -> VendorModel {
        let vendor = try await find(id, scope: caller.scope, on: db)
        try await grantQualification(vendor, from: day, override: override, on: db)
        return try await StoreTransaction.write(db) { tx in
            try await vendor.save(on: tx)
            let overridden = override.map { "，特批：\($0)" } ?? ""
            try await caller.audit("vendor.qualify", targetType: "vendor", targetID: vendor.legalName,
                                   detail: "\(vendor.qualifiedFrom ?? "") – \(vendor.qualifiedUntil ?? "")\(overridden)", at: now, on: tx)
            return vendor
        }
    }

    /// Sets the qualification's term from a day for the vendor's model, unsaved; refuses a condition not met (the
    /// licence checked in the year of `decided`, the term's first day when not given) or a ban.
    static func grantQualification(_ vendor: VendorModel, from day: LocalDate, decided: LocalDate? = nil, override: String?, on db: any Database) async throws {
        let id = try vendor.requireID()
        let failures = QualificationCheck.failures(vendor.qualification, model: vendor.cooperation, year: (decided ?? day).year)
        guard failures.isEmpty else {
            throw DomainError(.ruleRefused, code: "qualification_failed",
                              zh: "资格条件未满足：" + failures.map { "\($0.text.zh)（现为 \($0.figure.zh)）" }.joined(separator: "；"),
                              en: "Conditions not met: " + failures.map { "\($0.text.en) (now \($0.figure.en))" }.joined(separator: "; "))
        }
        let exits = try await VendorExitModel.query(on: db).filter(\.$vendorID == id).filter(\.$step == ExitStep.exited.rawValue).all()
            .compactMap { exit -> (kind: ExitKind, category: BusinessCategory?, on: LocalDate)? in
                guard let kind = ExitKind(rawValue: exit.kind), let on = exit.exitedOn.flatMap(LocalDate.init) else { return nil }
                return (kind, exit.category.flatMap(BusinessCategory.init), on)
            }
        if let refusal = ReapplicationBan.refusal(exits: exits, categories: vendor.businessCategories, today: day, override: override) { throw refusal }
        vendor.qualifiedFrom = day.description
        vendor.qualifiedUntil = day.addingMonths(12 * vendor.cooperation.qualificationYears).addingDays(-1).description
        if exits.contains(where: { $0.kind == .qualification }) { vendor.exitedOn = nil }
    }
}
