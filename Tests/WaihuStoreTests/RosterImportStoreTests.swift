import Fluent
import Foundation
import Testing
@testable import WaihuCore
@testable import WaihuStore

extension StoreTests {
    func scheduleRows(_ text: String) throws -> [(line: Int, record: MetricSchedule)] {
        let records = CSVParser.parse(text)
        let columns = RecordKind.schedules.columns + RecordKind.schedules.optionalColumns
        let map = HeaderMap(header: records[0].fields, aliases: Dictionary(uniqueKeysWithValues: columns.map { ($0, [String]()) }))
        return try records.dropFirst().map { ($0.line, try MetricSchedule(RecordFields(map: map, fields: $0.fields))) }
    }

    /// `waihu import schedules` with the roster columns: a shift and a leave stored as the day's cell, a second shift for
    /// the same agent and day in the file refused with its line, a second import changing nothing.
    @Test(arguments: testDatabases)
    func schedulesCarryTheRosterAndRefuseTwoShiftsADay(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            try await metricOrganisation(on: db)
            let rows = try scheduleRows("""
                agent,date,scheduled_seconds,paid_seconds,scheduled_to_attend,attended,shift_start,shift_end,break_minutes,leave
                A1,2026-11-02,28800,28800,true,true,09:00,18:00,60,
                A1,2026-11-03,0,0,false,false,,,,annual
                A1,2026-11-02,28800,28800,true,true,10:00,19:00,60,
                A2,2026-11-02,28800,36000,true,true,,,,
                """)
            for round in 1 ... 2 {
                let store = try await RecordImportStore(on: db, at: Date(timeIntervalSince1970: 1_800_000_000))
                var report = RecordImportReport(kind: .schedules)
                try await store.schedules(rows, into: &report)
                #expect(report.rejected.map(\.line) == [4] && report.rejected.first?.code == "two_shifts_one_day")
                #expect(round == 1 ? report.stored == 3 : report.unchanged == 3)
            }
            let stored = try await WorkScheduleModel.query(on: db).sort(\.$date).all()
            let a1 = try #require(try await AgentModel.query(on: db).filter(\.$number == "A1").first()?.id)
            let shift = try #require(stored.first { $0.agentID == a1 && $0.date == "2026-11-02" })
            #expect(shift.shiftStart == "09:00" && shift.shiftEnd == "18:00" && shift.breakMinutes == 60 && shift.leave == nil)
            #expect(stored.first { $0.agentID == a1 && $0.date == "2026-11-03" }?.leave == "annual")
            #expect(stored.first { $0.agentID != a1 }?.shiftStart == nil, "a row without the roster columns keeps no shift")
        }
        // Bad roster values are refused with the reason before anything is stored.
        #expect(throws: DomainError.self) { try scheduleRows("agent,date,scheduled_seconds,paid_seconds,scheduled_to_attend,attended,leave\nA1,2026-11-02,0,0,false,false,holiday\n") }
        #expect(throws: DomainError.self) { try scheduleRows("agent,date,scheduled_seconds,paid_seconds,scheduled_to_attend,attended,shift_start,shift_end\nA1,2026-11-02,0,0,true,false,18:00,09:00\n") }
    }
}
