import Fluent
import Foundation
import Logging
import ServiceLifecycle
import WaihuApp
import WaihuCore
import WaihuStore

/// Every minute: keeps the metric day cells of the last 31 days (those an import or a late event made
/// stale are built again), then writes the reports that are due and not kept yet — yesterday's daily
/// report just after midnight (well before 10:00), last month's monthly report on the 1st. Several
/// processes may run it: one report per kind and period, one set of cells per day is kept.
struct ReportJob: Service {
    var database: @Sendable () -> any Database
    var logger: Logger
    var clock: @Sendable () -> Date
    var interval: Duration = .seconds(60)

    func run() async throws {
        try await runEvery(interval, logger: logger, what: "writing the due reports") { [database, clock, logger] in
            let now = clock()
            try await MetricCellQueries.buildDays(from: now.addingTimeInterval(-31 * 86_400), to: now, at: now, on: database())
            for report in try await ReportService.writeDue(at: now, on: database()) {
                logger.info("report written", metadata: ["kind": "\(report.kind.rawValue)", "period": "\(report.period)"])
            }
        }
    }
}
