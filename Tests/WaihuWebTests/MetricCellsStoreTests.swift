import Fluent
import SQLKit
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuApp
import WaihuApp
import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

/// Splits by agent and day read from kept day cells give the rows the events give, and follow later imports.
@Suite struct MetricCellsStoreTests {
    func direct(_ app: Application, _ p: MetricsService.Parameters, at now: Date) async throws -> [MetricRow] {
        let (query, metrics) = try MetricsService.query(p, timeZone: TimeZone(identifier: "Asia/Shanghai")!, asOf: now)
        return MetricEngine(records: try await MetricQueries.records(for: query, on: app.db), query: query).rows(metrics)
    }

    func expectSame(_ a: [MetricRow], _ b: [MetricRow]) {
        #expect(a.map(\.key) == b.map(\.key))
        for (x, y) in zip(a, b) {
            for id in MetricID.allCases { #expect(x.value(id) == y.value(id), "\(x.key) \(id)") }
        }
    }

    @Test func keptCellsGiveTheEventsRowsAndAreBuiltAgainAfterAnImport() async throws {
        // 10 November: the 2nd and 3rd are long over, so their cells are kept; the 9th and 10th are live.
        let now = ISO8601DateFormatter().date(from: "2026-11-10T12:00:00+08:00")!
        try await withWaihu(clock: { now }) { app in
            try await MetricsRecords.load(app)
            for by in ["agent,day", "project,team,agent,day"] {
                for filter in [MetricsService.Parameters(), .init(project: "P1"), .init(site: "S1"), .init(agent: "A2,A3")] {
                    var p = filter
                    (p.from, p.to, p.by) = ("2026-11-01", "2026-11-10", by)
                    let viaCells = try await MetricsService.compute(p, scope: .organisation, at: now, on: app.db).rows
                    expectSame(viaCells, try await direct(app, p, at: now))
                }
            }
            let sql = app.db as! any SQLDatabase
            #expect(try await sql.select().column("day").from("metric_days").all().count == 8)
            // The report job keeps the days before yesterday built: from the 1st to the 8th here, all built already;
            // forgetting them, it builds them again.
            try await MetricCellQueries.invalidateAll(on: app.db)
            try await MetricCellQueries.buildDays(from: now.addingTimeInterval(-9 * 86_400), to: now, at: now, on: app.db)
            let days = try await sql.select().column("day").from("metric_days").all().map { try $0.decode(column: "day", as: String.self) }
            #expect(days.sorted() == (1 ... 8).map { "2026-11-0\($0)" })

            // A call imported later for the 2nd: that day is built again.
            let late = "attempt_id,project,lead_id,phone,agent,started_at,answered_at,ended_at,prep_seconds,talk_seconds,acw_seconds,disposition\n"
                + "a9,P1,L4,13800000004,A1,2026-11-02T15:00:00+08:00,2026-11-02T15:00:05+08:00,2026-11-02T15:05:05+08:00,0,300,0,success\n"
            try await MetricsRecords.importRecords(app, .calls, late)
            let p = MetricsService.Parameters(from: "2026-11-02", to: "2026-11-02", by: "agent,day", metrics: "calls_made,successful_accounts")
            let rows = try await MetricsService.compute(p, scope: .organisation, at: now, on: app.db).rows
            let a1 = rows.first { $0.key.agent == "A1" }
            #expect(a1?.value(.calls_made) == 3 && a1?.value(.successful_accounts) == 2)
            expectSame(rows, try await direct(app, p, at: now))
        }
    }
}
