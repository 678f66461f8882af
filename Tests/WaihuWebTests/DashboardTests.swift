import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
import WaihuApp
@testable import WaihuWeb

/// The dashboards, the planning page and the best-hours and alerts API on `MetricsRecords`.
@Suite struct DashboardTests {
    @Test func theProjectDashboardDrawsItsFunnelAndTheAgentsViewRanksThem() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-03T12:00:00+08:00")!
        try await withWaihu(clock: { now }) { app in
            try await MetricsRecords.load(app)
            var browser = try await signIn(app, "admin", password: adminPassword)
            let dashboard = try await browser.get("/reports/projects/P1")
            #expect(dashboard.status == .ok)
            let html = dashboard.body.string
            // P1's funnel: 5 leads, 3 called, 2 reached (L1, L2), 2 completed, 1 success.
            #expect(html.contains("<svg") && html.contains(">5 (100.0%)<") && html.contains(">3 (60.0%)<") && html.contains(">1 (20.0%)<"))
            #expect(try await browser.get("/reports/projects/NOPE").status == .notFound)

            let agents = try await browser.get("/reports/agents?from=2026-11-02&to=2026-11-03")
            #expect(agents.status == .ok && agents.body.string.contains("A3"))
            let planning = try await browser.get("/reports/planning?seats=20&calls_per_seat_hour=40&hours=7.5&connect_rate=0.3&effective_conversation_rate=0.35&close_rate=0.2&orders=100")
            #expect(planning.body.string.contains("126.00") && planning.body.string.contains(">16<"))
            let refused = try await browser.get("/reports/planning?connect_rate=2")
            #expect(refused.body.string.contains("比率须在 0 到 1 之间"))
        }
    }

    @Test func bestHoursAndAlertsAreServedForAProjectInScope() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-03T12:00:00+08:00")!
        try await withWaihu(clock: { now }) { app in
            try await MetricsRecords.load(app)
            let token = try await login(app, "admin", adminPassword)
            let response = try await app.testing().sendRequest(.GET, "/api/v1/metrics/best-hours?project=P1&weeks=1", headers: jsonHeaders(token))
            let best = try response.content.decode(BestHours.self)
            // P1 in the week to the 3rd: six calls in hours 9 (a1, a3, a6), 10 (a2), 23 (a4), 8 (a5); none with 20 calls.
            #expect(best.cells.map(\.calls).reduce(0, +) == 6 && best.suggested_hours.isEmpty)
            #expect(best.overall_connect_rate == 3.0 / 6)
            let missing = try await app.testing().sendRequest(.GET, "/api/v1/metrics/best-hours", headers: jsonHeaders(token))
            #expect(errorCode(missing) == "missing_field")
            let alerts = try await app.testing().sendRequest(.GET, "/api/v1/alerts", headers: jsonHeaders(token))
            #expect(alerts.status == .ok && alerts.body.string.contains("\"alerts\""))
        }
    }
}
