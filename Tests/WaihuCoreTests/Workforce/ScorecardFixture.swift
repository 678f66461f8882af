import Foundation
@testable import WaihuCore

/// Small rosters and state histories for the scorecard, in Shanghai time.
enum ScorecardFixture {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    /// `2026-11-03 09:05` in Shanghai.
    static func at(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        let clock = ClockTime(String(parts[1]))!
        return LocalTime.instant(day(String(parts[0])), second: clock.minute * 60, in: zone)
    }

    static func shift(_ start: String, _ end: String, breaks: Int = 0) -> RosterDay {
        .shift(try! Shift(start: ClockTime(start)!, end: ClockTime(end)!, breakMinutes: breaks))
    }

    /// Spans of one agent on one day: `("ready", "09:00", "09:20")`, `("break", …)` for busy on a break.
    static func spans(_ agent: UUID, team: UUID?, on date: String, _ parts: [(String, String, String)]) -> [ScorecardInput.StateSpan] {
        parts.map { state, from, to in
            let busy = state == "break" || state == "meal"
            return ScorecardInput.StateSpan(agent: agent, team: team, state: busy ? .busy : AgentState(rawValue: state)!,
                                            reason: busy ? state : nil, start: at("\(date) \(from)"), end: at("\(date) \(to)"))
        }
    }

    static func total(_ card: SiteScorecard, _ line: String) -> SiteScorecard.LineTotal {
        card.lines.first { $0.line == line }!
    }
}
