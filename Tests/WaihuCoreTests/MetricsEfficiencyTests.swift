import Foundation
import Testing
@testable import WaihuCore

/// The agent figures of METRICS.md §5 on `MetricsFixture`, worked out by hand.
@Suite struct MetricsEfficiencyTests {
    // Logged-in seconds (logged_out left out): A1 ready 3600 + talking 3600 + busy 1800 + help 600 = 9600;
    // A2 ready 7200 (23:00–01:00) + busy 900 = 8100; A3 talking 09:00… open until 10:30 → 1800. Total 19,500.
    let loggedIn = 19_500.0
    let busy = 2_700.0
    var productiveHours: Double { (loggedIn - busy) / 3600 }

    @Test func stateTimeGivesTheEfficiencyFigures() throws {
        let row = try MetricsFixture.rows().first
        expectValue(row, .logged_in_hours, loggedIn / 3600)
        expectValue(row, .productive_hours, productiveHours)
        expectValue(row, .talk_hours, 5400.0 / 3600)
        expectValue(row, .work_efficiency, 5400 / loggedIn)
        expectValue(row, .busy_rate, busy / loggedIn)
        expectValue(row, .idle_rate, 10_800 / loggedIn)
        expectValue(row, .busy_count, 2)
        expectValue(row, .help_count, 1)
        expectValue(row, .internal_call_hours, 0)
        expectValue(row, .playback_hours, 0)
        expectValue(row, .calls_per_hour, 7 / productiveHours)
        expectValue(row, .completed_per_hour, 2 / productiveHours)
        expectValue(row, .successful_per_hour, 1 / productiveHours)
    }

    @Test func schedulesGiveThePaidAndScheduledFigures() throws {
        let row = try MetricsFixture.rows().first
        // Paid 3 × 32,400 s = 27 h; scheduled 3 × 28,800 s = 24 h; attended 2 of 3 scheduled.
        expectValue(row, .paid_hours, 27)
        expectValue(row, .scheduled_hours, 24)
        expectValue(row, .non_productive_hours, 27 - productiveHours)
        expectValue(row, .utilization_rate, productiveHours / 27)
        expectValue(row, .attendance_rate, loggedIn / 3600 / 27)
        expectValue(row, .attendance_headcount_rate, 2.0 / 3)
        expectValue(row, .schedule_adherence, loggedIn / 3600 / 24)
    }

    @Test func aRosteredShiftIsAttendedWhenTheAgentLoggedInThatDay() throws {
        var records = MetricsFixture.records
        // A2's day of the 2nd comes from a roster (attended not yet set): A2 logged in at 23:00 that day.
        records.schedules[1].attendanceFromLogins = true
        // A1 rostered on the 3rd too, with no login that day.
        var extra = MetricSchedule(agent: "A1", date: LocalDate("2026-11-03")!, scheduledSeconds: 28_800, paidSeconds: 28_800,
                                   scheduledToAttend: true, attended: false)
        extra.attendanceFromLogins = true
        records.schedules.append(extra)
        // Attended: A1 on the 2nd, A2 on the 2nd (by its login), A3 on the 3rd; not A1 on the 3rd: 3 of 4.
        expectValue(try MetricsFixture.rows(records: records).first, .attendance_headcount_rate, 3.0 / 4)
    }

    @Test func aSliceRestrictedToProjectsHasNoScheduleFiguresAndOnlyItsProjectsStates() throws {
        let row = try MetricsFixture.rows(projects: ["P1"]).first
        for id in [MetricID.paid_hours, .scheduled_hours, .non_productive_hours, .utilization_rate, .attendance_rate,
                   .attendance_headcount_rate, .schedule_adherence, .attrition_rate] {
            expectValue(row, id, nil)
        }
        // P1's intervals: A1's four logged-in ones (9600) and A2's two (8100); A3 worked P2.
        expectValue(row, .logged_in_hours, 17_700.0 / 3600)
        expectValue(row, .talk_hours, 1)
    }

