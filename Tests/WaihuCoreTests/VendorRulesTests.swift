import Foundation
import Testing
@testable import WaihuCore

/// The vendor rules of RULES D: qualification per model, grades and inspected months, the data gate, exits and bans.
@Suite struct VendorRulesTests {
    static let able = QualificationFacts(licenceCheckYear: 2026, taxRegistered: true, independentLegalPerson: true, registeredCapital: 500_000,
                                         seats: 10, agents: 15, officeArea: 50, recordingRetentionDays: 90, experienceYears: 3,
                                         warningsLastYear: 0, siteInspectionPassed: true)

    @Test func theSeedsMinimaAreMetExactlyAtTheirFigures() {
        for model in CooperationModel.allCases {
            #expect(QualificationCheck.failures(Self.able, model: model, year: 2026).isEmpty, "\(model) at the minima")
        }
        // One below each minimum fails just that condition.
        let cases: [(WritableKeyPath<QualificationFacts, Int?>, String)] = [
            (\.registeredCapital, "capital"), (\.seats, "seats"), (\.agents, "agents"), (\.officeArea, "office_area"),
            (\.recordingRetentionDays, "recording_retention"),
        ]
        for (path, code) in cases {
            var facts = Self.able
            facts[keyPath: path] = facts[keyPath: path]! - 1
            #expect(QualificationCheck.failures(facts, model: .exclusive, year: 2026).map(\.code) == [code])
        }
        var stale = Self.able
        stale.licenceCheckYear = 2025
        #expect(QualificationCheck.failures(stale, model: .general, year: 2026).map(\.code) == ["licence_checked"])
        #expect(QualificationCheck.failures(stale, model: .general, year: 2025).isEmpty && QualificationCheck.failures(Self.able, model: .general, year: 2025).isEmpty,
                "a check of the year or a later one")
    }

    @Test func eachModelAsksItsOwnExperienceAndRecord() {
        var facts = Self.able
        facts.experienceYears = 1
        facts.warningsLastYear = 2
        facts.siteInspectionPassed = nil
        // General: 3 years and no warning; exclusive: 1 year and at most 2 warnings; specialised: 2 years and an inspection.
        #expect(QualificationCheck.failures(facts, model: .general, year: 2026).map(\.code) == ["experience", "no_bad_record"])
        #expect(QualificationCheck.failures(facts, model: .exclusive, year: 2026).isEmpty)
        #expect(QualificationCheck.failures(facts, model: .specialised, year: 2026).map(\.code) == ["experience", "site_inspection"])
        facts.warningsLastYear = 3
        #expect(QualificationCheck.failures(facts, model: .exclusive, year: 2026).map(\.code) == ["warnings"])
        let missing = QualificationCheck.conditions(QualificationFacts(), model: .exclusive, year: 2026).first { $0.code == "seats" }
        #expect(missing?.figure.zh == "—" && missing?.met == false)
        #expect(CooperationModel.allCases.map(\.qualificationYears) == [3, 2, 1])
    }

    @Test func gradesFollowTheFaultsOfTheYear() {
        #expect(VendorGrade.from(faults: 0) == .one)
        #expect(VendorGrade.from(faults: 1) == .two && VendorGrade.from(faults: 9) == .two)
        #expect(VendorGrade.from(faults: 10) == .three && VendorGrade.from(faults: 11) == .three)
        #expect(VendorGrade.from(faults: nil) == .three, "a vendor without a full year starts at grade 3")
    }

    @Test func inspectedMonthsAreOnePerPeriodAndTheSameOnEveryDraw() {
        let vendor = UUID()
        let one = VendorGrade.one.inspectedMonths(year: 2027, vendor: vendor)
        #expect(one.count == 2 && (1 ... 6).contains(one[0]) && (7 ... 12).contains(one[1]))
        let two = VendorGrade.two.inspectedMonths(year: 2027, vendor: vendor)
        #expect(two.count == 4 && zip(two, [1, 4, 7, 10]).allSatisfy { month, first in (first ... first + 2).contains(month) })
        #expect(VendorGrade.three.inspectedMonths(year: 2027, vendor: vendor) == Array(1 ... 12))
        #expect(VendorGrade.two.inspectedMonths(year: 2027, vendor: vendor) == two, "the same draw again")
        // Over many vendors every month of a quarter is drawn sometimes: a real draw, not a fixed month.
        let drawn = Set((0 ..< 200).map { _ in VendorGrade.two.inspectedMonths(year: 2027, vendor: UUID())[0] })
        #expect(drawn == [1, 2, 3])
    }

    @Test func dataGoesToAVendorOnlyUnderAContractAndASignedNDA() throws {
        let day = LocalDate("2026-11-10")!
        let contract = VendorContract(number: "C-1", from: LocalDate("2026-01-01")!, to: LocalDate("2026-12-31")!)
        #expect(DataProtectionGate.refusals(contracts: [], on: day).count == 2)
        #expect(DataProtectionGate.refusals(contracts: [contract], on: day).map(\.en) == ["no signed confidentiality agreement (NDA) valid on 2026-11-10"])
        var signed = contract
        signed.ndaSignedOn = LocalDate("2026-11-11")!
        #expect(DataProtectionGate.refusals(contracts: [signed], on: day).count == 1, "signed only the day after")
        signed.ndaSignedOn = LocalDate("2026-01-05")!
        #expect(DataProtectionGate.refusals(contracts: [signed], on: day).isEmpty)
        #expect(DataProtectionGate.refusals(contracts: [signed], on: LocalDate("2027-01-02")!).map(\.en) == [
            "no contract in force on 2027-01-02", "no signed confidentiality agreement (NDA) valid on 2027-01-02",
        ])
        #expect(throws: DomainError.self) { try DataProtectionGate.check(vendor: "V", contracts: [contract], on: day) }
    }

    @Test func warningsLateRectificationsAndTheVetoOpenExitCases() {
        let opened = LocalDate("2026-11-01")!
        #expect(!VendorAssessment.isLate(openedOn: opened, closedOn: LocalDate("2026-11-15")!, today: LocalDate("2026-12-01")!), "14 days")
        #expect(VendorAssessment.isLate(openedOn: opened, closedOn: LocalDate("2026-11-16")!, today: LocalDate("2026-12-01")!), "15 days")
        #expect(VendorAssessment.isLate(openedOn: opened, closedOn: nil, today: LocalDate("2026-11-16")!), "still open after 15 days")
        #expect(VendorAssessment.exitTriggers(warnings: 2, lateRectifications: 0, vetoFindings: 0, alreadyOpened: []).isEmpty)
        #expect(VendorAssessment.exitTriggers(warnings: 3, lateRectifications: 1, vetoFindings: 1, alreadyOpened: [.lateRectification])
            == [.threeWarnings, .veto])
    }

    @Test func anExitPassesThreeLevelsAndThenBansTheVendor() throws {
        var step = ExitStep.opened
        var levels: [ExitApprovalLevel] = []
        while let level = step.level {
            levels.append(level)
            step = try step.approved()
        }
        #expect(levels == [.center, .marketing, .deputyManager] && step == .exited)
        #expect(throws: DomainError.self) { try step.approved() }
        #expect(try ExitStep.centerApproved.rejected() == .rejected)

        let exited = LocalDate("2025-03-01")!
        let qualification = [(kind: ExitKind.qualification, category: BusinessCategory?.none, on: exited)]
        #expect(ReapplicationBan.refusal(exits: qualification, categories: [.service], today: LocalDate("2027-02-28")!, override: nil)?.code == "vendor_banned")
        #expect(ReapplicationBan.refusal(exits: qualification, categories: [.service], today: LocalDate("2027-03-01")!, override: nil) == nil)
        #expect(ReapplicationBan.refusal(exits: qualification, categories: [.service], today: LocalDate("2026-03-01")!, override: "副总特批") == nil)
        let category = [(kind: ExitKind.business, category: BusinessCategory?.some(.marketing), on: exited)]
        #expect(ReapplicationBan.refusal(exits: category, categories: [.marketing], today: LocalDate("2026-02-28")!, override: nil)?.code == "category_banned")
        #expect(ReapplicationBan.refusal(exits: category, categories: [.service], today: LocalDate("2026-02-28")!, override: nil) == nil)
        #expect(ReapplicationBan.refusal(exits: category, categories: [.marketing], today: LocalDate("2026-03-01")!, override: nil) == nil)
    }

    @Test func moneyIsReadAndWrittenToTheFen() throws {
        #expect(try [Fen.parse("12.5", field: "p"), Fen.parse("0.05", field: "p"), Fen.parse("-3.10", field: "p", signed: true)] == [1_250, 5, -310])
        for bad in ["", "1.234", "-1", "1e3", "+2", "1.", ".5"] { #expect(throws: DomainError.self) { try Fen.parse(bad, field: "p") } }
        #expect(Fen.yuan(123_456) == "1234.56" && Fen.yuan(-5) == "-0.05" && Fen.yuan(0) == "0.00")
        #expect(Fen.share(10_000, basisPoints: 250) == 250 && Fen.share(199, basisPoints: 250) == 5, "4.975 fen rounds to 5")
    }
}
