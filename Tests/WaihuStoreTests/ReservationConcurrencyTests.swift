import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore

/// SQLite on a file (several connections, unlike one in-memory database), and PostgreSQL when set.
let concurrentDatabases: [DatabaseLocation] = {
    var locations: [DatabaseLocation] = [.sqliteFile(NSTemporaryDirectory() + "waihu-reserve-\(UUID().uuidString).sqlite")]
    if let url = ProcessInfo.processInfo.environment["WAIHU_TEST_POSTGRES_URL"], !url.isEmpty { locations.append(.postgres(url)) }
    return locations
}()

extension StoreTests {
    /// 240 leads in three projects held by four agents, on 10 numbers shared across the projects;
    /// 200 reservations at once. A monthly cap of one is never exceeded for any number (two
    /// reservations of one number racing would break it), and no lead is reserved twice.
    @Test(arguments: concurrentDatabases)
    func concurrentReservationsNeverExceedACap(_ location: DatabaseLocation) async throws {
        try await withMigratedApplication(location) { app in
            let db = app.db
            let site = SiteModel(name: "总部", kind: .own)
            try await site.create(on: db)
            var agents: [UUID] = []
            for index in 0..<4 {
                let agent = AgentModel(number: "R\(index)", name: "坐席\(index)", skill: "outbound", siteID: try site.requireID(),
                                       teamID: nil, hiredOn: "2025-01-01", leftOn: nil)
                try await agent.create(on: db)
                agents.append(try agent.requireID())
            }
            var projects: [UUID] = []
            for index in 0..<3 {
                let project = ProjectModel(code: "C\(index)", name: "并发\(index)", type: .marketing, status: .running,
                                           target: nil, timeZone: "Asia/Shanghai")
                try await project.create(on: db)
                projects.append(try project.requireID())
                let batch = BatchModel()
                batch.projectID = try project.requireID()
                (batch.fileName, batch.checksum, batch.encoding, batch.header) = ("f.csv", "c\(index)", "utf-8", "[]")
                (batch.rows, batch.accepted, batch.rejected, batch.rejectedByReason, batch.createdBy) = (80, 80, 0, "{}", "test")
                try await batch.create(on: db)
                for line in 0..<80 {
                    let lead = LeadModel()
                    lead.projectID = try project.requireID()
                    lead.batchID = try batch.requireID()
                    lead.line = line + 2
                    lead.phone = "1390000" + String(format: "%04d", (line * 7 + index * 11) % 10)
                    lead.attributes = "{}"
                    lead.status = .allocated
                    lead.agentID = agents[line % 4]
                    lead.allocatedAt = Date()
                    try await lead.create(on: db)
                }
            }
            var rules = ContactRules()
            rules.monthlyCap = 1
            let inForce = RulesInForce(rules: rules, organisationVersion: 0, projectVersion: nil)
            let now = ISO8601DateFormatter().date(from: "2026-11-25T10:00:00+08:00")!
            let zone = TimeZone(identifier: "Asia/Shanghai")!

            let outcomes = try await withThrowingTaskGroup(of: ReservationOutcome.self) { group in
                for index in 0..<200 {
                    let agent = agents[index % 4], project = projects[(index / 4) % 3]
                    group.addTask {
                        try await LeadReservationQueries.reserve(ReservationRequest(agent: agent, project: project, at: now, rules: inForce,
                                                                                   zone: zone), on: app.db)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let reserved = outcomes.compactMap { if case .reserved(let r) = $0 { r } else { nil } }
            let attempts = try await CallAttemptModel.query(on: db).filter(\.$inProgress == true).all()
            #expect(attempts.count == reserved.count)
            #expect(!reserved.isEmpty)
            let perNumber = Dictionary(grouping: attempts, by: \.phone).mapValues(\.count)
            #expect(perNumber.values.allSatisfy { $0 <= 1 }, "\(perNumber)")
            #expect(Set(attempts.compactMap(\.leadID)).count == attempts.count)
            // Ten numbers, a cap of one: every number reserved once, and refused at every later look.
            #expect(reserved.count == 10)
            let refusedLooks = try await PolicyDecisionModel.query(on: db).filter(\.$allowed == false).count()
            let refusalsReported = outcomes.reduce(0) { sum, outcome in
                if case .noneDialable(let refusals, _) = outcome { sum + (refusals[.monthlyCap] ?? 0) } else { sum }
            }
            #expect(refusedLooks >= refusalsReported)
            // Each take wrote its three rows: the call in progress, the lead reserved, the decision that allowed it;
            // each refusal its decision and the lead's wait.
            let reservedLeads = try await LeadModel.query(on: db).filter(\.$statusCode == LeadStatus.reserved.rawValue).all()
            #expect(Set(reservedLeads.compactMap(\.id)) == Set(reserved.map(\.leadID)))
            let allowed = try await PolicyDecisionModel.query(on: db).filter(\.$allowed == true).all()
            #expect(allowed.count == reserved.count)
            #expect(Set(allowed.compactMap(\.leadID)) == Set(reserved.map(\.leadID)))
            #expect(allowed.allSatisfy { $0.context == "reserve" && $0.projectID != nil })
            let refusedLeads = Set(try await PolicyDecisionModel.query(on: db).filter(\.$allowed == false).all().compactMap(\.leadID))
            let waiting = try await LeadModel.query(on: db).filter(\.$deferral == LeadDeferral.policy.rawValue).all()
            #expect(!refusedLeads.isEmpty && Set(waiting.compactMap(\.id)) == refusedLeads)
        }
        if case .sqliteFile(let path) = location { try? FileManager.default.removeItem(atPath: path) }
    }
}
