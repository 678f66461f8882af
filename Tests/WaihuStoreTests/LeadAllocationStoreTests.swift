import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore

/// The allocation queries on every database: the attribute filter is dialect-specific, the moves
/// use UPDATE … RETURNING, the leavers' recycling a subquery. Part of `StoreTests`, which runs
/// serialized: its tests share one PostgreSQL database.
extension StoreTests {
    struct Fixture {
        var project: UUID
        var agent: UUID
        var leaver: UUID
        var leads: [UUID]
    }

    /// Six pool leads, lines 1…6; the attribute 套餐 is 畅享 on lines 1, 3, 5 and 5G on the others.
    func fixture(_ db: any Database) async throws -> Fixture {
        let site = SiteModel(name: "总部", kind: .own)
        try await site.create(on: db)
        let project = ProjectModel(code: "S1", name: "存储", type: .marketing, status: .planning, target: nil, timeZone: "Asia/Shanghai")
        try await project.create(on: db)
        let agent = AgentModel(number: "A1", name: "甲", skill: "outbound", siteID: try site.requireID(), teamID: nil,
                               hiredOn: "2025-01-01", leftOn: nil)
        let leaver = AgentModel(number: "A2", name: "乙", skill: "outbound", siteID: try site.requireID(), teamID: nil,
                                hiredOn: "2025-01-01", leftOn: "2026-03-01")
        try await agent.create(on: db)
        try await leaver.create(on: db)
        let batch = BatchModel()
        batch.projectID = try project.requireID()
        (batch.fileName, batch.checksum, batch.encoding, batch.header) = ("f.csv", "x", "utf-8", "[]")
        (batch.rows, batch.accepted, batch.rejected, batch.rejectedByReason, batch.createdBy) = (6, 6, 0, "{}", "test")
        try await batch.create(on: db)
        var ids: [UUID] = []
        for line in 1...6 {
            let lead = LeadModel()
            lead.projectID = try project.requireID()
            lead.batchID = try batch.requireID()
            lead.line = line
            lead.phone = "1390000000\(line)"
            lead.attributes = line % 2 == 1 ? #"{"套餐":"畅享"}"# : #"{"套餐":"5G"}"#
            lead.status = .pool
            try await lead.create(on: db)
            ids.append(try lead.requireID())
        }
        return Fixture(project: try project.requireID(), agent: try agent.requireID(), leaver: try leaver.requireID(), leads: ids)
    }

    @Test(arguments: testDatabases)
    func filtersMovesAndTakesBack(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            let f = try await fixture(db)
            let filter = LeadFilter(attribute: (name: "套餐", value: "畅享"))
            let matching = try await LeadAllocationQueries.candidates(project: f.project, source: .pool, filter: filter, limit: nil, on: db)
            #expect(matching == [f.leads[0], f.leads[2], f.leads[4]])
            let t0 = Date(timeIntervalSince1970: 1_770_000_000)
            #expect(try await LeadAllocationQueries.assign(matching, from: .pool, project: f.project, team: nil, agent: f.agent,
                                                          at: t0, on: db) == 3)
            // The same leads are no longer in the pool: a second move takes none of them.
            #expect(try await LeadAllocationQueries.assign(matching, from: .pool, project: f.project, team: nil, agent: f.leaver,
                                                          at: t0, on: db) == 0)
            let rest = try await LeadAllocationQueries.candidates(project: f.project, source: .pool, filter: LeadFilter(), limit: 2, on: db)
            #expect(rest == [f.leads[1], f.leads[3]])
            #expect(try await LeadAllocationQueries.assign(rest, from: .pool, project: f.project, team: nil, agent: f.leaver,
                                                          at: t0.addingTimeInterval(3600), on: db) == 2)

            // A cutoff before the first allocation takes nothing; one at it takes the agent's three.
            #expect(try await LeadAllocationQueries.recycle(project: f.project, holder: nil, allocatedAtOrBefore: t0.addingTimeInterval(-1),
                                                           agentsLeftBy: nil, on: db) == 0)
            #expect(try await LeadAllocationQueries.recycle(project: f.project, holder: nil, allocatedAtOrBefore: t0,
                                                           agentsLeftBy: nil, on: db) == 3)
            // The leaver left on 2026-03-01: not yet gone the day before, gone on the day.
            #expect(try await LeadAllocationQueries.recycle(project: nil, holder: nil, allocatedAtOrBefore: nil,
                                                           agentsLeftBy: LocalDate("2026-02-28"), on: db) == 0)
            #expect(try await LeadAllocationQueries.recycle(project: nil, holder: nil, allocatedAtOrBefore: nil,
                                                           agentsLeftBy: LocalDate("2026-03-01"), on: db) == 2)
            let holdings = try await LeadHoldingQueries.holdings(project: f.project, on: db)
            #expect(holdings.byStatus == [.pool: 6])
            #expect(try await LeadModel.query(on: db).filter(\.$agentID != nil).count() == 0)
        }
    }
}
