import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// The metrics read from the store, through the API, on `MetricsRecords` — every figure worked out by hand.
@Suite struct MetricsAPITests {
    func metrics(_ app: Application, _ token: String, _ query: String) async throws -> [[String: Any]] {
        let response = try await app.testing().sendRequest(.GET, "/api/v1/metrics?" + query, headers: jsonHeaders(token))
        #expect(response.status == .ok, "\(response.body.string)")
        let object = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any]
        return object?["rows"] as? [[String: Any]] ?? []
    }

    func number(_ row: [String: Any]?, _ id: String) -> Double? {
        (row?["metrics"] as? [String: Any])?[id] as? Double
    }

    /// Equal within rounding: the store's sums and the hand's fractions may differ in the last bit.
    func close(_ value: Double?, _ expected: Double) -> Bool {
        value.map { abs($0 - expected) < 1e-9 } ?? false
    }

    func isNull(_ row: [String: Any]?, _ id: String) -> Bool {
        (row?["metrics"] as? [String: Any])?[id] is NSNull
    }

    @Test func importedRecordsGiveTheFiguresWorkedOutByHand() async throws {
        try await withWaihu { app in
            try await MetricsRecords.load(app)
            let token = try await login(app, "admin", adminPassword)
            let all = try await metrics(app, token, "").first
            // Leads: L1 success, L2 completed (refused, then completed), L3 invalid (vacant, then abandoned),
            // L4 not called, L5 rejected at import (invalid), M1 refused (broke off).
            #expect(number(all, "account_size") == 6)
            #expect(number(all, "useless_data") == 2)
            #expect(number(all, "dialable_numbers") == 5)
            #expect(number(all, "accounts_called") == 4)
            #expect(number(all, "calls_made") == 7)
            #expect(number(all, "average_calling_attempt") == 2)
            #expect(number(all, "reachable_accounts") == 3)
            #expect(close(number(all, "connect_rate"), 4.0 / 7))
            #expect(close(number(all, "avg_talk_seconds"), 455.0 / 4))
            #expect(close(number(all, "aht_seconds"), 560.0 / 6))
            #expect(isNull(all, "target_progress"))
            // States: A1 9600 s logged in (its logged_out half hour left out), A2 8100, A3 1800; busy 2700.
            #expect(close(number(all, "logged_in_hours"), 19_500.0 / 3600))
            #expect(close(number(all, "busy_rate"), 2700.0 / 19_500))
            #expect(number(all, "paid_hours") == 27)
            #expect(close(number(all, "attendance_headcount_rate"), 2.0 / 3))
            // Orders: 199.00 signed, 50.50 rejected, 100 pending.
            #expect(number(all, "orders") == 3)
            #expect(number(all, "sales_amount") == 299)
            #expect(close(number(all, "order_approval_rate"), 1.0 / 2))
            #expect(number(all, "complaint_rate") == 0)

            let third = try await metrics(app, token, "project=P1&from=2026-11-03&to=2026-11-03").first
            // On the 3rd P1 called L3 (abandoned: unreachable that day) and L2 (completed).
            #expect(number(third, "account_size") == 2)
            #expect(number(third, "unreachable_accounts") == 1)
            #expect(close(number(third, "target_progress"), 1.0 / 4))
            #expect(isNull(third, "paid_hours"))
        }
    }

    @Test func aProjectsConversationThresholdsDecideItsConversations() async throws {
        try await withWaihu { app in
            try await MetricsRecords.load(app)
            let token = try await login(app, "admin", adminPassword)
            // Talk ≥ 30 s: a2 200, a3 40, a6 190 (a8 25 is P2's, too short).
            #expect(number(try await metrics(app, token, "metrics=conversations").first, "conversations") == 3)
            let patch = try await app.testing().sendRequest(.PATCH, "/api/v1/projects/P1", headers: jsonHeaders(token),
                                                            body: json(["conversation_seconds": 50, "effective_conversation_seconds": 195]))
            #expect(patch.status == .ok && (try? patch.content.get(Int.self, at: "conversation_seconds")) == 50)
            let after = try await metrics(app, token, "metrics=conversations,effective_conversations").first
            // Now a3 (40 s) is no conversation, and a6 (190 s) no effective one.
            #expect(number(after, "conversations") == 2 && number(after, "effective_conversations") == 1)
            let bad = try await app.testing().sendRequest(.PATCH, "/api/v1/projects/P1", headers: jsonHeaders(token),
                                                          body: json(["conversation_seconds": 300]))
            #expect(bad.status == .badRequest && errorCode(bad) == "invalid_field")
        }
    }

    @Test func aSplitByAgentAndDayDownloadsAsCSV() async throws {
        try await withWaihu { app in
            try await MetricsRecords.load(app)
            let token = try await login(app, "admin", adminPassword)
            let response = try await app.testing().sendRequest(
                .GET, "/api/v1/metrics?by=agent,day&metrics=calls_made,busy_count,logged_in_hours&format=csv", headers: jsonHeaders(token))
            #expect(response.headers.contentType?.subType == "csv")
            // a4 at 15:59:50Z is 23:59:50 in Shanghai: still A2's 2nd. A2's ready 23:00–01:00 gives an hour to each day.
            #expect(response.body.string == "\u{FEFF}agent,day,calls_made,busy_count,logged_in_hours\r\n"
                    + "A1,2026-11-02,2,1,2.666667\r\nA1,2026-11-03,1,0,0\r\nA2,2026-11-02,2,0,1\r\nA2,2026-11-03,0,1,1.25\r\nA3,2026-11-03,1,0,0.5\r\n")
        }
    }

    @Test func importingTwiceChangesNothingAndBadRowsAreRefusedWithTheirLine() async throws {
        try await withWaihu { app in
            try await MetricsRecords.load(app)
            let token = try await login(app, "admin", adminPassword)
            func post(_ kind: String, _ body: String) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.POST, "/api/v1/records/\(kind)", headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/csv"],
                                                    body: ByteBuffer(string: body))
            }
            let again = try await post("calls", MetricsRecords.calls + "\n" + MetricsRecords.badCalls)
            #expect(again.status == .ok)
            let report = try again.content.decode(RecordImportReport.self)
            #expect(report.rows == 13 && report.stored == 0 && report.unchanged == 7)
            #expect(report.rejected.map(\.line) == Array(9 ... 14))
            #expect(report.rejected.map(\.code) == ["unknown_project", "invalid_field", "talk_without_answer", "unknown_disposition",
                                                     "unknown_lead", "unknown_agent"])
            #expect(try await CallAttemptModel.query(on: app.db).count() == 7)

            // Only bad rows: nothing stored, 422 with the first reason.
            let bad = try await post("calls", "attempt_id,project,lead_id,phone,agent,started_at,answered_at,ended_at,prep_seconds,talk_seconds,acw_seconds,disposition\n"
                                     + MetricsRecords.badCalls)
            #expect(bad.status == .unprocessableEntity && errorCode(bad) == "nothing_imported")
            let noColumn = try await post("orders", "order_id,attempt_id,amount\no9,a2,1\n")
            #expect(noColumn.status == .badRequest && errorCode(noColumn) == "missing_columns")
            #expect(try await post("payments", "x\n1\n").status == .notFound)

            // An order moves on: the same id with a new status updates it; the same file twice changes nothing.
            let moved = try await post("orders", MetricsRecords.orders.replacingOccurrences(of: "o3,a6,100,pending", with: "o3,a6,100,approved"))
            #expect(try moved.content.decode(RecordImportReport.self).updated == 1)
            let twice = try await post("orders", MetricsRecords.orders.replacingOccurrences(of: "o3,a6,100,pending", with: "o3,a6,100,approved"))
            let unchanged = try twice.content.decode(RecordImportReport.self)
            #expect(unchanged.updated == 0 && unchanged.unchanged == 3)
            #expect(close(number(try await metrics(app, token, "metrics=order_approval_rate").first, "order_approval_rate"), 2.0 / 3))
            // An overlapping state is refused; the identical one is unchanged.
            let overlap = try await post("states", "agent,state,started_at,ended_at,reason\nA1,ready,2026-11-02T08:30:00+08:00,2026-11-02T08:40:00+08:00,\n"
                                         + "A1,ready,2026-11-02T08:00:00+08:00,2026-11-02T09:00:00+08:00,\n")
            let states = try overlap.content.decode(RecordImportReport.self)
            #expect(states.rejected.map(\.code) == ["state_overlaps"] && states.unchanged == 1)
            #expect(try await AgentStateIntervalModel.query(on: app.db).count() == 8)
        }
    }

    @Test func aVendorSeesOnlyItsOwnSitesWorkAndBadSlicesAreRefused() async throws {
        try await withWaihu { app in
            try await MetricsRecords.load(app)
            let admin = try await login(app, "admin", adminPassword)
            let site = try #require(try await SiteModel.query(on: app.db).filter(\.$name == "S2").first()?.id)
            try await createUser(app, admin: admin, ["username": "vendor2", "password": "Vendor-pass-2", "role": "vendor", "site_id": site.uuidString])
            let vendor = try await login(app, "vendor2", "Vendor-pass-2")
            // S2 has A3 only: a8.
            #expect(number(try await metrics(app, vendor, "metrics=calls_made").first, "calls_made") == 1)
            #expect(number(try await metrics(app, vendor, "agent=A1&metrics=calls_made").first, "calls_made") == 0)

            for (query, code) in [("by=fortnight", "unknown_dimension"), ("by=day,month", "two_time_splits"), ("metrics=calls_taken", "unknown_metric"),
                                  ("project=P7", "unknown_project"), ("from=2026-11-05&to=2026-11-01", "range_reversed"), ("format=xml", "invalid_field")] {
                let response = try await app.testing().sendRequest(.GET, "/api/v1/metrics?" + query, headers: jsonHeaders(admin))
                #expect(errorCode(response) == code, "\(query): \(response.body.string)")
            }
        }
    }

    @Test func theCatalogAndThePageShowEveryMetricInBothLanguages() async throws {
        try await withWaihu { app in
            try await MetricsRecords.load(app)
            let token = try await login(app, "admin", adminPassword)
            let catalog = try await app.testing().sendRequest(.GET, "/api/v1/metrics/catalog", headers: jsonHeaders(token))
            let object = try JSONSerialization.jsonObject(with: Data(catalog.body.string.utf8)) as? [String: Any]
            let entries = object?["metrics"] as? [[String: Any]] ?? []
            #expect(entries.count == MetricID.allCases.count)
            #expect((entries.first?["name"] as? [String: String]) == ["zh": "客户数据总量", "en": "Account Size"])

            var browser = try await signIn(app, "admin", password: adminPassword)
            let page = try await browser.get("/reports/metrics?from=2026-11-01&to=2026-11-30&by=agent")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("电话外拨次数") && page.body.string.contains("A3"))
            #expect(page.body.string.contains("/api/v1/metrics?from=2026-11-01&amp;to=2026-11-30&amp;by=agent"))
            let english = try await browser.get("/reports/metrics?from=2026-11-01&to=2026-11-30&section=orders", language: "en")
            #expect(english.body.string.contains("Sales Amount") && english.body.string.contains("299.00"))
        }
    }
}
