import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Ten customers in DEMO-MKT: numbers 13800000100 … 13800000109, regions alternating 北京 (even) and
/// 上海 (odd), the attribute 套餐 畅享 for the first three and 5G for the rest.
func importTenLeads(_ app: Application, manager: String) async throws {
    var csv = "客户编号,姓名,手机号,地区,套餐\n"
    for index in 0..<10 {
        csv += "K\(index),客户\(index),138000001\(String(format: "%02d", index)),\(index % 2 == 0 ? "北京" : "上海"),\(index < 3 ? "畅享" : "5G")\n"
    }
    var (headers, body) = multipart(Array(csv.utf8))
    headers.bearerAuthorization = BearerAuthorization(token: manager)
    let response = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/batches", headers: headers, body: body)
    #expect(response.status == .created, "import: \(response.body.string)")
}

func allocate(_ app: Application, _ token: String, _ fields: [String: Any]) async throws -> TestingHTTPResponse {
    try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/allocations", headers: jsonHeaders(token), body: json(fields))
}

/// The leads an account sees in DEMO-MKT.
func visibleLeads(_ app: Application, _ token: String) async throws -> [LeadDTO] {
    let response = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/leads?per_page=500", headers: jsonHeaders(token))
    #expect(response.status == .ok, "leads: \(response.body.string)")
    return try response.content.decode(LeadController.LeadPage.self).leads
}

