import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// The dashboard's figures aggregated in the database agree with the metrics engine (the catalog's own
/// route) on a demo week of calls, with a test call and a called lead rejected at import thrown in: over the
/// whole project and over a few days, for the organisation and for one site.
@Suite struct DashboardAggregationTests {
    @Test func theDatabaseAggregatesAgreeWithTheMetricsEngine() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            try await DemoCalling.seed(at: now, on: app.db)
            try await DemoHistory.seed(app, at: now)
            // A success made a test call counts nowhere; a called lead rejected at import is invalid whatever its calls.
            let success = try #require(try await CallAttemptModel.query(on: app.db).filter(\.$disposition == "success").first())
            success.testCall = true
            try await success.save(on: app.db)
            let reached = try #require(try await CallAttemptModel.query(on: app.db).filter(\.$disposition == "refused").first())
            let lead = try #require(try await LeadModel.find(try #require(reached.leadID), on: app.db))
            lead.rejection = ImportRejection.dnc.rawValue
            try await lead.save(on: app.db)

            // The organisation and each site taking part in the project (the demo's second vendor does not).
            let sites = try #require(try await ProjectQueries.project("DEMO-MKT", in: .organisation, on: app.db)).siteIDs
            let scopes: [AccessScope] = [.organisation] + sites.map(AccessScope.site)
            let today = LocalDate("2026-11-25")!
            for scope in scopes {
                for days in [nil, LocalDate("2026-11-20")! ... LocalDate("2026-11-23")!] as [ClosedRange<LocalDate>?] {
                    let board = try await DashboardService.project("DEMO-MKT", days: days, scope: scope, at: now, on: app.db)
                    let funnelIDs = board.funnel.map(\.id)
                    let engine = try await MetricsService.compute(
                        .init(project: "DEMO-MKT", from: days?.lowerBound.description, to: days?.upperBound.description,
                              metrics: funnelIDs.map(\.rawValue).joined(separator: ",")), scope: scope, at: now, on: app.db)
                    for (id, value) in board.funnel {
                        #expect(value == engine.rows.first?.value(id) ?? 0, "\(id) for \(scope), \(String(describing: days))")
                    }
                    let shown = days ?? today.addingDays(-29) ... today
                    let daily = try await MetricsService.compute(
                        .init(project: "DEMO-MKT", from: shown.lowerBound.description, to: shown.upperBound.description, by: "day",
                              metrics: "calls_made,connect_rate,successful_accounts"), scope: scope, at: now, on: app.db)
                    let byDay = Dictionary(daily.rows.compactMap { row in row.key.bucket.map { ($0.firstDay.description, row) } },
                                           uniquingKeysWith: { a, _ in a })
                    #expect(board.trend.count == LocalTime.days(from: shown.upperBound) - LocalTime.days(from: shown.lowerBound) + 1)
                    for day in board.trend {
                        let row = byDay[day.day]
                        #expect(day.calls == row?.value(.calls_made) ?? 0, "calls on \(day.day)")
                        #expect(day.connectRate == (row?.value(.connect_rate) ?? nil), "connect rate on \(day.day)")
                        #expect(day.successes == row?.value(.successful_accounts) ?? 0, "successes on \(day.day)")
                    }
                    #expect(board.trend.map(\.calls).reduce(0, +) > 0 || scope != .organisation, "the week's calls are there")
                }
                let hours = try await DashboardService.hours(project: "DEMO-MKT", days: 28, scope: scope, at: now, on: app.db)
                let hourly = try await MetricsService.compute(
                    .init(project: "DEMO-MKT", from: today.addingDays(-27).description, to: today.description, by: "hour",
                          metrics: "calls_made,connected_calls"), scope: scope, at: now, on: app.db)
                let engineHours = hourly.rows.compactMap { row -> (TimeBucket, Int, Int)? in
                    guard let bucket = row.key.bucket, let calls = row.value(.calls_made), calls > 0 else { return nil }
                    return (bucket, Int(calls), Int(row.value(.connected_calls) ?? 0))
                }
                #expect(hours.map { "\($0.bucket) \($0.calls) \($0.connected)" } == engineHours.map { "\($0.0) \($0.1) \($0.2)" }, "hours for \(scope)")
            }
        }
    }

    @Test func theDashboardTakesADateRangeAndRefusesABadOne() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            try await DemoCalling.seed(at: now, on: app.db)
            try await DemoHistory.seed(app, at: now)
            var page = try await signIn(app, "manager")
            let ranged = try await page.get("/reports/projects/DEMO-MKT?from=2026-11-20&to=2026-11-23").body.string
            #expect(ranged.contains("（2026-11-20 – 2026-11-23）") && !ranged.contains("今天，进行中"), "the days asked for, no running day")
            let bad = try await page.get("/reports/projects/DEMO-MKT?from=2026-11-23&to=2026-11-20").body.string
            #expect(bad.contains("日期范围无效") && bad.contains("今天，进行中"), "refused, said why, the default range shown")
        }
    }
}