    @Test func anIntervalCrossingMidnightCountsOnBothDays() throws {
        let rows = try MetricsFixture.rows(by: [.agent, .day])
        // A2 ready 23:00–01:00: 3600 s on each day; the busy stretch from 01:00 is on the 3rd.
        expectValue(MetricsFixture.row(rows, [.agent: "A2", .day: "2026-11-02"]), .logged_in_hours, 1)
        expectValue(MetricsFixture.row(rows, [.agent: "A2", .day: "2026-11-03"]), .logged_in_hours, 4500.0 / 3600)
        expectValue(MetricsFixture.row(rows, [.agent: "A2", .day: "2026-11-03"]), .busy_count, 1)
        expectValue(MetricsFixture.row(rows, [.agent: "A2", .day: "2026-11-02"]), .busy_count, 0)
        // By day, the whole organisation: 9600 + 3600 on the 2nd, 3600 + 900 + 1800 on the 3rd.
        let days = try MetricsFixture.rows(by: [.day])
        expectValue(MetricsFixture.row(days, [.day: "2026-11-02"]), .logged_in_hours, 13_200.0 / 3600)
        expectValue(MetricsFixture.row(days, [.day: "2026-11-03"]), .logged_in_hours, 6300.0 / 3600)
    }

    @Test func theRangeClipsIntervalsAndCountsOnlyThoseStartingInIt() throws {
        // From the 3rd: A2's ready from midnight (3600), busy 900, A3 1800; only A2's busy starts inside.
        let row = try MetricsFixture.rows(from: 3, to: 3).first
        expectValue(row, .logged_in_hours, 6300.0 / 3600)
        expectValue(row, .busy_count, 1)
        expectValue(row, .help_count, 0)
        // The 3rd's schedule: A3's.
        expectValue(row, .paid_hours, 9)
        expectValue(row, .attendance_headcount_rate, 1)
    }

    @Test func anHourSplitCutsIntervalsAtTheHourAndHasNoScheduleFigures() throws {
        let rows = try MetricsFixture.rows(agents: ["A2"], by: [.hour])
        #expect(rows.map { $0.labels[0].1 } == ["2026-11-02T09", "2026-11-02T23", "2026-11-03T00", "2026-11-03T01"])
        expectValue(MetricsFixture.row(rows, [.hour: "2026-11-02T23"]), .idle_rate, 1)
        expectValue(MetricsFixture.row(rows, [.hour: "2026-11-03T00"]), .logged_in_hours, 1)
        expectValue(MetricsFixture.row(rows, [.hour: "2026-11-03T01"]), .busy_rate, 1)
        expectValue(MetricsFixture.row(rows, [.hour: "2026-11-02T09"]), .calls_made, 1)
        expectValue(MetricsFixture.row(rows, [.hour: "2026-11-02T09"]), .paid_hours, nil)
    }

    @Test func attritionIsLeaversOverTheMeanHeadcountOfThePeriod() throws {
        // November: on the 1st A1 and A2 (A3 hired on the 2nd) = 2; on the 30th A1 and A3 = 2; A2 left on the 2nd.
        expectValue(try MetricsFixture.rows(from: 1, to: 30).first, .attrition_rate, 1.0 / 2)
        // The 3rd to the 30th: A1, A3 at both ends, nobody left.
        expectValue(try MetricsFixture.rows(from: 3, to: 30).first, .attrition_rate, 0)
        // Team T2 in November: A2 on the 1st (1), nobody on the 30th (0): 1 ÷ 0.5.
        expectValue(try MetricsFixture.rows(teams: ["T2"], from: 1, to: 30).first, .attrition_rate, 2)
        // Site S2 on the 1st: nobody yet, nobody on the 1st either → null.
        expectValue(try MetricsFixture.rows(sites: ["S2"], from: 1, to: 1).first, .attrition_rate, nil)
    }
}
