import Foundation
import Testing
@testable import WaihuCore

/// The attendance and break lines on one day worked out by hand (RULES F 一.12, 一.15, 二.3, 二.4, 二.6).
@Suite struct ScorecardAttendanceTests {
    typealias F = ScorecardFixture
    static let teamOne = UUID(), teamTwo = UUID()
    static let a1 = UUID(), a2 = UUID(), a3 = UUID(), a4 = UUID(), a5 = UUID(), a6 = UUID()
    static let onLeave = (0 ..< 4).map { _ in UUID() }

    static var input: ScorecardInput {
        let date = "2026-11-03"
        var roster = [a1, a2, a3, a4, a5].map { ScorecardInput.RosterEntry(agent: $0, team: teamOne, date: F.day(date), day: F.shift("09:00", "18:00", breaks: 60)) }
        roster.append(.init(agent: a6, team: teamTwo, date: F.day(date), day: F.shift("09:00", "18:00")))
        // Four on leave or compensatory rest: one more than the three allowed.
        for (agent, leave) in zip(onLeave, [LeaveType.annual, .sick, .compensatory_rest, .personal]) {
            roster.append(.init(agent: agent, team: teamTwo, date: F.day(date), day: .leave(leave)))
        }
        roster.append(.init(agent: UUID(), team: teamTwo, date: F.day(date), day: .rest))
        var states: [ScorecardInput.StateSpan] = []
        // a1 on time (08:55); a break 25 min after the first login (一.15); a break at 14:08 with a2 and a3 still on one (二.6).
        states += F.spans(a1, team: teamOne, on: date, [("ready", "08:55", "09:20"), ("break", "09:20", "09:28"), ("ready", "09:28", "14:08"),
                                                         ("break", "14:08", "14:10"), ("ready", "14:10", "18:00")])
        // a2 late (09:05); logs out at 09:30, 25 min after logging in (一.15), back at 10:00; a 12-minute break (二.6).
        states += F.spans(a2, team: teamOne, on: date, [("ready", "09:05", "09:30"), ("ready", "10:00", "14:00"), ("break", "14:00", "14:12"),
                                                         ("ready", "14:12", "18:00")])
        // a3 late (09:01); a4 late (09:10) starts a break at 14:06 while a2 and a3 are on one (二.6).
        states += F.spans(a3, team: teamOne, on: date, [("ready", "09:01", "14:05"), ("break", "14:05", "14:09"), ("ready", "14:09", "18:00")])
        states += F.spans(a4, team: teamOne, on: date, [("ready", "09:10", "14:06"), ("break", "14:06", "14:08"), ("ready", "14:08", "18:00")])
        // a6 logs in at 09:00 sharp (on time) and breaks at 14:07 in the other team: no violation.
        states += F.spans(a6, team: teamTwo, on: date, [("ready", "09:00", "14:07"), ("break", "14:07", "14:09"), ("ready", "14:09", "18:00")])
        // a5 never logs in (一.12).
        return ScorecardInput(month: F.day("2026-11-01"), zone: F.zone, asOf: F.at("2026-12-01 00:00"), roster: roster, states: states)
    }

    @Test func eachLineCountsWhatTheRuleSays() {
        let card = SiteScorecard.compute(Self.input)
        // 一.12: a5 scheduled, no login: 0.5.
        #expect(F.total(card, "一.12").occurrences == 1 && F.total(card, "一.12").points == 50)
        #expect(card.deductions.first { $0.line == "一.12" }?.agent == Self.a5)
        // 一.15: a1's break at 09:20 and a2's logout at 09:30, each within 30 min of the first login: 2 × 0.5.
        #expect(F.total(card, "一.15").occurrences == 2 && F.total(card, "一.15").points == 100)
        #expect(Set(card.deductions.filter { $0.line == "一.15" }.compactMap(\.agent)) == [Self.a1, Self.a2])
        // 二.3: a2, a3, a4 late: 0.1 × (3 − 2).
        #expect(F.total(card, "二.3").points == 10)
        // 二.4: four on leave: 0.1 × (4 − 3).
        #expect(F.total(card, "二.4").points == 10)
        // 二.6: a2's 12-minute break, a4 joining a2 and a3, a1 joining a2 and a3 (a4's ended at 14:08): 3 × 0.1.
        #expect(F.total(card, "二.6").occurrences == 3 && F.total(card, "二.6").points == 30)
        #expect(card.deducted == 200 && card.score == 9_800)
    }

    @Test func preShiftMeetingsCountFromTheFirstOneRecorded() {
        var input = Self.input
        // Team one met on the 3rd with its leader late; team two (a6 rostered) did not meet.
        input.meetings = [.init(team: Self.teamOne, teamName: "一组", kind: .pre_shift, date: F.day("2026-11-03"), leaderLate: true)]
        input.teamNames = [Self.teamOne: "一组", Self.teamTwo: "二组"]
        #expect(F.total(SiteScorecard.compute(input), "二.2").points == 0, "meetings not tracked yet: no 二.2")
        input.meetingsTrackedFrom = F.day("2026-11-02")
        let card = SiteScorecard.compute(input)
        #expect(F.total(card, "二.1").points == 50 && F.total(card, "二.2").points == 50)
        #expect(card.deductions.first { $0.line == "二.2" }?.detail.zh.hasPrefix("二组") == true)
        // Tracked only from the 4th: the 3rd is before, nothing under 二.2.
        input.meetingsTrackedFrom = F.day("2026-11-04")
        #expect(F.total(SiteScorecard.compute(input), "二.2").points == 0)
    }

    @Test func aGraceBeforeLatenessIsASetting() {
        var input = Self.input
        input.lateGraceSeconds = 300
        // With five minutes' grace only a4 (09:10) is late: no deduction under 二.3.
        #expect(F.total(SiteScorecard.compute(input), "二.3").points == 0)
    }

    @Test func aShiftNotYetStartedIsNotAnAbsence() {
        var input = Self.input
        input.asOf = F.at("2026-11-03 08:30")
        let card = SiteScorecard.compute(input)
        #expect(F.total(card, "一.12").points == 0)
    }
}
