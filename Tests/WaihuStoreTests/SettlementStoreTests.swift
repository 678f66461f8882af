import Fluent
import Foundation
import Testing
@testable import WaihuCore
@testable import WaihuStore

/// The settlement's count of billable calls in the database, on SQLite and PostgreSQL alike (one suite with the
/// other store tests: they share the PostgreSQL database): by the agent's site, the result and the local day, around
/// midnight in a zone with one offset and in one that changes its clocks.
extension StoreTests {
    static func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test(arguments: testDatabases)
    func billableCallsAreCountedBySiteResultAndLocalDay(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            let vendor = SiteModel(name: "华信", kind: .vendor), own = SiteModel(name: "总部", kind: .own)
            try await vendor.create(on: db)
            try await own.create(on: db)
            let theirs = AgentModel(number: "A1", name: "甲", skill: "outbound", siteID: try vendor.requireID(), teamID: nil, hiredOn: "2025-01-01", leftOn: nil)
            let ours = AgentModel(number: "A2", name: "乙", skill: "outbound", siteID: try own.requireID(), teamID: nil, hiredOn: "2025-01-01", leftOn: nil)
            try await theirs.create(on: db)
            try await ours.create(on: db)
            let project = ProjectModel(code: "P", name: "P", type: .marketing, status: .running, target: 1, timeZone: "Asia/Shanghai")
            try await project.create(on: db)
            func call(_ at: String, _ agent: AgentModel, _ disposition: String, test: Bool = false) async throws {
                let model = CallAttemptModel()
                model.projectID = try project.requireID()
                model.phone = "13900000000"
                model.agentID = try agent.requireID()
                model.startedAt = Self.instant(at)
                model.prepSeconds = 0
                model.talkSeconds = 60
                model.acwSeconds = 0
                model.disposition = disposition
                model.testCall = test
                model.inProgress = false
                try await model.create(on: db)
            }
            try await call("2026-10-01T00:05:00+08:00", theirs, "success")   // the 1st in Shanghai (the 30th in UTC)
            try await call("2026-10-31T23:50:00+08:00", theirs, "success")   // the 31st
            try await call("2026-10-31T23:55:00+08:00", theirs, "completed")
            try await call("2026-10-31T23:56:00+08:00", theirs, "refused")   // not a billable code
            try await call("2026-10-31T23:57:00+08:00", theirs, "success", test: true)
            try await call("2026-10-31T23:58:00+08:00", ours, "success")     // not the vendor's site
            try await call("2026-11-01T00:10:00+08:00", theirs, "success")   // November
            let shanghai = TimeZone(identifier: "Asia/Shanghai")!
            let rows = try await SettlementQueries.billable(project: try project.requireID(), codes: ["success", "completed"], sites: [try vendor.requireID()],
                                                            from: Self.instant("2026-10-01T00:00:00+08:00"), to: Self.instant("2026-11-01T00:00:00+08:00"),
                                                            zone: shanghai, on: db)
            let counted = Dictionary(rows.map { ("\(LocalDate($0.start, in: shanghai)) \($0.code)", $0.count) }, uniquingKeysWith: +)
            #expect(counted == ["2026-10-01 success": 1, "2026-10-31 success": 1, "2026-10-31 completed": 1])

            // Berlin leaves summer time on 25 October: counted by quarter hour, still each call on its local day.
            let berlin = TimeZone(identifier: "Europe/Berlin")!
            try await call("2026-10-25T00:30:00+02:00", theirs, "success")
            try await call("2026-10-25T23:30:00+01:00", theirs, "success")
            try await call("2026-10-26T00:30:00+01:00", theirs, "success")
            let local = try await SettlementQueries.billable(project: try project.requireID(), codes: ["success"], sites: [try vendor.requireID()],
                                                             from: Self.instant("2026-10-25T00:00:00+02:00"), to: Self.instant("2026-10-27T00:00:00+01:00"),
                                                             zone: berlin, on: db)
            let days = Dictionary(local.map { (LocalDate($0.start, in: berlin).description, $0.count) }, uniquingKeysWith: +)
            #expect(days == ["2026-10-25": 2, "2026-10-26": 1])
        }
    }
}
