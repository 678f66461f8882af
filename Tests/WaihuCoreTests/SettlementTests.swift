import Foundation
import Testing
@testable import WaihuCore

/// A vendor's month worked out by hand (RULES E): prices changing mid-month and a vendor's own list, tiers by script
/// length, verification, usage commission, deductions from the contract and the ledger, reconciliation.
@Suite struct SettlementTests {
    static let vendor = UUID(), a = UUID(), b = UUID(), c = UUID()
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    static var input: SettlementInput {
        let prices = [
            PriceList(project: a, from: day("2026-11-01"), to: day("2026-11-15"), tiers: [.init(questions: nil, fen: 2_000)], status: .approved),
            PriceList(project: a, from: day("2026-11-16"), tiers: [.init(questions: nil, fen: 2_500)], status: .approved),
            PriceList(project: a, vendor: vendor, from: day("2026-11-20"), to: day("2026-11-30"), tiers: [.init(questions: nil, fen: 3_000)],
                      usageBasisPoints: 500, status: .approved),
            PriceList(project: b, from: day("2026-11-01"), tiers: [.init(questions: 10, fen: 800), .init(questions: nil, fen: 1_200)], status: .approved),
            PriceList(project: b, vendor: vendor, from: day("2026-11-01"), tiers: [.init(questions: nil, fen: 5_000)], status: .draft),
        ]
        return SettlementInput(
            vendor: vendor,
            projects: [.init(id: a, code: "A", name: "宽带营销", questions: 3), .init(id: b, code: "B", name: "满意度", questions: 12),
                       .init(id: c, code: "C", name: "回访", questions: 5)],
            days: [.init(project: a, day: day("2026-11-03"), units: 10, notVerified: 1), .init(project: a, day: day("2026-11-16"), units: 8, notVerified: 0),
                   .init(project: a, day: day("2026-11-21"), units: 5, notVerified: 2), .init(project: b, day: day("2026-11-02"), units: 40, notVerified: 0),
                   .init(project: c, day: day("2026-11-05"), units: 3, notVerified: 0)],
            prices: prices, usageFees: [a: 12_345], unqualifiedTickets: 2, validComplaints: 1,
            ledger: [.init(rule: "vendor.manual", name: LocalizedText(zh: "扣款", en: "Deduction"), reward: false, fen: 3_000),
                     .init(rule: "vendor.manual", name: LocalizedText(zh: "扣款", en: "Deduction"), reward: false, fen: 2_000),
                     .init(rule: "vendor.reward", name: LocalizedText(zh: "奖励", en: "Reward"), reward: true, fen: 20_000)],
            contract: VendorContract(number: "C-1", from: day("2026-01-01"), to: day("2026-12-31")))
    }

