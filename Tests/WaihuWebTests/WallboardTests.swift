import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// The wallboard through the API and its Server-Sent Events stream, against a day written in the store.
@Suite struct WallboardAPITests {
    @Test func theWallboardShowsTodaysCallsAndWhoIsBusyTooLong() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            try await importTenLeads(app, manager: try await login(app, "manager", DemoOrganisation.password))
            // Half an hour of calls from 09:00 today (the clock says 10:00).
            let day = DialerSimulation.run(SimulationSettings(mode: .progressive, agents: 5, hours: 0.5, answerRate: 0.5))
            _ = try await SimulationService.store(day, project: try await ProjectService.find("DEMO-MKT", scope: .organisation, on: app.db),
                                                  date: LocalTime(deskMorning, in: TimeZone(identifier: "Asia/Shanghai")!).date,
                                                  by: .console, at: app.now, on: app.db)
            let agents = try await AgentModel.query(on: app.db).sort(\.$number).all()
            let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first()?.id)
            try await AgentStateQueries.change(agent: agents[6].id!, to: .ready, project: project, at: deskMorning.addingTimeInterval(-60),
                                               source: "desk", on: app.db)
            try await AgentStateQueries.change(agent: agents[7].id!, to: .busy, reason: "meal", project: project,
                                               at: deskMorning.addingTimeInterval(-20 * 60), source: "desk", on: app.db)

            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            let response = try await app.testing().sendRequest(.GET, "/api/v1/wallboard", headers: jsonHeaders(supervisor))
            #expect(response.status == .ok, "\(response.body.string)")
            let board = try response.content.decode(WallboardService.Snapshot.self)

            // Counted again here from the stored attempts.
            let attempts = try await CallAttemptModel.query(on: app.db).filter(\.$projectID == project).all()
            let row = try #require(board.projects.first { $0.code == "DEMO-MKT" })
            #expect(row.calls == attempts.count)
            #expect(row.connected == attempts.count { $0.talkSeconds > 0 })
            #expect(row.successes == attempts.count { $0.disposition == "success" })
            #expect(row.completed == attempts.count { ["success", "completed"].contains($0.disposition ?? "") })
            #expect(row.abandoned == attempts.count { $0.disposition == "abandoned" })
            #expect(row.connect_rate == Double(row.connected) / Double(row.calls))
            #expect(board.projects.first { $0.code == "DEMO-SAT" }?.calls == 0)

            #expect(board.agents.map(\.number) == [agents[6].number, agents[7].number])
            #expect(board.agents[0].state == "ready" && !board.agents[0].alert && board.agents[0].seconds_in_state == 60)
            #expect(board.agents[1].state == "busy" && board.agents[1].reason == "meal" && board.agents[1].alert)
            #expect(board.alerts == 1)
            let relaxed = try await app.testing().sendRequest(.GET, "/api/v1/wallboard?busy_alert_minutes=30", headers: jsonHeaders(supervisor))
            #expect(try relaxed.content.decode(WallboardService.Snapshot.self).alerts == 0)
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/wallboard?busy_alert_minutes=0", headers: jsonHeaders(supervisor))
            #expect(bad.status == .badRequest)

            let stream = try await app.testing().sendRequest(.GET, "/api/v1/wallboard/stream?events=1", headers: jsonHeaders(supervisor))
            #expect(stream.headers.contentType?.subType == "event-stream")
            let text = stream.body.string
            #expect(text.hasPrefix("event: wallboard\ndata: {") && text.hasSuffix("\n\n"))
            let data = try #require(text.split(separator: "\n").first { $0.hasPrefix("data: ") }?.dropFirst(6))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            #expect(try decoder.decode(WallboardService.Snapshot.self, from: Data(data.utf8)).alerts == 1)

            let agent = try await login(app, "a1001", DemoOrganisation.password)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/wallboard", headers: jsonHeaders(agent)).status == .forbidden)
            // A vendor's administrator watches its own agents only (issue 18): the center's two logged-in agents are not there.
            let vendor = try await login(app, "vendor", DemoOrganisation.password)
            let vendorBoard = try await app.testing().sendRequest(.GET, "/api/v1/wallboard", headers: jsonHeaders(vendor))
            let vendorSnapshot = try vendorBoard.content.decode(WallboardService.Snapshot.self)
            #expect(vendorBoard.status == .ok && vendorSnapshot.agents.isEmpty)
            #expect(vendorSnapshot.projects.first { $0.code == "DEMO-MKT" }?.calls == 0, "nor the center's calls in the project")
        }
    }

    @Test func theWallboardPageListensToTheStream() async throws {
        try await withWaihu(demo: true) { app in
            var supervisor = try await signIn(app, "supervisor")
            let page = try await supervisor.get("/wallboard")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("实时监控") && page.body.string.contains("/wallboard.js"))
        }
    }
}
