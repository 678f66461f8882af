import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Two inspectors calibrate on the same calls: neither sees the other's scores while the session is open, the
/// session's owner closes it, the report compares them; what may not be done is refused with its reason.
@Suite struct CalibrationFlowTests {
    func post(_ app: Application, _ token: String, _ path: String, _ body: [String: Any] = [:]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, path, headers: jsonHeaders(token), body: json(body))
    }

    @Test func twoInspectorsScoreBlindAndTheReportComparesThem() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            try await DemoCalling.seed(at: now, on: app.db)
            try await DemoHistory.seed(app, at: now)
            let admin = try await login(app, "admin", adminPassword)
            #expect(try await post(app, admin, "/api/v1/users", ["username": "qa2", "display_name": "钱质检", "role": "qa", "password": DemoOrganisation.password]).status == .created)
            let qa2User = try #require(try await UserModel.query(on: app.db).filter(\.$username == "qa2").first())
            qa2User.mustChangePassword = false
            try await qa2User.save(on: app.db)
            let qa = try await login(app, "qa", DemoOrganisation.password)
            let qa2 = try await login(app, "qa2", DemoOrganisation.password)

            var body: [String: Any] = ["name": "十一月校准", "project": "DEMO-MKT", "from": "2026-11-18", "to": "2026-11-24", "calls": 2, "seed": 4,
                                       "inspectors": ["qa"]]
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/calibrations", body)) == "calibration_needs_two")
            body["inspectors"] = ["qa", "qa2"]
            let opened = try await post(app, qa, "/api/v1/qa/calibrations", body)
            #expect(opened.status == .created)
            let session = try opened.content.decode(CalibrationReads.SessionView.self)
            #expect(session.calls.count == 2 && session.report == nil)
            let (first, second) = (session.calls[0].attempt_id, session.calls[1].attempt_id)

            // qa: everything met on both; qa2: F2 failed on the first (0), everything met on the second.
            let all = QualityFlowTests.allMet()
            #expect(try await post(app, qa, "/api/v1/qa/calibrations/\(session.id)/scores/\(first)", ["marks": all]).status == .ok)
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/calibrations/\(session.id)/scores/\(first)", ["marks": all])) == "calibration_scored")
            #expect(try await post(app, qa, "/api/v1/qa/calibrations/\(session.id)/scores/\(second)", ["marks": all]).status == .ok)
            let blind = try await post(app, qa2, "/api/v1/qa/calibrations/\(session.id)/scores/\(first)", ["marks": QualityFlowTests.allMet(except: ["F2"])])
                .content.decode(CalibrationReads.SessionView.self)
            #expect(blind.report == nil && blind.calls[0].scored_by == ["qa", "qa2"], "who scored, never what, while open")
            #expect(try await post(app, qa2, "/api/v1/qa/calibrations/\(session.id)/scores/\(second)", ["marks": all]).status == .ok)
            // Not an inspector of it; not its owner.
            let manager = try await login(app, "manager", DemoOrganisation.password)
            #expect(try await post(app, manager, "/api/v1/qa/calibrations/\(session.id)/scores/\(first)", ["marks": all]).status == .forbidden)
            #expect(errorCode(try await post(app, qa2, "/api/v1/qa/calibrations/\(session.id)/close")) == "not_calibration_owner")

            let closed = try await post(app, qa, "/api/v1/qa/calibrations/\(session.id)/close").content.decode(CalibrationReads.SessionView.self)
            let report = try #require(closed.report)
            // First call: 100 and 0, mean 50, spread 100; second: 100 and 100.
            #expect(report[0].totals == ["qa": 100, "qa2": 0] && report[0].mean == 50 && report[0].spread == 100)
            #expect(report[1].spread == 0)
            // Items: the sales scorecard's on two calls; only F2 on the first differs.
            let items = DefaultScorecards.sales.items.count
            #expect(closed.agreement == Double(2 * items - 1) / Double(2 * items))
            // qa: (100 − 50 + 0) ÷ 2 = +25; qa2: −25.
            #expect(closed.report_inspectors?.first { $0.inspector == "qa" }?.deviation == 25)
            #expect(errorCode(try await post(app, qa2, "/api/v1/qa/calibrations/\(session.id)/scores/\(first)", ["marks": all])) == "calibration_closed")

            var page = try await signIn(app, "qa")
            let html = try await page.get("/qa/calibrations/\(session.id)").body.string
            #expect(html.contains("校准对比") && html.contains("+25.0"))
            #expect(try await page.get("/qa/calibrations").body.string.contains("十一月校准"))
            #expect(try await page.get("/qa/calibrations/\(session.id)/calls/\(first)").status == .ok)
        }
    }
}
