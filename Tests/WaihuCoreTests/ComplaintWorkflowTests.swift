import Foundation
import Testing
@testable import WaihuCore

/// The complaint workflow of seed 003 附件3 in its order, and the deadlines counted in working days on the State
/// Council's 2026 calendar (the days worked out by hand from the published notice).
@Suite struct ComplaintWorkflowTests {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// Registered Friday 4 December 2026 at 15:00: the first feedback by Saturday 15:00; five working days are
    /// Monday 7 to Friday 11 December, so the result is due when Saturday 12 December begins.
    @Test func theResultIsDueAfterFiveWorkingDays() {
        let deadlines = ComplaintDeadlines.standard
        let registered = Self.at("2026-12-04T15:00:00+08:00")
        #expect(deadlines.feedbackDue(registeredAt: registered) == Self.at("2026-12-05T15:00:00+08:00"))
        #expect(deadlines.resultDue(registeredAt: registered, in: Self.shanghai) == Self.at("2026-12-12T00:00:00+08:00"))
    }

    /// Registered Thursday 24 September 2026: Mid-Autumn (25–27 September) and National Day (1–7 October) are off;
    /// the working days are 28, 29, 30 September, 8 and 9 October — due when 10 October begins.
    @Test func publicHolidaysAreNotWorkingDays() {
        let due = ComplaintDeadlines.standard.resultDue(registeredAt: Self.at("2026-09-24T10:00:00+08:00"), in: Self.shanghai)
        #expect(due == Self.at("2026-10-10T00:00:00+08:00"))
        // Sunday 20 September 2026 is worked instead (调休上班).
        #expect(ComplaintDeadlines.isWorkingDay(LocalDate("2026-09-20")!, calendars: StatutoryHolidays.published))
    }

    @Test func stepsGoInTheSeedsOrder() throws {
        var progress = ComplaintProgress(done: [], valid: nil, hasCall: true)
        #expect(progress.open == [.classified, .judged], "judging classifies at the same time")
        #expect(throws: DomainError.self) { try progress.check(.recordingRetrieved) }
        #expect(throws: DomainError.self) { try progress.check(.fedBack) }
        progress.done = [.classified, .recordingRetrieved, .judged]
        progress.valid = true
        #expect(throws: DomainError.self, "a valid complaint is remedied before the result goes back") { try progress.check(.fedBack) }
        #expect(progress.open == [.judged, .remedied])
        progress.valid = false
        #expect(throws: DomainError.self, "no remedy for a complaint not our fault") { try progress.check(.remedied) }
        #expect(progress.open == [.judged, .fedBack])
        progress.done.insert(.fedBack)
        #expect(progress.open == [.replied], "fed back: the judgement stands")
        progress.done.insert(.replied)
        #expect(progress.open.isEmpty && progress.stage == .replied)
        let noCall = ComplaintProgress(done: [.classified], valid: nil, hasCall: false)
        #expect(throws: DomainError.self, "no call, no recording") { try noCall.check(.recordingRetrieved) }
    }

    @Test func deadlinesOutOfRangeAreRefused() {
        #expect(throws: DomainError.self) { try ComplaintDeadlines(feedbackHours: 0, resultWorkingDays: 5).validated() }
        #expect(throws: DomainError.self) { try ComplaintDeadlines(feedbackHours: 24, resultWorkingDays: 61).validated() }
    }
}

/// The spot checks' inputs: a month, a size, a reason when a success does not stand.
@Suite struct SpotCheckInputTests {
    @Test func badInputIsRefused() throws {
        #expect(throws: DomainError.self) { try SpotCheck.month("2026-13") }
        #expect(throws: DomainError.self) { try SpotCheck.month("2026-1") }
        #expect(try SpotCheck.month("2026-12").next == LocalDate("2027-01-01")!)
        #expect(throws: DomainError.self) { try SpotCheck.size(0) }
        #expect(throws: DomainError.self) { try SpotCheck.verification(verified: false, reason: "  ") }
        #expect(try SpotCheck.verification(verified: true, reason: "") == "")
    }
}
