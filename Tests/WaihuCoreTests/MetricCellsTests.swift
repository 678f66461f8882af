import Foundation
import Testing
@testable import WaihuCore

/// Day cells give the same rows as the records themselves, for every split they serve.
@Suite struct MetricCellsTests {
    /// The rows of `query` from cells of the fixture's days (packed and unpacked as the store keeps them)
    /// and the schedules read as they are.
    func viaCells(_ query: MetricQuery) throws -> [MetricRow] {
        let records = MetricsFixture.records
        var cells: [SliceKey: SliceTally] = [:]
        for (key, cell) in try MetricCells.build(records, from: query.from!, to: query.to!, timeZone: query.timeZone, asOf: query.asOf) {
            cells[key] = try #require(MetricCells.unpack(MetricCells.pack(cell), agent: key.agent ?? ""))
        }
        var raw = MetricRecords()
        raw.projects = records.projects
        raw.agents = records.agents
        raw.schedules = records.schedules
        var roster = MetricRecords()
        roster.projects = records.projects
        roster.agents = records.agents
        return MetricCells.rows(MetricID.allCases, cells: cells, pieces: [(raw, query)], query: query, roster: roster)
    }

    func expectSame(_ query: MetricQuery) throws {
        let direct = MetricEngine(records: MetricsFixture.records, query: query).rows(MetricID.allCases)
        let cells = try viaCells(query)
        #expect(cells.map(\.key) == direct.map(\.key))
        for (a, b) in zip(cells, direct) {
            for id in MetricID.allCases {
                #expect(a.value(id) == b.value(id), "\(a.key) \(id): \(String(describing: a.value(id))) vs \(String(describing: b.value(id)))")
            }
        }
    }

    func query(projects: Set<String>? = nil, sites: Set<String>? = nil, teams: Set<String>? = nil, by: [SliceDimension]) throws -> MetricQuery {
        try MetricQuery(projects: projects, sites: sites, teams: teams, from: MetricsFixture.date(1), to: MetricsFixture.date(3), by: by,
                        timeZone: MetricsFixture.zone, asOf: MetricsFixture.asOf)
    }

    @Test func cellsServeEverySplitByAgentAndDayExactly() throws {
        try expectSame(try query(by: [.agent, .day]))
        try expectSame(try query(by: [.project, .agent, .day]))
        try expectSame(try query(by: [.site, .team, .agent, .day]))
        try expectSame(try query(projects: ["P1"], by: [.agent, .day]))
        try expectSame(try query(teams: ["T1", "T3"], by: [.agent, .day]))
        try expectSame(try query(sites: ["S1"], by: [.day, .agent]))
    }

    @Test func cellsOfEarlierDaysAndTheRecordsOfLaterOnesAddUp() throws {
        // Cells for the 1st and 2nd, the records of the 3rd: A2's ready interval crossing midnight is split
        // between them, its busy stretch counted once.
        let full = try query(by: [.agent, .day])
        let records = MetricsFixture.records
        let cells = try MetricCells.build(records, from: MetricsFixture.date(1), to: MetricsFixture.date(2), timeZone: full.timeZone, asOf: full.asOf)
        let live = try MetricQuery(from: MetricsFixture.date(3), to: MetricsFixture.date(3), by: full.by, timeZone: full.timeZone, asOf: full.asOf)
        var early = MetricRecords()
        early.agents = records.agents
        early.schedules = records.schedules.filter { $0.date < MetricsFixture.date(3) }
        let earlyRange = try MetricQuery(from: MetricsFixture.date(1), to: MetricsFixture.date(2), by: full.by, timeZone: full.timeZone, asOf: full.asOf)
        let rows = MetricCells.rows(MetricID.allCases, cells: cells, pieces: [(records, live), (early, earlyRange)], query: full, roster: records)
        let direct = MetricEngine(records: records, query: full).rows(MetricID.allCases)
        #expect(rows.map(\.key) == direct.map(\.key))
        for (a, b) in zip(rows, direct) {
            for id in MetricID.allCases { #expect(a.value(id) == b.value(id), "\(a.key) \(id)") }
        }
    }

    @Test func onlySplitsByAgentAndDayOverWholeDaysAreServed() throws {
        #expect(MetricCells.serve(try query(by: [.agent, .day])))
        #expect(!MetricCells.serve(try query(by: [.day])))
        #expect(!MetricCells.serve(try query(by: [.agent, .hour])))
        #expect(!MetricCells.serve(try MetricQuery(by: [.agent, .day], timeZone: MetricsFixture.zone, asOf: MetricsFixture.asOf)))
    }
}
