import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The vendor registry as its pages, API and the CLI read it.
package enum VendorReads {
    /// A vendor named by its legal name or by a site it operates.
    package static func resolve(_ name: String, on db: any Database) async throws -> VendorModel {
        let name = name.trimmingWhitespace()
        if let vendor = try await VendorModel.query(on: db).filter(\.$legalName == name).first() { return vendor }
        if let site = try await OrganisationQueries.site(named: name, on: db), let id = site.id,
           let vendor = try await VendorService.vendor(ofSite: id, on: db) {
            return vendor
        }
        throw DomainError.notFound(LocalizedText(zh: "外呼公司或其现场“\(name)”", en: "a vendor or vendor site named \(name)"))
    }
}

extension VendorReads {
    package struct Condition: Codable, Sendable {
        package var code: String
        package var rule: String
        package var text: String
        package var figure: String
        package var met: Bool
    }

    package struct Contract: Codable, Sendable {
        package var number: String
        package var starts_on: String
        package var ends_on: String
        package var nda_signed_on: String?
        package var nda_until: String?
        package var ticket_deduction: String
        package var complaint_deduction: String
        package var tolerance_percent: Int
        package var tolerance_floor: Int
        /// The service-quality table, a band a line (`95: +3.00%`).
        package var quality_bands: [String]
    }

    package struct View: Codable, Sendable {
        package var id: UUID
        package var legal_name: String
        package var model: String
        package var model_name: String
        package var categories: [String]
        package var category_names: [String]
        package var parent: String?
        package var sites: [String]
        package var contacts: String
        package var deposit: String
        package var franchise_fee: String
        package var facts: VendorService.Facts
        package var qualified_from: String?
        package var qualified_until: String?
        /// Every condition met: the vendor may be given projects once qualified.
        package var conditions_met: Bool
        package var conditions: [Condition]
        package var contracts: [Contract]
        /// Why data cannot go to the vendor today; empty when it can.
        package var data_gate: [String]
        package var grade: Int
        package var grade_name: String
        package var faults_last_year: Int?
        /// The year's inspected months (1–12); not shown to the vendor's own users.
        package var inspected_months: [Int]?
        package var exited_on: String?
        package var task_completed_on: String?
        /// A general or exclusive agent without this year's November verification report, from November on (D-23).
        package var annual_verification_due: Bool
        /// A specialised agent whose term ends within 60 days (or has ended) without this year's selection (D-20).
        package var selection_due: Bool
        /// Points to weigh in the next selection (D-44).
        package var points: Int
    }

