import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

@Suite struct ReservationTests {
    func reserve(_ app: Application, at: String) async throws -> (Reservation, UUID, RulesInForce) {
        let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first())
        let agent = try #require(try await AgentQueries.agent(number: "A1001", on: app.db)?.id)
        let rules = try await PolicyQueries.rules(project: project.id, on: app.db)
        let outcome = try await LeadReservationQueries.reserve(ReservationRequest(agent: agent, project: try project.requireID(),
                                                                                  at: ISO8601DateFormatter().date(from: at)!, rules: rules,
                                                                                  zone: TimeZone(identifier: "Asia/Shanghai")!), on: app.db)
        guard case .reserved(let reservation) = outcome else { throw Abort(.conflict, reason: "nothing reserved: \(outcome)") }
        return (reservation, try project.requireID(), rules)
    }

    @Test func theDialIsCheckedAgainAndARefusedReservationIsReleased() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
            let zone = TimeZone(identifier: "Asia/Shanghai")!

            // Reserved at 20:59, dialled at 20:59:30: still allowed, the reservation stands.
            let (first, project, rules) = try await reserve(app, at: "2026-11-25T20:59:00+08:00")
            let inTime = try await LeadReservationQueries.confirmDial(first, project: project,
                                                                      at: ISO8601DateFormatter().date(from: "2026-11-25T20:59:30+08:00")!,
                                                                      rules: rules, zone: zone, on: app.db)
            #expect(inTime.allowed)
            #expect(try await CallAttemptModel.find(first.attemptID, on: app.db) != nil)

            // Reserved at 20:59, dialled at 21:01: outside the calling hours; released, never a call.
            let (second, _, _) = try await reserve(app, at: "2026-11-25T20:59:00+08:00")
            #expect(second.leadID != first.leadID)
            let late = try await LeadReservationQueries.confirmDial(second, project: project,
                                                                    at: ISO8601DateFormatter().date(from: "2026-11-25T21:01:00+08:00")!,
                                                                    rules: rules, zone: zone, on: app.db)
            #expect(late.reasons.map(\.rule) == [.outsideWindow])
            #expect(try await CallAttemptModel.find(second.attemptID, on: app.db) == nil)
            let logged = try await PolicyQueries.decisions(lead: second.leadID, on: app.db)
            #expect(logged.map(\.context) == ["dial", "reserve"])
            #expect(logged.map(\.allowed) == [false, true])
        }
    }
}
