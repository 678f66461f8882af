import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// The reports written from `MetricsRecords`: their figures, their downloads and their pages.
@Suite struct ReportWebTests {
    /// 3 November 2026, 00:30 in Shanghai: the 2nd's daily report and October's monthly report are due.
    let now = ISO8601DateFormatter().date(from: "2026-11-02T16:30:00Z")!

    @Test func theDueReportsAreWrittenOnceWithTheDaysFigures() async throws {
        try await withWaihu { app in
            try await MetricsRecords.load(app)
            let written = try await ReportService.writeDue(at: now, on: app.db)
            #expect(written.map(\.kind) == [.daily, .monthly])
            #expect(try await ReportService.writeDue(at: now, on: app.db).isEmpty)

            let daily = try #require(written.first)
            #expect(daily.period == "2026-11-02")
            let calls = try #require(daily.figures.firstIndex(of: .calls_made))
            let connected = try #require(daily.figures.firstIndex(of: .connected_calls))
            let projects = try #require(daily.sections.first { $0.dimension == .project }).rows
            // On the 2nd P1 had a1–a4 (a2 and a3 talked); nothing on the 1st to compare with.
            #expect(projects.map(\.name) == ["P1"])
            #expect(projects[0].values[calls] == 4 && projects[0].values[connected] == 2 && projects[0].previous[calls] == nil)
            // Target progress to the end of the 2nd: L1 success only, over a target of 4.
            #expect(projects[0].target_progress == 0.25)
            let agents = try #require(daily.sections.first { $0.dimension == .agent }).rows
            #expect(agents.map(\.name) == ["A1", "A2"])
            #expect(agents.map { $0.values[calls] } == [2, 2])
            let monthly = try #require(written.last)
            #expect(monthly.period == "2026-10" && monthly.sections.allSatisfy { $0.rows.isEmpty })
        }
    }

    @Test func aReportDownloadsAsXLSXAndCSVAndShowsAsAPage() async throws {
        try await withWaihu { app in
            try await MetricsRecords.load(app)
            try await ReportService.writeDue(at: now, on: app.db)
            let token = try await login(app, "admin", adminPassword)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/reports", headers: jsonHeaders(token))
            let entries = try list.content.decode([ReportsController.Entry].self)
            let daily = try #require(entries.first { $0.kind == .daily })

            let xlsx = try await app.testing().sendRequest(.GET, "/api/v1/reports/\(daily.id)?format=xlsx&lang=en", headers: jsonHeaders(token))
            #expect(xlsx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let path = NSTemporaryDirectory() + "waihu-report-\(UUID().uuidString).xlsx"
            try Data(buffer: xlsx.body).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let sheet = try XLSXReader.records(path: path, sheet: "Agent")
            // The report's title and period, then the header and the rows.
            #expect(sheet[0].fields == ["Daily report 2026-11-02"] && sheet[1].fields == ["Period 2026-11-02 to 2026-11-02"])
            #expect(sheet[2].fields.prefix(2) == ["Agent", "Calls Made"])
            #expect(sheet.dropFirst(3).map { Array($0.fields.prefix(2)) } == [["A1", "2"], ["A2", "2"]])

            let csv = try await app.testing().sendRequest(.GET, "/api/v1/reports/\(daily.id)?format=csv", headers: jsonHeaders(token))
            #expect(csv.body.string.contains("\r\nP1,4,,,2,"))
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/reports/\(UUID())", headers: jsonHeaders(token)).status == .notFound)

            var browser = try await signIn(app, "admin", password: adminPassword)
            let page = try await browser.get("/reports/\(daily.id)")
            #expect(page.status == .ok && page.body.string.contains("日报 2026-11-02") && page.body.string.contains("A2"))
            #expect(try await browser.get("/reports").body.string.contains("/reports/\(daily.id)"))
        }
    }
}

/// A kept report read by someone whose scope is narrower than the organisation shows only their agents' work.
@Suite struct ReportScopeTests {
    let now = ISO8601DateFormatter().date(from: "2026-11-02T16:30:00Z")!

    @Test func anAgentReadsOnlyTheirOwnFiguresInAKeptReport() async throws {
        try await withWaihu { app in
            try await MetricsRecords.load(app)
            try await ReportService.writeDue(at: now, on: app.db)
            let admin = try await login(app, "admin", adminPassword)
            let a1 = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1").first())
            try await createUser(app, admin: admin, ["username": "agent1", "password": "Agent-pass-1", "role": "agent",
                                                     "agent_id": try a1.requireID().uuidString])
            let agent = try await login(app, "agent1", "Agent-pass-1")
            let list = try await app.testing().sendRequest(.GET, "/api/v1/reports", headers: jsonHeaders(agent))
            let daily = try #require(try list.content.decode([ReportsController.Entry].self).first { $0.kind == .daily })

            let report = try await app.testing().sendRequest(.GET, "/api/v1/reports/\(daily.id)", headers: jsonHeaders(agent))
                .content.decode(OperationsReport.self)
            let calls = try #require(report.figures.firstIndex(of: .calls_made))
            // On the 2nd A1 made a1 and a2 on P1; A2's a3 and a4 are not A1's to see.
            #expect(report.sections.first { $0.dimension == .agent }?.rows.map(\.name) == ["A1"])
            #expect(report.sections.first { $0.dimension == .project }?.rows.map { $0.values[calls] } == [2])
            #expect(report.sections.first { $0.dimension == .team }?.rows.map(\.name) == ["T1"])

            let csv = try await app.testing().sendRequest(.GET, "/api/v1/reports/\(daily.id)?format=csv", headers: jsonHeaders(agent))
            #expect(csv.body.string.contains("\r\nA1,2,") && !csv.body.string.contains("A2"))
            // The organisation's view is the kept report, unchanged.
            let whole = try await app.testing().sendRequest(.GET, "/api/v1/reports/\(daily.id)", headers: jsonHeaders(admin))
                .content.decode(OperationsReport.self)
            #expect(whole.sections.first { $0.dimension == .agent }?.rows.map(\.name) == ["A1", "A2"])
        }
    }
}
