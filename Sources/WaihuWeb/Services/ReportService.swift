import Fluent
import Foundation
import WaihuCore
import WaihuStore

/// Writes the daily and monthly reports from the metrics (METRICS.md) of the period and the one before.
enum ReportService {
    /// The report of the period beginning on `first`, computed now from the records.
    static func generate(_ kind: ReportKind, first: LocalDate, at now: Date, on db: any Database) async throws -> OperationsReport {
        let zone = try await OrganisationQueries.timeZone(on: db)
        func rows(_ by: [SliceDimension], from: LocalDate?, to: LocalDate, metrics: [MetricID]) async throws -> [MetricRow] {
            let query = try MetricQuery(from: from, to: to, by: by, timeZone: zone, asOf: now)
            return MetricEngine(records: try await MetricQueries.records(for: query, on: db), query: query).rows(metrics)
        }
        var current: [SliceDimension: [MetricRow]] = [:], previous: [SliceDimension: [MetricRow]] = [:]
        let before = kind.previous(first)
        for dimension in OperationsReport.sections {
            current[dimension] = try await rows([dimension], from: first, to: kind.lastDay(of: first), metrics: OperationsReport.figures)
            previous[dimension] = try await rows([dimension], from: before, to: kind.lastDay(of: before), metrics: OperationsReport.figures)
        }
        // Progress towards each project's target: every completed account up to the period's end.
        var progress: [String: Double?] = [:]
        for row in try await rows([.project], from: nil, to: kind.lastDay(of: first), metrics: [.target_progress]) {
            if let code = row.key.project { progress[code] = row.value(.target_progress) }
        }
        return OperationsReport.build(kind: kind, first: first, generatedAt: now, current: current, previous: previous,
                                      targetProgress: progress)
    }

    /// Writes every report due at `now` that is not kept yet: yesterday's daily report, last month's
    /// monthly report. Returns those written.
    @discardableResult
    static func writeDue(at now: Date, on db: any Database) async throws -> [OperationsReport] {
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
