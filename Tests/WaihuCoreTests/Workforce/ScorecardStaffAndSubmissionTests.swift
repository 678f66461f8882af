import Foundation
import Testing
@testable import WaihuCore

/// Attrition, replacement and submissions worked out by hand (RULES F 七.2, 七.3, 六.4, 七.7–七.10, 九.1, 九.2).
@Suite struct ScorecardStaffAndSubmissionTests {
    typealias F = ScorecardFixture
    typealias Staff = ScorecardInput.Staff

    /// 30 agents employed since 2025; leavers on 1 March, 1 July, 28 Oct, 10 Nov and 25 Nov; hires on 5 March,
    /// 10 July, 6, 8 and 19 Nov.
    static var staff: [Staff] {
        var staff = (0 ..< 30).map { Staff(agent: UUID(), number: "A\(100 + $0)", hiredOn: F.day("2025-06-01"), leftOn: nil) }
        for (index, left) in ["2026-03-01", "2026-07-01", "2026-10-28", "2026-11-10", "2026-11-25"].enumerated() {
            staff[index].leftOn = F.day(left)
        }
        staff += [Staff(agent: UUID(), number: "R1", hiredOn: F.day("2026-03-05"), leftOn: nil),
                  Staff(agent: UUID(), number: "R2", hiredOn: F.day("2026-07-10"), leftOn: nil),
                  Staff(agent: UUID(), number: "H3", hiredOn: F.day("2026-11-06"), leftOn: nil),
                  Staff(agent: UUID(), number: "H4", hiredOn: F.day("2026-11-08"), leftOn: nil),
                  Staff(agent: UUID(), number: "H1", hiredOn: F.day("2026-11-19"), leftOn: nil)]
        return staff
    }

    @Test func theMonthAttritionCrossesFifteenPercentCostsOneAndAPointPerWholePointAbove() {
        // October: 3 leavers ÷ ((30 + 29) ÷ 2) = 10.2 %: nothing.
        let october = SiteScorecard.compute(ScorecardInput(month: F.day("2026-10-01"), zone: F.zone, asOf: F.at("2026-12-01 00:00"), staff: Self.staff))
        #expect(F.total(october, "七.2").points == 0)
        // November: 5 ÷ ((30 + 30) ÷ 2) = 16.7 %: 1 + 1 whole point above 15.
        let november = SiteScorecard.compute(ScorecardInput(month: F.day("2026-11-01"), zone: F.zone, asOf: F.at("2026-12-01 00:00"), staff: Self.staff))
        #expect(F.total(november, "七.2").points == 200)
        // Two more leavers in November (7 ÷ ((30 + 28) ÷ 2) = 24.1 %): 1 + 9.
        var more = Self.staff
        more[10].leftOn = F.day("2026-11-02")
        more[11].leftOn = F.day("2026-11-03")
        #expect(F.total(SiteScorecard.compute(ScorecardInput(month: F.day("2026-11-01"), zone: F.zone, asOf: F.at("2026-12-01 00:00"), staff: more)), "七.2").points == 1_000)
    }

    @Test func replacementsAreMatchedFirstComeAndLateDaysFallInTheirMonth() {
        let matched = AttritionLines.replacements(Self.staff)
        let byLeaver = Dictionary(uniqueKeysWithValues: matched.map { ($0.leaver.number, $0.replacement?.number) })
        // Each leaver takes the first hire on or after its left_on not yet taken: 10 Nov cannot take H4 (hired
        // on 8 Nov, before it left), so H1 on 19 Nov; 25 Nov finds none.
        #expect(byLeaver["A100"] == "R1" && byLeaver["A101"] == "R2" && byLeaver["A102"] == "H3")
        #expect(byLeaver["A103"] == "H1" && byLeaver["A104"] == .some(nil))
        func lateDays(_ month: String, asOf: String) -> [Substring: Int] {
            let card = SiteScorecard.compute(ScorecardInput(month: F.day(month), zone: F.zone, asOf: F.at(asOf), staff: Self.staff))
            return Dictionary(uniqueKeysWithValues: card.deductions.filter { $0.line == "七.3" }.map { ($0.detail.en.prefix(4), $0.occurrences) })
        }
        // March: replaced after 4 days, nothing. July: replaced on day 9, days 8 and 9 (9 and 10 July).
        #expect(lateDays("2026-03-01", asOf: "2026-12-01 00:00") == [:])
        #expect(lateDays("2026-07-01", asOf: "2026-12-01 00:00") == ["A101": 2])
        // A102 (28 Oct) replaced on day 9: its days 8 and 9 are 5 and 6 Nov, both November's, none October's.
        #expect(lateDays("2026-10-01", asOf: "2026-12-01 00:00") == [:])
        #expect(lateDays("2026-11-01", asOf: "2026-12-01 00:00") == ["A102": 2, "A103": 2])
        // A104 (25 Nov) not replaced: from 3 Dec, a point a day up to the day counted (the 10th).
        #expect(lateDays("2026-12-01", asOf: "2026-12-10 12:00") == ["A104": 8])
    }

