import Foundation
import Testing
@testable import WaihuCore

/// The planning funnel both ways, the best hours, and the figure alerts, on numbers worked out by hand.
@Suite struct PlanningAndAlertsTests {
    @Test func theFunnelGoesFromSeatsToOrdersAndBack() throws {
        // 20 seats × 40 calls × 7.5 h = 6000 calls; × 0.3 = 1800 connected; × 0.35 = 630 effective; × 0.2 = 126 orders.
        let forward = try PlanningFunnel(seats: 20, calls_per_seat_hour: 40, hours: 7.5, connect_rate: 0.3,
                                         effective_conversation_rate: 0.35, close_rate: 0.2)
        #expect(forward.calls == 6000)
        #expect(abs(forward.connected_calls - 1800) < 1e-9 && abs(forward.effective_conversations - 630) < 1e-9 && abs(forward.orders - 126) < 1e-9)
        // One seat yields 6.3 orders: 100 orders need 15.87… → 16 seats, which yield 100.8.
        let backward = try PlanningFunnel.seatsFor(orders: 100, calls_per_seat_hour: 40, hours: 7.5, connect_rate: 0.3,
                                                   effective_conversation_rate: 0.35, close_rate: 0.2)
        #expect(backward.seats == 16 && abs(backward.orders - 100.8) < 1e-9)
        #expect(throws: DomainError.self) { try PlanningFunnel(seats: 1, calls_per_seat_hour: 1, hours: 1, connect_rate: 1.5,
                                                               effective_conversation_rate: 0, close_rate: 0) }
        #expect(throws: DomainError.self) { try PlanningFunnel.seatsFor(orders: 10, calls_per_seat_hour: 40, hours: 8, connect_rate: 0,
                                                                        effective_conversation_rate: 0.3, close_rate: 0.2) }
    }

    @Test func bestHoursAreThoseAtOrAboveTheOverallRateOnEnoughCalls() {
        // Monday 2 Nov 2026 and Tuesday 3 Nov: 09:00 10 of 40 (25%), 10:00 30 of 60 (50%), 11:00 5 of 10 (50%, too few calls).
        let monday = LocalDate(year: 2026, month: 11, day: 2)!, tuesday = LocalDate(year: 2026, month: 11, day: 3)!
        func bucket(_ day: LocalDate, _ hour: Int) -> TimeBucket { TimeBucket(split: .hour, firstDay: day, hour: hour) }
        let best = BestHours(hours: [(bucket(monday, 9), 20, 5), (bucket(tuesday, 9), 20, 5), (bucket(monday, 10), 60, 30),
                                     (bucket(tuesday, 11), 10, 5)])
        // Overall 45 of 110.
        #expect(best.overall_connect_rate == 45.0 / 110)
        #expect(best.suggested_hours == [10])
        #expect(best.cells.map { [$0.weekday, $0.hour, $0.calls] } == [[1, 9, 20], [1, 10, 60], [2, 9, 20], [2, 11, 10]])
    }

    @Test func aConnectRateFarBelowTheSameHourOfTheTrailingDaysRaisesAnAlert() {
        // Trailing 30%, 32%, 28%, 30%: mean 30%, deviation 1.63%; the threshold is mean − max(2σ, 5 points) = 25%.
        let trailing = [0.30, 0.32, 0.28, 0.30]
        #expect(FigureAlert.connectRate(project: "P", hour: 10, today: (100, 20), trailing: trailing)?.kind == .connect_rate_low)
        #expect(FigureAlert.connectRate(project: "P", hour: 10, today: (100, 26), trailing: trailing) == nil)
        // Too few calls today, or too little history: no judgement.
        #expect(FigureAlert.connectRate(project: "P", hour: 10, today: (20, 0), trailing: trailing) == nil)
        #expect(FigureAlert.connectRate(project: "P", hour: 10, today: (100, 0), trailing: [0.3, 0.3]) == nil)
        let alert = FigureAlert.connectRate(project: "P", hour: 9, today: (100, 20), trailing: trailing)
        #expect(alert?.message.zh == "项目 P 今天 09 时接通率 20.0%，远低于近 14 天同时段的 30.0%")
    }

    @Test func complaintsAndAbandonsNearTheCapRaiseAlerts() {
        #expect(FigureAlert.complaintRate(project: "P", today: (3, 100), trailing: [0, 0.01, 0, 0.005])?.kind == .complaint_rate_high)
        #expect(FigureAlert.complaintRate(project: "P", today: (0, 100), trailing: [0, 0.01, 0]) == nil)
        // 80% of a 3% cap is 2.4%.
        #expect(FigureAlert.abandonRate(project: "P", rate: 0.025, cap: 0.03)?.kind == .abandon_rate_near_cap)
        #expect(FigureAlert.abandonRate(project: "P", rate: 0.02, cap: 0.03) == nil)
        #expect(FigureAlert.abandonRate(project: "P", rate: nil, cap: 0.03) == nil)
    }
}

/// The combined views of METRICS.md §8 on three agents worked out by hand.
@Suite struct CombinedViewsTests {
    func agent(_ number: String, efficiency: Double?, idle: Double?, busy: Double?, talk: Double?, pace: Double?, value: Double?) -> MetricRow {
        MetricRow(key: SliceKey(agent: number), dimensions: [.agent],
                  values: [(.work_efficiency, efficiency), (.idle_rate, idle), (.busy_rate, busy), (.avg_talk_seconds, talk),
                           (.calls_per_hour, pace), (.success_value, value)])
    }

    @Test func agentsAreRankedAndSplitAtTheMedians() {
        let rows = [agent("A", efficiency: 0.5, idle: 0.2, busy: 0.1, talk: 100, pace: 30, value: 2),
                    agent("B", efficiency: 0.6, idle: 0.3, busy: 0.1, talk: 200, pace: 10, value: nil),
                    agent("C", efficiency: 0.5, idle: 0.1, busy: 0.2, talk: nil, pace: 20, value: 5)]
        // B has the highest efficiency; A and C tie on it, C idles less.
        #expect(CombinedViews.efficiencyTriad(rows).map(\.key.agent) == ["B", "C", "A"])
        #expect(CombinedViews.successValueRanking(rows).map(\.key.agent) == ["C", "A", "B"])
        // C has no talk time: only A and B are placed; medians of two values are their means.
        let quadrant = CombinedViews.talkPaceQuadrant(rows)
        #expect(quadrant.points.map(\.agent) == ["A", "B"] && quadrant.talkMedian == 150 && quadrant.paceMedian == 20)
    }
}
