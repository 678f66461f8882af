import Foundation
import Testing
@testable import WaihuCore

/// Buckets, parsing and the JSON shape of a row.
@Suite struct MetricsSliceTests {
    /// METRICS.md §1.7: a lead rejected at import is invalid in every slice it is in, a slice of one agent or of
    /// some days too, whatever its attempts.
    @Test func aLeadRejectedAtImportIsInvalidInARestrictedSliceToo() throws {
        var records = MetricRecords()
        records.projects = [MetricProject(code: "P1")]
        records.agents = [MetricAgent(number: "A1", site: "S1")]
        records.leads = [MetricLead(id: "R", project: "P1", rejected: true)]
        let at = MetricsFixture.at(2, 10)
        records.attempts = [MetricAttempt(id: "x", project: "P1", lead: "R", agent: "A1", startedAt: at, talkSeconds: 90, category: .success),
                            MetricAttempt(id: "y", project: "P1", lead: "G", agent: "A1", startedAt: at, talkSeconds: 60, category: .success)]
        let restricted = try MetricQuery(agents: ["A1"], from: MetricsFixture.date(2), to: MetricsFixture.date(2),
                                         timeZone: MetricsFixture.zone, asOf: MetricsFixture.at(3, 0))
        let row = try #require(MetricEngine(records: records, query: restricted).rows([.accounts_called, .successful_accounts, .connected_calls]).first)
        // Both leads were called and both calls connected; only G, not rejected, is a success.
        #expect(row.value(.accounts_called) == 2 && row.value(.connected_calls) == 2 && row.value(.successful_accounts) == 1)
    }

    @Test func weeksStartOnMondayAndMonthsOnTheFirst() {
        // 2026-11-04 is a Wednesday.
        let wednesday = LocalDate(year: 2026, month: 11, day: 4)!
        #expect(TimeBucket.containing(wednesday, split: .week)?.description == "2026-11-02")
        #expect(TimeBucket.containing(wednesday, split: .month)?.description == "2026-11-01")
        #expect(TimeBucket.containing(LocalDate(year: 2026, month: 11, day: 1)!, split: .week)?.description == "2026-10-26")
        #expect(TimeBucket.containing(wednesday, split: .hour) == nil)
        let lateHour = TimeBucket.containing(MetricsFixture.at(4, 23, 30), split: .hour, in: MetricsFixture.zone)
        #expect(lateHour.description == "2026-11-04T23")
        #expect(lateHour.next.description == "2026-11-05T00")
        #expect(TimeBucket.containing(wednesday, split: .month)?.lastDay.description == "2026-11-30")
    }

    @Test func aDayIsTheOrganisationsLocalDay() throws {
        // 2 Nov 23:59:50 in Shanghai is 15:59:50 UTC: still the 2nd.
        let rows = try MetricsFixture.rows(by: [.day])
        expectValue(MetricsFixture.row(rows, [.day: "2026-11-02"]), .calls_made, 4)
        let utc = try MetricQuery(by: [.day], timeZone: TimeZone(identifier: "UTC")!, asOf: MetricsFixture.asOf)
        let utcRows = MetricEngine(records: MetricsFixture.records, query: utc).rows([.calls_made])
        // In UTC, 3 Nov 08:00 and 09:00 Shanghai (a5, a6) fall on the 3rd at 00:00 and 01:00; a8 at 02:00 UTC.
        expectValue(MetricsFixture.row(utcRows, [.day: "2026-11-02"]), .calls_made, 4)
        expectValue(MetricsFixture.row(utcRows, [.day: "2026-11-03"]), .calls_made, 3)
    }

    @Test func badListsAreRefusedWithTheReason() throws {
        #expect(throws: DomainError.self) { try SliceDimension.parse("agent,fortnight") }
        #expect(throws: DomainError.self) { try SliceDimension.parse("day,month") }
        #expect(throws: DomainError.self) { try MetricCatalog.parse("calls_made,calls_taken") }
        #expect(throws: DomainError.self) {
            try MetricQuery(from: LocalDate("2026-11-05"), to: LocalDate("2026-11-01"), timeZone: .gmt, asOf: Date())
        }
        #expect(try MetricCatalog.parse("all").count == MetricID.allCases.count)
        #expect(try MetricCatalog.parse("connect_rate, calls_made") == [.connect_rate, .calls_made])
    }

    @Test func everyMetricHasOneEntryInTheCatalogWithBothNames() {
        #expect(MetricCatalog.all.map(\.id) == MetricID.allCases)
        for definition in MetricCatalog.all {
            #expect(!definition.name.zh.isEmpty && !definition.name.en.isEmpty && !definition.formula.zh.isEmpty)
        }
    }

    @Test func aRowEncodesCountsAsIntegersAndNullsExplicitly() throws {
        let row = try MetricsFixture.rows(by: [.project, .day]).first!
        let restricted = MetricRow(key: row.key, dimensions: row.dimensions,
                                   values: [(.calls_made, row.value(.calls_made)), (.connect_rate, 0.5), (.hit_rate, nil)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(restricted), as: UTF8.self)
        #expect(json == #"{"metrics":{"calls_made":4,"connect_rate":0.5,"hit_rate":null},"slice":{"day":"2026-11-02","project":"P1"}}"#)
    }
}
