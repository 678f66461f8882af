import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Closing a project stops handing out leads and gives the allocated ones back to the pool; a call in hand stays the agent's.
@Suite struct LifecycleAPITests {
    @Test func closingReturnsAllocatedLeadsToThePool() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 4])
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let inHand = try await takeNext(app, agent)
            let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first()?.id)
            let before = try await LeadHoldingQueries.holdings(project: project, on: app.db)
            #expect(before.byStatus[.allocated] == 3 && before.byStatus[.reserved] == 1 && before.byStatus[.pool] == 6)

            let closing = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/status", headers: jsonHeaders(manager),
                                                              body: json(["status": "closing"]))
            #expect(closing.status == .ok, "\(closing.body.string)")
            let after = try await LeadHoldingQueries.holdings(project: project, on: app.db)
            #expect(after.byStatus[.allocated] == nil && after.byStatus[.reserved] == 1 && after.byStatus[.pool] == 9)
            let audit = try await AuditLog.entries(AuditFilter(targetType: "project"), on: app.db).first { $0.action == "project.status" }
            #expect(audit?.detail.contains("leads returned to the pool=3") == true)

            let next = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/desk/next", headers: jsonHeaders(agent))
            #expect(errorCode(next) == "project_closed")
            // A closing project takes no allocation either (it used to refuse only a closed one); the pool stays as it is.
            let allocation = try await allocate(app, manager, ["agents": ["A1002"], "mode": "count", "count": 2])
            #expect(allocation.status == .unprocessableEntity)
            #expect(errorCode(allocation) == "project_closed")
            #expect(try await LeadHoldingQueries.holdings(project: project, on: app.db).byStatus[.pool] == 9)
            // The call in hand can still be ended.
            #expect(try await finish(app, agent, inHand.attempt_id, ["disposition": "busy"]).status == .ok)
        }
    }

    @Test func theProjectPageChangesTheDeskSettingsOrSaysWhyNot() async throws {
        try await withWaihu(demo: true) { app in
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/projects/DEMO-SAT")
            #expect(page.body.string.contains("name=\"wrap_up_seconds\" type=\"number\" min=\"5\" max=\"3600\" value=\"120\""))
            let fields = ["wrap_up_seconds": "45", "callback_pass_minutes": "20", "conversation_seconds": "40", "effective_conversation_seconds": "200"]
            let saved = try await manager.post("/projects/DEMO-SAT/settings", form: fields, csrfFrom: page.body.string)
            #expect(saved.status == .seeOther)
            var project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-SAT").first())
            let settings: [Int] = [project.wrapUpSeconds, project.callbackPassMinutes, project.conversationSeconds, project.effectiveConversationSeconds]
            #expect(settings == [45, 20, 40, 200])

            var bad = fields
            bad["wrap_up_seconds"] = "2"
            let refused = try await manager.post("/projects/DEMO-SAT/settings", form: bad, csrfFrom: page.body.string)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("wrap_up_seconds"))
            project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-SAT").first())
            #expect(project.wrapUpSeconds == 45)

            // Others see the settings but cannot change them.
            var supervisor = try await signIn(app, "supervisor")
            let seen = try await supervisor.get("/projects/DEMO-SAT")
            #expect(seen.body.string.contains("value=\"45\" disabled"))
            #expect(try await supervisor.post("/projects/DEMO-SAT/settings", form: fields, csrfFrom: seen.body.string).status == .forbidden)
        }
    }
}
