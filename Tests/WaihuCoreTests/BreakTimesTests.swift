import Foundation
import Testing
@testable import WaihuCore

/// Busy time by reason, from the state intervals: clipped to today, an open one counted to now.
@Suite struct BreakTimesTests {
    @Test func busyTimeAddsUpByReasonWithinToday() {
        let midnight = Date(timeIntervalSince1970: 1_764_000_000)
        func at(_ minutes: Double) -> Date { midnight.addingTimeInterval(minutes * 60) }
        let intervals: [BreakTimes.Interval] = [
            .init(reason: "meal", start: at(-30), end: at(20)),      // 20 minutes after midnight count
            .init(reason: "break", start: at(600), end: at(610)),    // 10 minutes
            .init(reason: "break", start: at(700), end: at(705.5)),  // 5.5 minutes
            .init(reason: nil, start: at(800), end: at(801)),        // 1 minute, no reason: other
            .init(reason: "meal", start: at(890), end: nil),         // open: to now, 10 minutes
        ]
        let times = BreakTimes.seconds(intervals, since: midnight, now: at(900))
        #expect(times.map(\.reason) == [.break, .meal, .other])
        #expect(times.map(\.seconds) == [15 * 60 + 30, 30 * 60, 60])
    }
}