    @Test func submissionsCostTheirLinePerStartedDayLate() {
        func owed(_ kind: SubmissionKind, _ period: String, requested: Date? = nil, arrived: String?) -> ScorecardInput.Owed {
            let start = try! kind.period(period)
            return .init(kind: kind, period: period, due: kind.due(period: start, requestedAt: requested, in: F.zone), arrivedAt: arrived.map(F.at))
        }
        let owedItems = [
            owed(.daily_analysis, "2026-11-05", arrived: "2026-11-07 10:30"),      // due 6 Nov 10:00: 2 started days × 0.2
            owed(.daily_analysis, "2026-10-30", arrived: "2026-11-02 09:00"),      // due 31 Oct 10:00: day 2 begins 1 Nov: 1 × 0.2 in November
            owed(.training_plan, "2026-11-09", arrived: "2026-11-06 09:00"),       // due end of Thursday 5 Nov: 1 × 1
            owed(.monthly_report, "2026-10", arrived: "2026-11-03 23:00"),         // due end of 3 Nov: on time
            owed(.resignation_list, "2026-10", arrived: "2026-11-04 00:00"),       // arrives at the deadline: on time
            owed(.next_month_roster, "2026-12", arrived: nil),                     // due end of 24 Nov, not in by 27 Nov 12:00: 3 × 1
            owed(.quality_minutes, "2026-11-13", arrived: "2026-11-18 08:00"),     // Friday's meeting: due end of Tuesday 17 Nov: 1 × 0.2
            owed(.ad_hoc, "2026-11-20", requested: F.at("2026-11-20 15:00"), arrived: "2026-11-23 16:00"), // 2 days 1 h: 3 × 0.5
        ]
        let card = SiteScorecard.compute(ScorecardInput(month: F.day("2026-11-01"), zone: F.zone, asOf: F.at("2026-11-27 12:00"), owed: owedItems))
        #expect(F.total(card, "七.8").points == 60 && F.total(card, "七.8").occurrences == 3)
        #expect(F.total(card, "六.4").points == 100)
        #expect(F.total(card, "七.7").points == 0 && F.total(card, "七.10").points == 0)
        #expect(F.total(card, "七.9").points == 300)
        #expect(F.total(card, "九.1").points == 20)
        #expect(F.total(card, "九.2").points == 150)
        #expect(card.deducted == 630)
    }

    @Test func deadlinesFollowTheSeed() {
        #expect(SubmissionKind.daily_analysis.due(period: F.day("2026-11-05"), in: F.zone) == F.at("2026-11-06 10:00"))
        #expect(SubmissionKind.monthly_report.due(period: F.day("2026-12-01"), in: F.zone) == F.at("2027-01-04 00:00"))
        #expect(SubmissionKind.next_month_roster.due(period: F.day("2027-01-01"), in: F.zone) == F.at("2026-12-25 00:00"))
        #expect(SubmissionKind.training_plan.due(period: F.day("2026-11-09"), in: F.zone) == F.at("2026-11-06 00:00"))
        #expect(throws: DomainError.self) { try SubmissionKind.training_plan.period("2026-11-10") }
        #expect(throws: DomainError.self) { try SubmissionKind.parse("weekly_gossip") }
    }
}

/// What a site owes from the day it started, by deadline.
@Suite struct SubmissionScheduleTests {
    typealias F = ScorecardFixture

    @Test func aSiteStartingMidMonthOwesFromThen() {
        // Started Wednesday 11 Nov 2026; worked the 11th, 12th and 30th; everything due before 1 Dec 00:00.
        let worked: Set<LocalDate> = [F.day("2026-11-10"), F.day("2026-11-11"), F.day("2026-11-12"), F.day("2026-11-30")]
        let owed = SubmissionSchedule.owed(from: F.day("2026-11-11"), before: F.at("2026-12-01 00:00"), workedDays: worked, in: F.zone)
        let keys = owed.map { "\($0.kind.rawValue) \($0.key)" }
        // The daily analyses of the 11th and 12th (the 10th is before the start; the 30th's is due 1 Dec 10:00),
        // December's roster (due end of 24 Nov), the training plans due Thursdays 12, 19 and 26 Nov.
        #expect(keys == ["daily_analysis 2026-11-11", "training_plan 2026-11-16", "daily_analysis 2026-11-12",
                         "training_plan 2026-11-23", "next_month_roster 2026-12", "training_plan 2026-11-30"])
        // By 5 Dec November's monthly report and resignation list are owed too (end of 3 Dec), not October's.
        let later = SubmissionSchedule.owed(from: F.day("2026-11-11"), before: F.at("2026-12-05 00:00"), workedDays: worked, in: F.zone)
        #expect(later.contains { $0.kind == .monthly_report && $0.key == "2026-11" })
        #expect(later.contains { $0.kind == .resignation_list && $0.key == "2026-11" })
        #expect(!later.contains { $0.key == "2026-10" })
    }
}
