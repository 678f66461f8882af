import Foundation
import Testing
@testable import WaihuCore

/// The vendor ledger's rules (RULES D-13, D-16, D-18, D-44, E-09) and the contract's quality table (E-03), by hand.
@Suite struct VendorLedgerTests {
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test func balancesAddUpTheMovements() {
        let entries = [VendorLedgerEntry(kind: .depositPaid, amount: 5_000_000, fen: 5_000_000, day: Self.day("2026-01-05")),
                       VendorLedgerEntry(kind: .depositDeducted, amount: 120_050, fen: 120_050, day: Self.day("2026-06-30")),
                       VendorLedgerEntry(kind: .pointsAwarded, amount: 30, fen: 0, day: Self.day("2026-07-01")),
                       VendorLedgerEntry(kind: .pointsRedeemed, amount: 12, fen: 1_200, day: Self.day("2026-08-01")),
                       VendorLedgerEntry(kind: .franchiseFeePaid, amount: 100, fen: 100, day: Self.day("2026-08-01"))]
        let balances = VendorLedger.balances(entries)
        // 50,000.00 − 1,200.50 = 48,799.50 held; 30 − 12 = 18 points; ¥12 paid for them.
        #expect(balances.depositHeldFen == 4_879_950 && balances.points == 18 && balances.redeemedFen == 1_200 && balances.franchiseFeePaidFen == 100)
    }

    @Test func movementsTheSeedsDoNotAllowAreRefused() throws {
        var balances = VendorBalances()
        balances.depositPaidFen = 10_000
        balances.pointsAwarded = 5
        func code(_ kind: VendorLedgerKind, _ amount: Int, _ model: CooperationModel = .exclusive, day: String = "2026-12-06",
                  termEnds: String? = "2026-12-31") -> String? {
            do {
                try VendorLedger.check(kind, amount: amount, model: model, balances: balances, day: Self.day(day), termEnds: termEnds.map(Self.day))
                return nil
            } catch { return error.code }
        }
        #expect(code(.depositPaid, 100, .specialised) == "no_deposit" && code(.depositPaid, 100, .general) == "no_deposit")
        #expect(code(.franchiseFeePaid, 100, .exclusive) == "no_franchise_fee" && code(.franchiseFeePaid, 100, .general) == nil)
        #expect(code(.depositDeducted, 10_001) == "deposit_short" && code(.depositDeducted, 10_000) == nil)
        #expect(code(.depositRefunded, 10_000, .general, day: "2027-01-01") == nil, "promoted since: its deposit is still refunded")
        #expect(code(.depositRefunded, 10_000) == "term_not_ended", "the term runs to the 31st")
        #expect(code(.depositRefunded, 10_000, day: "2027-01-01") == nil && code(.depositRefunded, 10_000, termEnds: nil) == nil)
        #expect(code(.pointsRedeemed, 6) == "points_short" && code(.pointsRedeemed, 5) == nil && code(.pointsAwarded, 0) == "invalid_field")
        #expect(throws: DomainError.self) { try VendorLedger.amount("1.5", kind: .pointsAwarded) }
        let typed = try? VendorLedger.amount("1200.5", kind: .depositPaid)
        #expect(typed == 120_050)
    }

    @Test func theQualityTablePicksTheBandOfTheMeanScore() throws {
        let bands = try QualityBand.parse("90: +5\n60：0\n\n0: -12.5%")
        #expect(bands.map { [$0.minimumScore, $0.basisPoints] } == [[90, 500], [60, 0], [0, -1_250]])
        // 180 over 2 reviews is 90.0 exactly: the top band; 179 over 2 is 89.5: the middle one; nothing reviewed: none.
        #expect(QualityBand.band(bands, scoreSum: 180, reviews: 2)?.basisPoints == 500)
        #expect(QualityBand.band(bands, scoreSum: 179, reviews: 2)?.basisPoints == 0)
        #expect(QualityBand.band(bands, scoreSum: 0, reviews: 0) == nil)
        #expect(QualityBand.band([QualityBand(minimumScore: 60, basisPoints: 100)], scoreSum: 59, reviews: 1) == nil)
        for bad in ["90", "x: 5", "90: 5\n90: 1", "-1: 5", "90: 100.01"] {
            #expect(throws: DomainError.self, "\(bad)") { try QualityBand.parse(bad) }
        }
    }

    @Test func theStatementCarriesTheAdjustment() throws {
        var input = SettlementTests.input
        input.contract.qualityBands = try QualityBand.parse("90: +5\n0: -12.5")
        input.qualityScoreSum = 170
        input.qualityReviews = 2
        let statement = Settlement.compute(input)
        // The success commission of SettlementTests' hand computation: 18,000 + 20,000 + 9,000 + 48,000 = 95,000 fen;
        // a mean of 85 falls in the band from 0: −12.5 % = −11,875 fen.
        #expect(statement.billableFen == 95_000 && statement.quality?.amountFen == -11_875 && statement.quality?.meanScore == "85.0")
        #expect(statement.subtotalFen == Settlement.compute(SettlementTests.input).subtotalFen - 11_875)
    }
}
