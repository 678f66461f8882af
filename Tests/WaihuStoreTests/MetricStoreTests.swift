import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore

/// Record imports and the metric query's loading, on SQLite and PostgreSQL alike (in the serialized
/// store suite: the PostgreSQL database is shared).
extension StoreTests {
    /// Two agents on two sites, project P (target 2) with leads C1–C3, C3 rejected at import.
    func metricOrganisation(on db: any Database) async throws {
        for (number, siteName) in [("A1", "S1"), ("A2", "S2")] {
            let site = SiteModel(name: siteName, kind: .own)
            try await site.create(on: db)
            try await AgentModel(number: number, name: number, skill: "outbound", siteID: try site.requireID(), teamID: nil,
                                 hiredOn: "2026-01-01", leftOn: nil).create(on: db)
        }
        let project = ProjectModel(code: "P", name: "项目", type: .marketing, status: .running, target: 2, timeZone: "Asia/Shanghai")
        try await project.create(on: db)
        let batch = BatchModel()
        batch.projectID = try project.requireID()
        (batch.fileName, batch.checksum, batch.encoding, batch.header) = ("f.csv", "x", "utf-8", "[]")
        (batch.rows, batch.accepted, batch.rejected, batch.rejectedByReason, batch.createdBy) = (3, 2, 1, "{}", "test")
        try await batch.create(on: db)
        for line in 1...3 {
            let lead = LeadModel()
            lead.projectID = try project.requireID()
            lead.batchID = try batch.requireID()
            lead.line = line
            lead.customerID = "C\(line)"
            lead.phone = "1390000000\(line)"
            lead.attributes = "{}"
            lead.status = .pool
            lead.rejection = line == 3 ? "invalid_format" : nil
            try await lead.create(on: db)
        }
    }

    func rows<R>(_ text: String, _ kind: RecordKind, _ make: (RecordFields) throws -> R) throws -> [(line: Int, record: R)] {
        let records = CSVParser.parse(text)
        let map = HeaderMap(header: records[0].fields, aliases: Dictionary((kind.columns + ["project"]).map { ($0, [String]()) }, uniquingKeysWith: { a, _ in a }))
        return try records.dropFirst().map { ($0.line, try make(RecordFields(map: map, fields: $0.fields))) }
    }

    @Test(arguments: testDatabases)
    func importedRecordsAreLoadedForTheMetricsAndASecondImportChangesNothing(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            try await metricOrganisation(on: db)
            let calls = try rows("""
                attempt_id,project,lead_id,phone,agent,started_at,answered_at,ended_at,prep_seconds,talk_seconds,acw_seconds,disposition
                x1,P,C1,13900000001,A1,2026-11-02T09:00:00+08:00,,2026-11-02T09:00:30+08:00,0,0,0,busy
                x2,P,C1,13900000001,A1,2026-11-02T10:00:00+08:00,2026-11-02T10:00:05+08:00,2026-11-02T10:05:05+08:00,10,300,20,success
                x3,P,C2,13900000002,A2,2026-11-03T09:00:00+08:00,2026-11-03T09:00:05+08:00,2026-11-03T09:01:05+08:00,0,60,0,refused
                """, .calls, CallRecord.init)
            let states = try rows("""
                agent,state,started_at,ended_at,reason,project
                A1,ready,2026-11-02T08:00:00+08:00,2026-11-02T10:00:00+08:00,,P
                A1,busy,2026-11-02T10:00:00+08:00,2026-11-02T10:30:00+08:00,meal,P
                A2,talking,2026-11-03T23:30:00+08:00,2026-11-04T00:30:00+08:00,,P
                """, .states, StateRecord.init)
            let schedules = try rows("agent,date,scheduled_seconds,paid_seconds,scheduled_to_attend,attended\nA1,2026-11-02,28800,36000,true,true\n",
                                     .schedules, MetricSchedule.init)
            let orders = try rows("order_id,attempt_id,amount,status\nO1,x2,88.80,approved\n", .orders, OrderRecord.init)
            for _ in 1...2 {
                let store = try await RecordImportStore(on: db, at: Date(timeIntervalSince1970: 1_800_000_000))
                var report = RecordImportReport(kind: .calls)
                try await store.calls(calls, into: &report)
                try await store.states(states, into: &report)
                try await store.schedules(schedules, into: &report)
                try await store.orders(orders, into: &report)
                #expect(report.rejected.isEmpty)
                #expect(report.stored + report.unchanged == 8)
            }
            #expect(try await CallAttemptModel.query(on: db).count() == 3)
            #expect(try await AgentStateIntervalModel.query(on: db).count() == 3)

            let zone = TimeZone(identifier: "Asia/Shanghai")!
            let query = try MetricQuery(by: [.day], timeZone: zone, asOf: Date())
            let rows = MetricEngine(records: try await MetricQueries.records(for: query, on: db), query: query)
                .rows([.calls_made, .successful_accounts, .logged_in_hours, .busy_count, .paid_hours, .sales_amount, .reachable_rate])
            #expect(rows.map { $0.labels[0].1 } == ["2026-11-02", "2026-11-03", "2026-11-04"])
            // 2 Nov: x1, x2 on C1 (success); A1 ready 2 h + busy 0.5 h; paid 10 h; order 88.80.
            #expect(rows[0].value(.calls_made) == 2 && rows[0].value(.successful_accounts) == 1)
            #expect(rows[0].value(.logged_in_hours) == 2.5 && rows[0].value(.busy_count) == 1 && rows[0].value(.paid_hours) == 10)
            #expect(abs((rows[0].value(.sales_amount) ?? 0) - 88.8) < 1e-9)
            // 3 Nov: x3 refused; A2's talk from 23:30 gives half an hour to the 3rd and half to the 4th.
            #expect(rows[1].value(.calls_made) == 1 && rows[1].value(.reachable_rate) == 1 && rows[1].value(.logged_in_hours) == 0.5)
            #expect(rows[2].value(.logged_in_hours) == 0.5 && rows[2].value(.reachable_rate) == nil)

            // The whole project: C1–C3, C3 rejected at import; target 2, one completed account.
            let whole = try MetricQuery(projects: ["P"], timeZone: zone, asOf: Date())
            let total = MetricEngine(records: try await MetricQueries.records(for: whole, on: db), query: whole)
                .rows([.account_size, .dialable_numbers, .target_progress, .paid_hours])
            #expect(total.first?.value(.account_size) == 3 && total.first?.value(.dialable_numbers) == 2)
            #expect(total.first?.value(.target_progress) == 0.5 && total.first?.value(.paid_hours) == nil)
            await #expect(throws: DomainError.self) {
                _ = try await MetricQueries.records(for: try MetricQuery(sites: ["S9"], timeZone: zone, asOf: Date()), on: db)
            }
        }
    }
}
