import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// The agent desk page and the JSON its script exchanges with the browser's session.
@Suite struct DeskPageTests {
    /// Sends JSON as the page's script does: the session cookie and, unless left out, the CSRF header.
    func script(_ browser: PageSession, _ method: HTTPMethod, _ path: String, csrf: String?, _ body: [String: Any]? = nil) async throws -> TestingHTTPResponse {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "application/json"]
        if let cookie = browser.cookie { headers.add(name: .cookie, value: cookie) }
        if let csrf { headers.add(name: CSRF.header, value: csrf) }
        return try await browser.app.testing().sendRequest(method, path, headers: headers, body: body.map(json))
    }

    func csrf(in page: String) -> String {
        guard let range = page.range(of: "data-csrf=\"") else { return "" }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func anAgentChangesStateFromTheDeskAndTheScriptGetsJSON() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            var agent = try await signIn(app, "a1001")
            let page = try await agent.get("/desk")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("坐席工作台") && html.contains("value=\"DEMO-MKT\"") && html.contains("就绪 (R)"))
            #expect(html.contains("/desk.js"))
            let token = csrf(in: html)

            let ready = try await script(agent, .POST, "/desk/state", csrf: token, ["state": "ready", "project": "DEMO-MKT"])
            #expect(ready.status == .ok, "\(ready.body.string)")
            #expect(try ready.content.get(String.self, at: "state") == "ready")
            let status = try await script(agent, .GET, "/desk/status", csrf: nil)
            #expect(try status.content.get(String.self, at: "state") == "ready")

            // Refusals come back as JSON the script can show, and change nothing.
            let noReason = try await script(agent, .POST, "/desk/state", csrf: token, ["state": "busy"])
            #expect(noReason.status == .badRequest && errorCode(noReason) == "invalid_field")
            let forged = try await script(agent, .POST, "/desk/state", csrf: nil, ["state": "logged_out"])
            #expect(forged.status == .forbidden && errorCode(forged) != nil)
            let still = try await script(agent, .GET, "/desk/status", csrf: nil)
            #expect(try still.content.get(String.self, at: "state") == "ready")

            let dispositions = try await script(agent, .GET, "/desk/projects/DEMO-MKT/dispositions", csrf: nil)
            #expect(try dispositions.content.get([DispositionRule].self, at: "dispositions").count == DispositionSet.standard.dispositions.count)
        }
    }

    @Test func theDeskIsForAgentsAndTheProjectPageShowsItsDialer() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            var manager = try await signIn(app, "manager")
            #expect(try await manager.get("/desk").status == .forbidden)
            let project = try await manager.get("/projects/DEMO-MKT")
            #expect(project.body.string.contains("外拨模式：预览式"))
            let saved = try await manager.post("/projects/DEMO-MKT/dialer", form: ["mode": "predictive"], csrfFrom: project.body.string)
            #expect(saved.status == .seeOther)
            let after = try await manager.get("/projects/DEMO-MKT")
            #expect(after.body.string.contains("外拨模式：预测式"))
            #expect(after.body.string.contains("今日放弃率：—（0 / 0）"))
            // The desk knows each project's mode, to say "calling for you" while a ready agent waits in predictive.
            var agent = try await signIn(app, "a1001")
            let desk = try await agent.get("/desk").body.string
            #expect(desk.contains("value=\"DEMO-MKT\"") && desk.contains("data-mode=\"predictive\""))
            #expect(desk.contains("正在为您外呼"))
        }
    }
}
