import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

@Suite struct DialabilityAPITests {
    @Test func aProjectTellsByReasonWhyLeadsAreNotDialled() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            // K0…K5 go to A1001; K6…K9 stay in the pool.
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 6])
            // K0 was called twice this month, K1 is on the list.
            try await recordCall(app, phone: "13800000100", at: "2026-11-03T10:00:00+08:00")
            try await recordCall(app, phone: "13800000100", at: "2026-11-10T10:00:00+08:00")
            _ = try await app.testing().sendRequest(.POST, "/api/v1/dnc", headers: jsonHeaders(manager),
                                                    body: json(["phone": "13800000101", "reason": "complaint"]))
            // A reservation skips K0 and K1 and takes K2.
            let at = ISO8601DateFormatter().date(from: "2026-11-25T10:00:00+08:00")!
            let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first())
            let agent = try #require(try await AgentQueries.agent(number: "A1001", on: app.db)?.id)
            let outcome = try await LeadReservationQueries.reserve(ReservationRequest(
                agent: agent, project: try project.requireID(), at: at,
                rules: try await PolicyQueries.rules(project: project.id, on: app.db), zone: TimeZone(identifier: "Asia/Shanghai")!), on: app.db)
            guard case .reserved(let reservation) = outcome else { Issue.record("expected a reservation"); return }
            #expect(reservation.phone == "13800000102")

            let response = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/dialability?at=2026-11-25T10:00:00%2B08:00",
                                                               headers: jsonHeaders(manager))
            #expect(response.status == .ok, "\(response.body.string)")
            let report = try response.content.decode(DialabilityDTO.self)
            #expect(report.leads == 10)
            #expect(report.dialable == 3)
            #expect(report.refused_by_rules == 2)
            #expect(Dictionary(uniqueKeysWithValues: report.held_back.map { ($0.code, $0.count) })
                    == ["not_allocated": 4, "monthly_cap": 1, "cooldown": 1, "dnc": 1, "reserved": 1])
            // The reservation's refusals and its allowance are in K0's, K1's and K2's decision logs.
            let k0 = try #require(try await LeadModel.query(on: app.db).filter(\.$customerID == "K0").first()?.id)
            let decisions = try await app.testing().sendRequest(.GET, "/api/v1/leads/\(k0)/decisions", headers: jsonHeaders(manager))
                .content.decode([PolicyController.DecisionDTO].self)
            #expect(decisions.map(\.reasons) == [["monthly_cap", "cooldown"]])
            #expect(decisions.map(\.context) == ["reserve"])
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/dialability?at=tomorrow", headers: jsonHeaders(manager))
            #expect(bad.status == .badRequest)

            // The same history on the lead's page, in words.
            var browser = try await signIn(app, "manager")
            let page = try await browser.get("/projects/DEMO-MKT/leads/\(k0)/decisions")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("每月呼叫上限、达上限后冷却期"))
            #expect(page.body.string.contains("138****0100"))
        }
    }

    @Test func theLeadsPageShowsTheReasonsToThoseWhoMayCheckThePolicy() async throws {
        try await withWaihu(demo: true) { app in
            try await importTenLeads(app, manager: try await login(app, "manager", DemoOrganisation.password))
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/projects/DEMO-MKT/leads")
            #expect(page.body.string.contains("id=\"dialability\""))
            #expect(page.body.string.contains("未分配"))
            var agent = try await signIn(app, "a1001")
            #expect(!(try await agent.get("/projects/DEMO-MKT/leads")).body.string.contains("id=\"dialability\""))
        }
    }
}