@Suite struct AllocationAPITests {
    /// A page number so high that its first row overflowed stopped the server (found by schemathesis).
    @Test func aPageFarOutIsA400AndTheListGoesOn() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let far = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/leads?page=567300628358054464&per_page=500",
                                                          headers: jsonHeaders(manager))
            #expect(far.status == .badRequest, "\(far.body.string)")
            #expect(errorCode(far) == "page_out_of_range")
            var browser = try await signIn(app, "manager")
            let page = try await browser.get("/projects/DEMO-MKT/leads?page=567300628358054464")
            #expect(page.status == .badRequest && page.body.string.contains("页码"), "\(page.status)")
            let second = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/leads?page=2&per_page=4", headers: jsonHeaders(manager))
            let leads = try second.content.decode(LeadController.LeadPage.self)
            // Data rows start on line 2 of the file: the 5th to 8th rows are lines 6 to 9.
            #expect(leads.page == 2 && leads.leads.map(\.line) == [6, 7, 8, 9])
        }
    }

    @Test func evenlySplitsThePoolAndEachAgentSeesOnlyTheirOwn() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let response = try await allocate(app, manager, ["agents": ["A1001", "A1002", "A1003"], "mode": "evenly"])
            #expect(response.status == .created, "\(response.body.string)")
            let outcome = try response.content.decode(AllocationOutcome.self)
            // 10 leads over 3 agents: 4, 3, 3.
            #expect(outcome.allocated == 10)
            #expect(outcome.targets.map(\.count) == [4, 3, 3])
            #expect(outcome.targets.map(\.team) == ["一组", "一组", "一组"])

            var seen: Set<UUID> = []
            for (username, expected) in [("a1001", 4), ("a1002", 3), ("a1003", 3), ("a1004", 0)] {
                let leads = try await visibleLeads(app, try await login(app, username, DemoOrganisation.password))
                #expect(leads.count == expected, "\(username)")
                #expect(leads.allSatisfy { $0.agent == username.uppercased() })
                seen.formUnion(leads.compactMap(\.id))
            }
            #expect(seen.count == 10)

            let holdings = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/holdings", headers: jsonHeaders(manager))
                .content.decode(HoldingsDTO.self)
            #expect(holdings.pool == 0)
            #expect(holdings.allocated == 10)
            #expect(holdings.agents.first { $0.number == "A1001" }?.count == 4)
            let audit = try await AuditLog.entries(AuditFilter(action: "lead.allocate"), on: app.db)
            #expect(audit.count == 1)
            #expect(audit.first?.detail.contains("agent:A1001×4") == true)
        }
    }

    @Test func byCountWithAnAttributeFilterTakesOnlyMatchingLeads() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let response = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 3,
                                                             "attribute": "地区", "value": "上海"])
            #expect(try response.content.decode(AllocationOutcome.self).allocated == 3)
            let leads = try await visibleLeads(app, try await login(app, "a1001", DemoOrganisation.password))
            #expect(leads.map(\.region) == ["上海", "上海", "上海"])
            // Five leads are in 上海; two are left, and count 3 again takes just those two.
            let again = try await allocate(app, manager, ["agents": ["A1002"], "mode": "count", "count": 3,
                                                          "attribute": "地区", "value": "上海"])
            #expect(try again.content.decode(AllocationOutcome.self).allocated == 2)
            let none = try await allocate(app, manager, ["agents": ["A1002"], "mode": "count", "count": 3,
                                                         "attribute": "地区", "value": "上海"])
            #expect(none.status == .unprocessableEntity)
            #expect(errorCode(none) == "nothing_to_allocate")
        }
    }

    @Test func anAttributeColumnOfTheFileFiltersToo() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let response = try await allocate(app, manager, ["agents": ["A1001", "A1002"], "mode": "evenly",
                                                             "attribute": "套餐", "value": "畅享"])
            #expect(try response.content.decode(AllocationOutcome.self).targets.map(\.count) == [2, 1])
            let held = try await visibleLeads(app, manager).filter { $0.status == "allocated" }
            #expect(Set(held.compactMap(\.customer_id)) == ["K0", "K1", "K2"])
        }
    }

    @Test func teamsReceiveAPoolTheirSupervisorAllocatesAndReallocates() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let team = try #require(try await TeamModel.query(on: app.db).filter(\.$name == "二组").first()?.id)
            let toTeam = try await allocate(app, manager, ["teams": [team.uuidString], "mode": "count", "count": 6])
            #expect(try toTeam.content.decode(AllocationOutcome.self).allocated == 6)

            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            let fromTeam = try await allocate(app, supervisor, ["agents": ["A1011", "A1012"], "mode": "evenly",
                                                                "from_team": team.uuidString])
            #expect(try fromTeam.content.decode(AllocationOutcome.self).targets.map(\.count) == [3, 3])
            let moved = try await allocate(app, supervisor, ["agents": ["A1013"], "mode": "evenly", "from_agent": "A1011"])
            #expect(try moved.content.decode(AllocationOutcome.self).allocated == 3)
            #expect(try await visibleLeads(app, try await login(app, "a1011", DemoOrganisation.password)).isEmpty)
            #expect(try await visibleLeads(app, try await login(app, "a1013", DemoOrganisation.password)).count == 3)
            // The supervisor sees the six leads of their teams, not the four left in the pool.
            #expect(try await visibleLeads(app, supervisor).count == 6)
        }
    }

    @Test func refusalsSayWhyAndMoveNothing() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            // A1021 works for the vendor's team, outside the supervisor's teams.
            let outside = try await allocate(app, supervisor, ["agents": ["A1021"], "mode": "evenly"])
            #expect(outside.status == .notFound)
            let agent = try await allocate(app, try await login(app, "a1001", DemoOrganisation.password),
                                           ["agents": ["A1001"], "mode": "evenly"])
            #expect(agent.status == .forbidden)
            let noTargets = try await allocate(app, manager, ["mode": "evenly"])
            #expect(errorCode(noTargets) == "no_allocation_target")
            let badMode = try await allocate(app, manager, ["agents": ["A1001"], "mode": "all"])
            #expect(badMode.status == .badRequest)
            let badCount = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 0])
            #expect(badCount.status == .badRequest)
            // A project that names its sites: DEMO-SAT runs only in the own center, not at the vendor.
            let otherSite = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-SAT/allocations", headers: jsonHeaders(manager),
                                                               body: json(["agents": ["A1021"], "mode": "evenly"]))
            #expect(errorCode(otherSite) == "site_not_in_project")
            let holdings = try await LeadHoldingQueries.holdings(project: try #require(try await ProjectModel.query(on: app.db)
                .filter(\.$code == "DEMO-MKT").first()?.id), on: app.db)
            #expect(holdings.byStatus[.pool] == 10)
            #expect(holdings.held.isEmpty)
        }
    }
}
