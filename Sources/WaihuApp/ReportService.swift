import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Writes the daily and monthly reports from the metrics (METRICS.md) of the period and the one before.
package enum ReportService {
    /// The report of the period beginning on `first`, computed now from the records; with `agents`, of
    /// those agents' work only (a report read by someone whose scope is narrower than the organisation).
    package static func generate(_ kind: ReportKind, first: LocalDate, at now: Date, agents: Set<String>? = nil,
                                 on db: any Database) async throws -> OperationsReport {
        let zone = try await OrganisationQueries.timeZone(on: db)
        // A period's records are read once and split three ways.
        func periods(_ first: LocalDate) async throws -> [SliceDimension: [MetricRow]] {
            var range = try MetricQuery(from: first, to: kind.lastDay(of: first), timeZone: zone, asOf: now)
            range.agents = agents
            let records = try await MetricQueries.records(for: range, on: db)
            var split: [SliceDimension: [MetricRow]] = [:]
            for dimension in OperationsReport.sections {
                var query = range
                query.by = [dimension]
                split[dimension] = MetricEngine(records: records, query: query).rows(OperationsReport.figures)
            }
            return split
        }
        let current = try await periods(first)
        let previous = try await periods(kind.previous(first))
        // Progress towards each project's target: every completed account up to the period's end.
        var progress: [String: Double?] = [:]
        var toDate = try MetricQuery(to: kind.lastDay(of: first), by: [.project], timeZone: zone, asOf: now)
        toDate.agents = agents
        let rows = MetricEngine(records: try await MetricQueries.records(for: toDate, on: db), query: toDate).rows([.target_progress])
        for row in rows {
            if let code = row.key.project { progress[code] = row.value(.target_progress) }
        }
        return OperationsReport.build(kind: kind, first: first, generatedAt: now, current: current, previous: previous,
                                      targetProgress: progress)
    }

    /// Writes every report due at `now` that is not kept yet: yesterday's daily report, last month's
    /// monthly report. Returns those written.
    @discardableResult
    package static func writeDue(at now: Date, on db: any Database) async throws -> [OperationsReport] {
        let zone = try await OrganisationQueries.timeZone(on: db)
        var written: [OperationsReport] = []
        for kind in ReportKind.allCases {
            let first = kind.due(at: now, in: zone)
            guard try await !ReportQueries.exists(kind, period: first, on: db) else { continue }
            let report = try await generate(kind, first: first, at: now, on: db)
            if try await ReportQueries.save(report, on: db) { written.append(report) }
        }
        return written
    }
}
