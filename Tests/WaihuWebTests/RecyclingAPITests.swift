import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

@Suite struct RecyclingAPITests {
    func heldCount(_ app: Application) async throws -> Int {
        try await LeadModel.query(on: app.db).filter(\.$statusCode == LeadStatus.allocated.rawValue).count()
    }

    @Test func allocationsReturnToThePoolWhenTheirPeriodHasPassed() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "evenly"])
            let now = Date()
            let calendar = Calendar(identifier: .gregorian)
            // Default period 10 months: at nine months nothing returns, at ten months and a day everything does.
            let nine = try await RecyclingService.runDue(at: calendar.date(byAdding: .month, value: 9, to: now)!, on: app.db)
            #expect(nine.period_elapsed == 0)
            #expect(try await heldCount(app) == 10)
            let later = calendar.date(byAdding: .day, value: 1, to: calendar.date(byAdding: .month, value: 10, to: now)!)!
            let ten = try await RecyclingService.runDue(at: later, on: app.db)
            #expect(ten.period_elapsed == 10)
            #expect(try await heldCount(app) == 0)
            let runs = try await AuditLog.entries(AuditFilter(action: "lead.recycle"), on: app.db)
            #expect(runs.count == 2)
            #expect(runs.first?.detail.contains("period_elapsed=10") == true)
        }
    }

    @Test func aShorterProjectPeriodAppliesAndAnOverlongOneIsRefused() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let tooLong = try await app.testing().sendRequest(.PATCH, "/api/v1/projects/DEMO-MKT", headers: jsonHeaders(manager),
                                                              body: json(["recycle_months": 11]))
            #expect(tooLong.status == .badRequest)
            #expect(try tooLong.content.get(String.self, at: "error", "message_en").contains("1–10 months"))
            let oneMonth = try await app.testing().sendRequest(.PATCH, "/api/v1/projects/DEMO-MKT", headers: jsonHeaders(manager),
                                                               body: json(["recycle_months": 1]))
            #expect(try oneMonth.content.get(Int.self, at: "recycle_months") == 1)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "evenly"])
            let twoMonths = Calendar(identifier: .gregorian).date(byAdding: .month, value: 2, to: Date())!
            #expect(try await RecyclingService.runDue(at: twoMonths, on: app.db).period_elapsed == 10)
        }
    }

    @Test func aLeaversLeadsReturnAndTheyReceiveNoMore() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001", "A1002"], "mode": "evenly"])
            let leaver = try #require(try await AgentQueries.agent(number: "A1002", on: app.db))
            leaver.leftOn = "2026-01-31"
            try await leaver.save(on: app.db)

            let outcome = try await RecyclingService.runDue(at: Date(), on: app.db)
            #expect(outcome.agent_left == 5)
            #expect(try await heldCount(app) == 5)
            let refused = try await allocate(app, manager, ["agents": ["A1002"], "mode": "evenly"])
            #expect(refused.status == .unprocessableEntity)
            #expect(errorCode(refused) == "agent_left")
        }
    }

    @Test func supervisorsTakeBackOnDemandWithinTheirTeams() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            // A1001 (一组, the supervisor's) and A1021 (华信一组, the vendor's) hold five each.
            _ = try await allocate(app, manager, ["agents": ["A1001", "A1021"], "mode": "evenly"])
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            // An empty request names no source: refused, nothing taken back (it used to take back everything).
            let empty = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/recycle", headers: jsonHeaders(supervisor),
                                                            body: json([:]))
            #expect(empty.status == .badRequest)
            #expect(errorCode(empty) == "missing_field")
            #expect(try await heldCount(app) == 10)
            let all = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/recycle", headers: jsonHeaders(supervisor),
                                                          body: json(["all": true]))
            #expect(try all.content.decode(RecyclingOutcome.self).on_demand == 5)
            let vendorAgent = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/recycle",
                                                                  headers: jsonHeaders(supervisor), body: json(["agent": "A1021"]))
            #expect(vendorAgent.status == .notFound)
            #expect(try await heldCount(app) == 5)
            let byManager = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/recycle",
                                                                headers: jsonHeaders(manager), body: json(["agent": "A1021"]))
            #expect(try byManager.content.decode(RecyclingOutcome.self).on_demand == 5)
            #expect(try await AuditLog.entries(AuditFilter(action: "lead.recycle"), on: app.db).count == 2)
        }
    }
}

@Suite struct RevealAndExportTests {
    @Test func revealingANumberIsAnAuditedActionOfManagers() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let leads = try await visibleLeads(app, manager)
            let first = try #require(leads.first { $0.customer_id == "K0" })
            #expect(first.phones == ["138****0100"])
            let revealed = try await app.testing().sendRequest(.POST, "/api/v1/leads/\(first.id!)/reveal", headers: jsonHeaders(manager))
            #expect(try revealed.content.decode(LeadDTO.self).phones == ["13800000100"])
            let audit = try await AuditLog.entries(AuditFilter(action: "lead.reveal"), on: app.db)
            #expect(audit.map(\.targetID) == [first.id?.uuidString])
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/leads/\(first.id!)/reveal", headers: jsonHeaders(supervisor))
            #expect(refused.status == .forbidden)
        }
    }

    @Test func exportsAreMaskedUnlessRevealedAndAlwaysAudited() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let masked = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/leads.csv", headers: jsonHeaders(manager))
            #expect(masked.status == .ok)
            let maskedLines = masked.body.string.split(whereSeparator: \.isNewline)
            #expect(maskedLines.count == 11)
            #expect(!masked.body.string.contains("13800000100"))
            #expect(masked.body.string.contains("138****0100"))
            let full = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/leads.csv?reveal=true", headers: jsonHeaders(manager))
            #expect(full.body.string.contains("13800000109"))
            let exports = try await AuditLog.entries(AuditFilter(action: "export.customers"), on: app.db)
            #expect(exports.count == 2)
            #expect(exports.contains { $0.detail.contains("rows=10 full numbers") })
            for role in ["supervisor", "a1001", "qa"] {
                let refused = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/leads.csv",
                                                                  headers: jsonHeaders(try await login(app, role, DemoOrganisation.password)))
                #expect(refused.status == .forbidden, "\(role)")
            }
        }
    }
}