    package static func view(_ vendor: VendorModel, scope: AccessScope, today: LocalDate, language: Language, on db: any Database) async throws -> View {
        let id = try vendor.requireID()
        let facts = vendor.qualification
        let year = vendor.qualifiedFrom.flatMap(LocalDate.init)?.year ?? today.year
        let conditions = QualificationCheck.conditions(facts, model: vendor.cooperation, year: year)
        let contracts = try await VendorContractModel.query(on: db).filter(\.$vendorID == id).sort(\.$startsOn).all()
        let siteIDs = try await VendorSiteModel.query(on: db).filter(\.$vendorID == id).all().map(\.siteID)
        let sites = siteIDs.isEmpty ? [] : try await SiteModel.query(on: db).filter(\.$id ~~ siteIDs).all().map(\.name).sorted()
        let parent = try await vendor.parentID.asyncMap { try await VendorModel.find($0, on: db)?.legalName }
        var gate: [String] = []
        if let site = siteIDs.first {
            do { try await VendorService.gate(site: site, on: today, db: db) } catch let error as DomainError { gate = [error.message.text(language)] }
        } else {
            gate = [language == .zh ? "尚未登记其经营的现场" : "No site of its is registered yet"]
        }
        let faults = try await faultsLastYear(vendor, today: today, on: db)
        let verified = try await VendorRecordModel.query(on: db).filter(\.$vendorID == id).filter(\.$kind == VendorAssessmentService.Kind.inspection.rawValue)
            .filter(\.$occurredOn >= "\(today.year)-01-01").count() > 0
        let due = [.general, .exclusive].contains(vendor.cooperation) && today.month >= 11 && !verified && vendor.exitedOn == nil
        let selectedThisYear = try await VendorRecordModel.query(on: db).filter(\.$vendorID == id)
            .filter(\.$kind == VendorAssessmentService.Kind.selection.rawValue).filter(\.$occurredOn >= "\(today.year)-01-01").count() > 0
        let termEnding = vendor.qualifiedUntil.flatMap(LocalDate.init).map { $0 <= today.addingDays(60) } ?? false
        let selectionDue = vendor.cooperation == .specialised && termEnding && !selectedThisYear && vendor.exitedOn == nil
        let points = VendorLedger.balances(try await VendorLedgerModel.query(on: db).filter(\.$vendorID == id).all().compactMap(\.entry)).points
        let grade = VendorGrade.from(faults: faults)
        return View(
            id: id, legal_name: vendor.legalName, model: vendor.model, model_name: vendor.cooperation.name.text(language),
            categories: vendor.businessCategories.map(\.rawValue), category_names: vendor.businessCategories.map { $0.name.text(language) },
            parent: parent ?? nil, sites: sites, contacts: vendor.contacts, deposit: Fen.yuan(vendor.depositFen), franchise_fee: Fen.yuan(vendor.franchiseFeeFen),
            facts: VendorService.Facts(licence_check_year: facts.licenceCheckYear, tax_registered: facts.taxRegistered,
                                       independent_legal_person: facts.independentLegalPerson, registered_capital: facts.registeredCapital,
                                       seats: facts.seats, agents: facts.agents, office_area: facts.officeArea,
                                       recording_retention_days: facts.recordingRetentionDays, experience_years: facts.experienceYears,
                                       warnings_last_year: facts.warningsLastYear, site_inspection_passed: facts.siteInspectionPassed),
            qualified_from: vendor.qualifiedFrom, qualified_until: vendor.qualifiedUntil, conditions_met: conditions.allSatisfy(\.met),
            conditions: conditions.map { Condition(code: $0.code, rule: $0.rule, text: $0.text.text(language), figure: $0.figure.text(language), met: $0.met) },
            contracts: contracts.map {
                Contract(number: $0.number, starts_on: $0.startsOn, ends_on: $0.endsOn, nda_signed_on: $0.ndaSignedOn, nda_until: $0.ndaUntil,
                         ticket_deduction: Fen.yuan($0.ticketDeductionFen), complaint_deduction: Fen.yuan($0.complaintDeductionFen),
                         tolerance_percent: $0.tolerancePercent, tolerance_floor: $0.toleranceFloor,
                         quality_bands: ($0.contract?.qualityBands ?? []).map(\.label))
            },
            data_gate: gate, grade: grade.rawValue, grade_name: grade.name.text(language), faults_last_year: faults,
            inspected_months: scope.boundSite == nil ? grade.inspectedMonths(year: today.year, vendor: id) : nil, exited_on: vendor.exitedOn,
            task_completed_on: vendor.taskCompletedOn, annual_verification_due: due, selection_due: selectionDue, points: points)
    }

    /// The faults of the previous calendar year; nil when the vendor was not registered for the whole of it (grade 3).
    package static func faultsLastYear(_ vendor: VendorModel, today: LocalDate, on db: any Database) async throws -> Int? {
        let year = today.year - 1
        let since = vendor.qualifiedFrom.flatMap(LocalDate.init) ?? LocalDate(vendor.createdAt, in: TimeZone(identifier: "UTC")!)
        guard since <= LocalDate(year: year, month: 1, day: 1)! else { return nil }
        return try await VendorRecordModel.query(on: db).filter(\.$vendorID == vendor.requireID()).filter(\.$kind == "fault")
            .filter(\.$occurredOn >= "\(year)-01-01").filter(\.$occurredOn <= "\(year)-12-31").count()
    }

    package static func list(scope: AccessScope, today: LocalDate, language: Language, on db: any Database) async throws -> [View] {
        var views: [View] = []
        for vendor in try await VendorModel.query(on: db).sort(\.$legalName).all() where try await VendorService.visible(try vendor.requireID(), scope: scope, on: db) {
            views.append(try await view(vendor, scope: scope, today: today, language: language, on: db))
        }
        return views
    }
}

extension VendorReads {
    /// The vendors whose work is inspected this month by their grade (D-39 – D-41), for the inspectors' spot-check
    /// page; empty for a vendor's own users, who are not told.
    package static func inspectedThisMonth(scope: AccessScope, today: LocalDate, on db: any Database) async throws -> [(vendor: String, sites: [String], grade: VendorGrade)] {
        guard scope.boundSite == nil else { return [] }
        var due: [(vendor: String, sites: [String], grade: VendorGrade)] = []
        for vendor in try await VendorModel.query(on: db).filter(\.$exitedOn == nil).sort(\.$legalName).all() {
            let id = try vendor.requireID()
            let grade = VendorGrade.from(faults: try await faultsLastYear(vendor, today: today, on: db))
            guard grade.inspectedMonths(year: today.year, vendor: id).contains(today.month) else { continue }
            let siteIDs = try await VendorSiteModel.query(on: db).filter(\.$vendorID == id).all().map(\.siteID)
            let sites = siteIDs.isEmpty ? [] : try await SiteModel.query(on: db).filter(\.$id ~~ siteIDs).all().map(\.name).sorted()
            due.append((vendor.legalName, sites, grade))
        }
        return due
    }
}
