import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

@Suite struct LeadPageTests {
    @Test func aSupervisorAllocatesFromThePageAndTheAgentSeesTheLeadsMasked() async throws {
        try await withWaihu(demo: true) { app in
            try await importTenLeads(app, manager: try await login(app, "manager", DemoOrganisation.password))
            var supervisor = try await signIn(app, "supervisor")
            let page = try await supervisor.get("/projects/DEMO-MKT/leads")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("id=\"allocate\""))
            let a1011 = try #require(try await AgentQueries.agent(number: "A1011", on: app.db)?.id)
            let a1012 = try #require(try await AgentQueries.agent(number: "A1012", on: app.db)?.id)
            let done = try await supervisor.post("/projects/DEMO-MKT/allocations", pairs: [
                ("agents[]", a1011.uuidString), ("agents[]", a1012.uuidString), ("mode", "count"), ("count", "4"),
                ("source", "pool"), ("batch_id", ""), ("attribute", ""), ("value", ""),
            ], csrfFrom: page.body.string)
            #expect(done.status == .ok)
            #expect(done.body.string.contains("A1011 ×4"))

            var agent = try await signIn(app, "a1011")
            let own = try await agent.get("/projects/DEMO-MKT/leads")
            #expect(own.body.string.contains("客户数：4"))
            #expect(own.body.string.contains("138****01"))
            #expect(!own.body.string.contains("13800000"))
            #expect(!own.body.string.contains("id=\"allocate\""))
        }
    }

    /// Taking everything back is chosen by name and asked again in the browser: no choice takes nothing back.
    @Test func recyclingEverythingIsAnExplicitConfirmedChoice() async throws {
        try await withWaihu(demo: true) { app in
            try await importTenLeads(app, manager: try await login(app, "manager", DemoOrganisation.password))
            _ = try await allocate(app, try await login(app, "manager", DemoOrganisation.password), ["agents": ["A1011"], "mode": "evenly"])
            var supervisor = try await signIn(app, "supervisor")
            let page = try await supervisor.get("/projects/DEMO-MKT/leads").body.string
            #expect(page.contains("<option value=\"all\" data-confirm=") && page.contains("/confirm.js"))
            #expect(page.contains("<option value=\"\">请选择从哪里收回</option>"))
            func allocated() async throws -> Int {
                try await LeadModel.query(on: app.db).filter(\.$statusCode == LeadStatus.allocated.rawValue).count()
            }
            let held = try await allocated()
            #expect(held == 10)
            let unchosen = try await supervisor.post("/projects/DEMO-MKT/recycle", form: ["source": ""], csrfFrom: page)
            #expect(unchosen.status == .badRequest && unchosen.body.string.contains("请选择从哪里收回"))
            #expect(try await allocated() == held, "no choice took nothing back")
            let all = try await supervisor.post("/projects/DEMO-MKT/recycle", form: ["source": "all"], csrfFrom: page)
            #expect(all.status == .ok)
            #expect(try await allocated() == 0)
            // Closing a project asks first too.
            var manager = try await signIn(app, "manager")
            let project = try await manager.get("/projects/DEMO-MKT").body.string
            #expect(project.contains("<option value=\"closing\" data-confirm="), "\(project.contains("value=\"closing\""))")
        }
    }

    @Test func aRefusedAllocationShowsItsReasonAndMovesNothing() async throws {
        try await withWaihu(demo: true) { app in
            try await importTenLeads(app, manager: try await login(app, "manager", DemoOrganisation.password))
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/projects/DEMO-MKT/leads?lang=en")
            let refused = try await manager.post("/projects/DEMO-MKT/allocations", pairs: [("mode", "evenly"), ("source", "pool")],
                                                 csrfFrom: page.body.string)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("请至少选择一个班组或坐席"))
            #expect(try await LeadModel.query(on: app.db).filter(\.$statusCode == LeadStatus.allocated.rawValue).count() == 0)
        }
    }

    @Test func aManagerRevealsOneNumberFromThePageAndItIsAudited() async throws {
        try await withWaihu(demo: true) { app in
            try await importTenLeads(app, manager: try await login(app, "manager", DemoOrganisation.password))
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/projects/DEMO-MKT/leads")
            #expect(!page.body.string.contains("13800000100"))
            let lead = try #require(try await LeadModel.query(on: app.db).filter(\.$customerID == "K0").first())
            let shown = try await manager.post("/projects/DEMO-MKT/leads/\(lead.id!)/reveal", form: [:], csrfFrom: page.body.string)
            #expect(shown.body.string.contains("13800000100"))
            #expect(!shown.body.string.contains("13800000101"))
            #expect(try await AuditLog.entries(AuditFilter(action: "lead.reveal"), on: app.db).count == 1)
        }
    }
}
