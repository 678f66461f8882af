import Foundation
import Testing
@testable import WaihuCore

/// A day's attendance against the roster, worked out by hand.
@Suite struct DailyAttendanceTests {
    typealias F = ScorecardFixture

    @Test func lateEarlyAbsentAdherenceAndConformance() {
        let (a, b, c) = (UUID(), UUID(), UUID())
        let roster: [UUID: RosterDay] = [a: F.shift("09:00", "18:00", breaks: 60), b: F.shift("09:00", "18:00", breaks: 60), c: .rest]
        let spans = F.spans(a, team: nil, on: "2026-11-03", [("ready", "09:10", "12:00"), ("talking", "13:00", "17:30")])
            + F.spans(c, team: nil, on: "2026-11-03", [("ready", "10:00", "11:00")])
        let rows = DailyAttendance.rows(date: F.day("2026-11-03"), zone: F.zone, asOf: F.at("2026-11-04 00:00"), roster: roster, spans: spans)
        let first = rows.first { $0.agent == a }!
        // In at 09:10 (10 min late), out at 17:30 (30 min early); 2 h 50 min + 4 h 30 min = 26,400 s within the 9-hour shift.
        #expect(first.lateSeconds == 600 && first.earlyLeaveSeconds == 1_800 && !first.absent)
        #expect(first.withinShiftSeconds == 26_400 && abs(first.adherence! - 26_400.0 / 32_400) < 1e-12)
        // Conformance: logged in 26,400 s of the 8 scheduled hours (9 less the hour's break).
        #expect(abs(first.conformance! - 26_400.0 / 28_800) < 1e-12)
        #expect(rows.first { $0.agent == b }?.absent == true)
        let rest = rows.first { $0.agent == c }!
        #expect(rest.loggedInSeconds == 3_600 && rest.adherence == nil && rest.lateSeconds == nil && !rest.absent)
        // Before the shift has ended nobody leaves early, and adherence counts the time so far.
        let noon = DailyAttendance.rows(date: F.day("2026-11-03"), zone: F.zone, asOf: F.at("2026-11-03 12:00"), roster: roster,
                                        spans: F.spans(a, team: nil, on: "2026-11-03", [("ready", "09:10", "12:00")]))
        let running = noon.first { $0.agent == a }!
        #expect(running.earlyLeaveSeconds == nil && running.lastLogout == nil && abs(running.adherence! - 10_200.0 / 10_800) < 1e-12)
    }

    @Test func attritionYearToDateAndEachLeaversReplacement() {
        let staff = ScorecardStaffAndSubmissionTests.staff
        let ytd = Attrition.yearToDate(staff, on: F.day("2026-11-30"))
        // 5 leavers ÷ ((30 + 30) ÷ 2).
        #expect(ytd.leavers == 5 && ytd.start == 30 && ytd.end == 30 && abs(ytd.rate! - 5.0 / 30) < 1e-12)
        let leavers = Attrition.leavers(staff, today: F.day("2026-12-06"))
        #expect(leavers.map(\.number) == ["A104", "A103", "A102", "A101", "A100"])
        #expect(leavers[0].replacement == nil && leavers[0].days == 11)
        #expect(leavers[1].replacement == "H1" && leavers[1].days == 9)
    }
}

/// Production ranking worked out by hand.
@Suite struct ProductionRankingTests {
    @Test func weightedScoresSharedRanksAndWinners() throws {
        let agents: [(agent: String, values: [ProductionRanking.KPI: Double])] = [
            ("A", [.success_count: 10, .success_rate: 0.2, .utilisation: 0.8, .satisfaction: 0.9]),
            ("B", [.success_count: 5, .success_rate: 0.25, .utilisation: 0.9]),
            ("C", [.success_count: 10, .success_rate: 0.2, .utilisation: 0.8, .satisfaction: 0.9]),
        ]
        let ranked = ProductionRanking.rank(agents, weights: try ProductionRanking.weights(nil))
        // A and C: 0.4 × 10/10 + 0.2 × 0.2/0.25 + 0.2 × 0.8/0.9 + 0.2 × 0.9/0.9; B: 0.4 × 5/10 + 0.2 + 0.2 + 0.
        let top = (0.4 + 0.2 * 0.8 + 0.2 * 0.8 / 0.9 + 0.2) * 100
        #expect(ranked.map(\.agent) == ["A", "C", "B"] && ranked.map(\.rank) == [1, 1, 3])
        #expect(abs(ranked[0].score - top) < 1e-9 && abs(ranked[2].score - 60) < 1e-9)
        // The top one is two agents tied; a third of three (rounded up) is the same two.
        #expect(try ProductionRanking.winners(ranked, top: 1, share: nil).map(\.agent) == ["A", "C"])
        #expect(try ProductionRanking.winners(ranked, top: nil, share: 0.34).map(\.agent) == ["A", "C"])
        // Successes only: B is half.
        let successes = ProductionRanking.rank(agents, weights: try ProductionRanking.weights("success_count=1"))
        #expect(successes.last?.agent == "B" && abs(successes.last!.score - 50) < 1e-9)
        #expect(throws: DomainError.self) { try ProductionRanking.weights("speed=1") }
        #expect(throws: DomainError.self) { try ProductionRanking.weights("success_count=-1") }
        #expect(throws: DomainError.self) { try ProductionRanking.winners(ranked, top: 0, share: nil) }
    }
}
