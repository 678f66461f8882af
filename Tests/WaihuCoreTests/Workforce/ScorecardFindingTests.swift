import Foundation
import Testing
@testable import WaihuCore

/// Findings booked by inspectors, the 54 lines and the score's floor.
@Suite struct ScorecardFindingTests {
    typealias F = ScorecardFixture

    static func finding(_ line: String, _ date: String, _ quantity: Int = 1) -> ScorecardInput.Finding {
        .init(id: UUID(), line: line, date: F.day(date), quantity: quantity, note: "seen")
    }

    @Test func theCatalogHasTheSeedsFiftyFourLines() {
        let counts = Dictionary(grouping: ScorecardLine.all, by: \.section).mapValues(\.count)
        #expect(ScorecardLine.all.count == 54)
        #expect(counts == ["一": 17, "二": 6, "三": 1, "四": 6, "五": 3, "六": 4, "七": 13, "八": 2, "九": 2])
        #expect(Set(ScorecardLine.all.map(\.id)).count == 54)
    }

    @Test func escalatingLinesCostTheFirstAndThenTheFurtherPrice() {
        let findings = [Self.finding("四.4", "2026-11-02"), Self.finding("四.4", "2026-11-09"), Self.finding("四.4", "2026-11-20"),
                        Self.finding("四.1", "2026-11-03", 2), Self.finding("一.6", "2026-11-04"), Self.finding("一.6", "2026-10-31")]
        let card = SiteScorecard.compute(ScorecardInput(month: F.day("2026-11-01"), zone: F.zone, asOf: F.at("2026-12-01 00:00"), findings: findings))
        #expect(F.total(card, "四.4").points == 300 + 200 + 200)  // 3 + 2 × (3 − 1)
        #expect(F.total(card, "四.1").points == 200)              // 1 + 1 × (2 − 1)
        #expect(F.total(card, "一.6").points == 200)              // October's is not November's
    }

    @Test func theScoreStopsAtZero() {
        let findings = (1 ... 11).map { Self.finding("五.2", "2026-11-\($0 < 10 ? "0" : "")\($0)") }
        let card = SiteScorecard.compute(ScorecardInput(month: F.day("2026-11-01"), zone: F.zone, asOf: F.at("2026-12-01 00:00"), findings: findings))
        #expect(card.deducted == 11_000 && card.score == 0)
    }

    @Test func computedLinesCannotBeBookedByHand() {
        #expect(throws: DomainError.self) { try ScorecardLine.bookable("二.3") }
        #expect(throws: DomainError.self) { try ScorecardLine.bookable("七.8") }
        #expect(throws: DomainError.self) { try ScorecardLine.bookable("十.1") }
        #expect((try? ScorecardLine.bookable("一.1"))?.first == 50)
        #expect(scorePoints(250) == "2.5" && scorePoints(10) == "0.1" && scorePoints(9_800) == "98" && scorePoints(5) == "0.05")
    }

    @Test func rosterDaysRefuseWhatCannotBe() throws {
        #expect(throws: DomainError.self) { try RosterDay.parse(start: "18:00", end: "09:00", breakMinutes: nil, leave: nil) }
        #expect(throws: DomainError.self) { try RosterDay.parse(start: nil, end: nil, breakMinutes: nil, leave: "holiday_in_bali") }
        #expect(throws: DomainError.self) { try RosterDay.parse(start: "09:00", end: "18:00", breakMinutes: nil, leave: "annual") }
        #expect(throws: DomainError.self) { try RosterDay.parse(start: "09:00", end: "", breakMinutes: nil, leave: nil) }
        #expect(try RosterDay.parse(start: "09:00", end: "18:00", breakMinutes: 60, leave: nil).scheduledSeconds == 8 * 3_600)
        #expect(try RosterDay.parse(start: nil, end: nil, breakMinutes: nil, leave: "补休") == .leave(.compensatory_rest))
        #expect(try RosterDay.parse(start: nil, end: nil, breakMinutes: nil, leave: "annual").scheduledSeconds == 0)
    }
}