    @Test func theStatementAgreesWithTheHandComputation() {
        let statement = Settlement.compute(Self.input)
        // A: ¥20 on the 3rd (10 − 1 not verified = 9 → 18,000 fen), ¥25 on the 16th (8 → 20,000), the vendor's own ¥30 on
        // the 21st (5 − 2 = 3 → 9,000). B: 12 questions is past the 10-question tier → ¥12 × 40 = 48,000 (the vendor's
        // draft list is not used). C: no approved list → unpriced.
        #expect(statement.lines.map { [$0.unitPriceFen ?? -1, $0.units, $0.notVerified, $0.billable, $0.amountFen] } == [
            [2_000, 10, 1, 9, 18_000], [2_500, 8, 0, 8, 20_000], [3_000, 5, 2, 3, 9_000], [1_200, 40, 0, 40, 48_000], [-1, 3, 0, 3, 0],
        ])
        #expect(statement.unpricedUnits == 3)
        // Usage: 5 % of ¥123.45 = 617.25 fen → 617.
        #expect(statement.usage.map(\.amountFen) == [617])
        // Deductions: 2 tickets × ¥50, 1 complaint × ¥100, the ledger's ¥30 + ¥20; reward ¥200.
        #expect(statement.deductions.map { [$0.count, $0.amountFen] } == [[2, 10_000], [1, 10_000], [2, 5_000]])
        #expect(statement.rewardsFen == 20_000)
        #expect(statement.subtotalFen == 18_000 + 20_000 + 9_000 + 48_000 + 617 - 25_000 + 20_000)
    }

    @Test func reconciliationAcceptsWithinTheToleranceAndDisputesBeyond() throws {
        let input = Self.input
        let statement = Settlement.compute(input)
        let names = [Self.a: "A", Self.b: "B", Self.c: "C"]
        // B: Waihu 40, tolerance max(1 % of 40 rounded up = 1, 5) = 5; the vendor says 46 (6 more): disputed.
        let lines = try Reconciliation.lines(statement: statement, counts: [Self.a: 20, Self.b: 46, Self.c: 3], contract: input.contract, names: names)
        #expect(lines.map(\.outcome) == [.accepted, .disputed, .accepted] && lines.map(\.waihu) == [20, 40, 3] && lines[1].tolerance == 5)
        #expect(try Reconciliation.lines(statement: statement, counts: [Self.a: 20, Self.b: 45, Self.c: 3], contract: input.contract, names: names)[1]
            .outcome == .accepted, "5 more is within")
        #expect(Reconciliation.status(after: lines) == .draft)
        #expect(Reconciliation.approvalRefusal(status: .draft, lines: lines, statement: statement, provisional: false)?.code == "disputed_lines")
        #expect(Reconciliation.approvalRefusal(status: .draft, lines: [], statement: statement, provisional: false)?.code == "not_reconciled")
        #expect(Reconciliation.approvalRefusal(status: .approved, lines: [], statement: statement, provisional: false)?.code == "statement_state")

        var settled = lines
        settled[1] = try Reconciliation.settle(lines[1], units: 43, reason: "核对通话记录后认可 43 条", by: "manager")
        #expect(Reconciliation.status(after: settled) == .reconciled)
        // 3 more units at B's ¥12: 3,600 fen.
        #expect(Reconciliation.adjustmentFen(settled, statement: statement) == 3_600)
        // Still C's unpriced units stop the approval; a statement without them and a specialised agent's provisional one.
        #expect(Reconciliation.approvalRefusal(status: .reconciled, lines: settled, statement: statement, provisional: false)?.code == "unpriced_units")
        var priced = statement
        priced.lines.removeLast()
        #expect(Reconciliation.approvalRefusal(status: .reconciled, lines: settled, statement: priced, provisional: false) == nil)
        #expect(Reconciliation.approvalRefusal(status: .reconciled, lines: settled, statement: priced, provisional: true)?.code == "provisional")
        #expect(Reconciliation.approvalRefusal(status: .reconciled, lines: lines, statement: priced, provisional: false)?.code == "disputed_lines")
    }

    /// Customers acquired earlier: a project without a call this month still carries its commission, at the list in force
    /// on the month's last day (the vendor's own, 5 %): 5 % of ¥1,234.50 = ¥61.725 → ¥61.73.
    @Test func aProjectWithoutCallsThisMonthStillEarnsItsUsageCommission() {
        var input = Self.input
        input.days = input.days.filter { $0.project != Self.a }
        input.usageFees = [Self.a: 123_450]
        #expect(Settlement.compute(input).usage.isEmpty, "without the month's last day no list is known")
        input.lastDay = Self.day("2026-11-30")
        #expect(Settlement.compute(input).usage.map(\.amountFen) == [6_173])
    }

    @Test func usageFeeFilesAreCheckedRowByRow() throws {
        let (rows, refused) = try UsageFeeFile.parse("号码,使用费\n13812345678,100\n+86 139 1234 5678,0.5\n12345,10\n13812345678,3\n13912345000,1.234\n13912345001\n\n")
        #expect(rows.map { "\($0.line) \($0.phone) \($0.feeFen)" } == ["2 13812345678 10000", "3 13912345678 50"])
        #expect(refused.map(\.line) == [4, 5, 6, 7])
        #expect(refused[1].reason.zh.contains("第 2 行"))
    }

    @Test func badCountsAndOverlappingListsAreRefused() throws {
        let input = Self.input
        let statement = Settlement.compute(input)
        let other = UUID()
        #expect(throws: DomainError.self) {
            try Reconciliation.lines(statement: statement, counts: [Self.a: 20, Self.b: 40, Self.c: 3, other: 1], contract: input.contract, names: [:])
        }
        #expect(throws: DomainError.self) {
            try Reconciliation.lines(statement: statement, counts: [Self.a: -1, Self.b: 40, Self.c: 3], contract: input.contract, names: [:])
        }
        #expect(throws: DomainError.self) { try Reconciliation.lines(statement: statement, counts: [Self.a: 20], contract: input.contract, names: [:]) }
        let line = try Reconciliation.lines(statement: statement, counts: [Self.a: 20, Self.b: 40, Self.c: 3], contract: input.contract, names: [:])[0]
        #expect(throws: DomainError.self) { try Reconciliation.settle(line, units: 20, reason: "x", by: "m") }

        let fresh = PriceList(project: Self.a, from: Self.day("2026-11-30"), tiers: [.init(questions: nil, fen: 1)])
        #expect { try fresh.validated(against: input.prices) } throws: { ($0 as? DomainError)?.code == "price_list_overlap" }
        let later = PriceList(project: Self.a, vendor: Self.vendor, from: Self.day("2026-12-01"), tiers: [.init(questions: nil, fen: 1)])
        #expect(try later.validated(against: input.prices).from == Self.day("2026-12-01"), "the vendor's list ends on the 30th")
        let bounded = PriceList(project: Self.c, from: Self.day("2026-12-01"), tiers: [.init(questions: 5, fen: 1)])
        #expect(throws: DomainError.self) { try bounded.validated(against: []) }
    }
}
