import Fluent
import Foundation
import SQLKit
import Testing
@testable import WaihuCore
@testable import WaihuStore

extension StoreTests {
    /// The scorecard's narrow read (each day's first half hour after the first login, and the breaks and meals) gives
    /// the same scorecard as reading every interval: seeded days of logins, logouts, breaks and meals in two teams.
    @Test(arguments: testDatabases)
    func theScorecardsNarrowReadScoresAsReadingEverything(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            let zone = TimeZone(identifier: "Asia/Shanghai")!
            let site = SiteModel(name: "S", kind: .vendor)
            try await site.create(on: db)
            let teams = [UUID(), UUID()]
            var agents: [UUID] = []
            for index in 0 ..< 6 {
                let agent = AgentModel(number: "A\(index)", name: "A\(index)", skill: "outbound", siteID: try site.requireID(), teamID: nil,
                                       hiredOn: "2026-01-01", leftOn: nil)
                try await agent.create(on: db)
                agents.append(try agent.requireID())
            }
            var random = SeededRandom(seed: 7)
            var spans: [ScorecardInput.StateSpan] = []
            for day in 2 ... 4 {
                let date = LocalDate(year: 2026, month: 11, day: day)!
                for agent in agents {
                    var clock = LocalTime.instant(date, second: 8 * 3_600 + 50 * 60 + Int.random(in: 0 ..< 900, using: &random), in: zone)
                    for _ in 0 ..< 40 {
                        let pick = Int.random(in: 0 ..< 10, using: &random)
                        let (state, reason): (AgentState, String?) = pick == 0 ? (.busy, "break") : pick == 1 ? (.busy, "meal") : pick == 2 ? (.busy, "training")
                            : pick < 6 ? (.talking, nil) : (.ready, nil)
                        let length = Double(Int.random(in: 30 ..< 900, using: &random))
                        spans.append(.init(agent: agent, team: nil, state: state, reason: reason, start: clock, end: clock.addingTimeInterval(length)))
                        // Now and then a logout: a gap before the next interval.
                        clock = clock.addingTimeInterval(length + (Int.random(in: 0 ..< 8, using: &random) == 0 ? 600 : 0))
                    }
                }
            }
            let sql = try StoreSQL.sql(db)
            for span in spans {
                try await sql.insert(into: AgentStateIntervalModel.schema)
                    .columns("id", "agent_id", "state", "reason", "started_at", "ended_at", "source", "auto_closed")
                    .values(SQLBind(UUID()), SQLBind(span.agent), SQLBind(span.state.rawValue), SQLBind(span.reason), SQLBind(span.start),
                            SQLBind(span.end), SQLBind("import"), SQLLiteral.boolean(false)).run()
            }
            let from = LocalTime.instant(LocalDate("2026-11-01")!, in: zone), to = LocalTime.instant(LocalDate("2026-12-01")!, in: zone)
            func card(_ intervals: [ScorecardQueries.Interval]) -> SiteScorecard {
                let states = intervals.map { ScorecardInput.StateSpan(agent: $0.agent, team: teams[agents.firstIndex(of: $0.agent)! % 2], state: $0.state,
                                                                      reason: $0.reason, start: $0.start, end: $0.end ?? to) }
                let roster = agents.flatMap { agent in (2 ... 4).map { ScorecardInput.RosterEntry(agent: agent, team: nil, date: LocalDate(year: 2026, month: 11, day: $0)!,
                                                                                                   day: .shift(try! Shift(start: ClockTime("09:00")!, end: ClockTime("18:00")!))) } }
                return SiteScorecard.compute(ScorecardInput(month: LocalDate("2026-11-01")!, zone: zone, asOf: to, roster: roster, states: states))
            }
            let everything = try await ScorecardQueries.intervals(agents: agents, from: from, to: to, on: db)
            let narrow = try await ScorecardQueries.scorecardIntervals(agents: agents, from: from, to: to, zone: zone, on: db)
            #expect(everything.count == spans.count && narrow.count < everything.count / 2)
            let full = card(everything), read = card(narrow)
            #expect(full.deductions.count > 10, "the seeded days cost something")
            #expect(read == full)
        }
    }
}
