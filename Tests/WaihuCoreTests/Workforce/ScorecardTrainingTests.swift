import Foundation
import Testing
@testable import WaihuCore

/// The training lines 一.13, 六.1, 六.2 and 六.3 on a small site worked out by hand: two teams, four agents, two
/// announcements (one published the evening before the month), four QA findings and two quiz questions.
@Suite struct ScorecardTrainingTests {
    typealias F = ScorecardFixture
    let teamT = UUID(), teamU = UUID()
    let a = UUID(), b = UUID(), c = UUID(), d = UUID()
    let x = UUID(), y = UUID()

    func input(asOf: String) -> ScorecardInput {
        var input = ScorecardInput(month: F.day("2026-11-01"), zone: F.zone, asOf: F.at(asOf))
        input.staff = [.init(agent: a, number: "A", hiredOn: F.day("2025-01-01"), leftOn: nil, team: teamT),
                       .init(agent: b, number: "B", hiredOn: F.day("2025-01-01"), leftOn: nil, team: teamT),
                       .init(agent: c, number: "C", hiredOn: F.day("2025-01-01"), leftOn: nil, team: teamU),
                       .init(agent: d, number: "D", hiredOn: F.day("2025-01-01"), leftOn: nil, team: nil)]
        // a logs in on the 3rd before X is published (10:00), so a's day for X is the 4th; b's is the 4th; c's the 3rd.
        input.states = F.spans(a, team: teamT, on: "2026-11-03", [("ready", "09:00", "12:00")])
            + F.spans(a, team: teamT, on: "2026-11-04", [("ready", "09:00", "12:00")])
            + F.spans(b, team: teamT, on: "2026-11-04", [("ready", "09:00", "12:00")])
            + F.spans(c, team: teamU, on: "2026-11-03", [("ready", "14:00", "18:00")])
        input.announcements = [
            .init(id: x, title: "X", publishedAt: F.at("2026-11-03 10:00"),
                  reads: [a: F.at("2026-11-04 12:00"), b: F.at("2026-11-05 08:00")]),   // c never reads it
            .init(id: y, title: "Y", publishedAt: F.at("2026-10-31 20:00"), reads: [:]),  // October's: not 一.13 here
        ]
        input.meetings = [
            .init(team: teamT, teamName: "T", kind: .pre_shift, date: F.day("2026-11-03"), leaderLate: false, startedAt: ClockTime("08:45")!, briefed: [y]),
            .init(team: teamT, teamName: "T", kind: .pre_shift, date: F.day("2026-11-04"), leaderLate: false, startedAt: ClockTime("08:45")!, briefed: [x]),
            .init(team: teamU, teamName: "U", kind: .pre_shift, date: F.day("2026-11-04"), leaderLate: false, startedAt: ClockTime("08:45")!, briefed: []),
        ]
        input.qaFindings = [
            .init(id: UUID(), agent: a, received: F.day("2026-11-03"), trainedAt: F.at("2026-11-04 08:50"), category: "attitude"),  // at T's next meeting
            .init(id: UUID(), agent: c, received: F.day("2026-11-03"), trainedAt: F.at("2026-11-05 09:00"), category: "attitude"),  // after U's (4th)
            .init(id: UUID(), agent: a, received: F.day("2026-11-04"), trainedAt: nil, category: "attitude"),                      // no meeting since
            .init(id: UUID(), agent: d, received: F.day("2026-11-10"), trainedAt: nil, category: "attitude"),                      // no team: due the 11th
        ]
        input.quizAnswers = [
            .init(agent: a, date: F.day("2026-11-04"), question: "Q1", correct: true),
            .init(agent: b, date: F.day("2026-11-04"), question: "Q1", correct: false),
            .init(agent: c, date: F.day("2026-11-04"), question: "Q1", correct: false),
            .init(agent: b, date: F.day("2026-10-31"), question: "Q2", correct: false),  // October's
        ]
        return input
    }

    @Test func aClosedMonthCountsEachLineByHand() {
        let card = SiteScorecard.compute(input(asOf: "2026-12-01 00:00"))
        // 一.13: b read X the morning after their day (the 4th), c never did: 2 × 0.5.
        #expect(F.total(card, "一.13").occurrences == 2 && F.total(card, "一.13").points == 100)
        #expect(Set(card.deductions.filter { $0.line == "一.13" }.map { "\($0.agent == b ? "b" : "c") \($0.date)" }) == ["b 2026-11-04", "c 2026-11-03"])
        // 六.1: U's meeting on the 4th passed on neither X nor Y; T passed on Y on the 3rd and X on the 4th: 2 × 0.2.
        #expect(F.total(card, "六.1").occurrences == 2 && F.total(card, "六.1").points == 40)
        // 六.2: c's finding trained after U's meeting of the 4th, d's (no team) not by the 11th: 2 × 0.1.
        #expect(F.total(card, "六.2").occurrences == 2 && F.total(card, "六.2").points == 20)
        #expect(Set(card.deductions.filter { $0.line == "六.2" }.map(\.date.description)) == ["2026-11-04", "2026-11-11"])
        // 六.3: two wrong answers in November: 2 × 0.1.
        #expect(F.total(card, "六.3").occurrences == 2 && F.total(card, "六.3").points == 20)
    }

    @Test func aRunningMonthCountsOnlyWhatHasFallenDue() {
        let card = SiteScorecard.compute(input(asOf: "2026-11-04 12:00"))
        // b's day for X (the 4th) has not ended: only c's unread X counts; no finding is due before the 4th's end.
        #expect(F.total(card, "一.13").occurrences == 1)
        #expect(F.total(card, "六.2").occurrences == 0)
    }

    @Test func trainingKindsAcceptCodesAndChineseNames() throws {
        #expect(try TrainingStage.parse("岗前培训") == .pre_job)
        #expect(try TrainingLevel.parse("skills") == .skills)
        #expect(try TrainingFormat.parse("角色扮演") == .role_play)
        #expect(throws: DomainError.self) { try TrainingStage.parse("sometime") }
        #expect(throws: DomainError.self) { try ScorecardLine.bookable("六.3") }
    }
}
