import Foundation
import Vapor
import WaihuCore
import WaihuStore

extension ConsoleActions {
    /// `waihu import calls|states|schedules|orders FILE`.
    public static func importRecords(_ app: Application, kind: RecordKind, path: String,
                                     progress: @escaping @Sendable (Int64, Int64) -> Void) async throws -> RecordImportReport {
        try await RecordImportService.run(kind, path: path, actor: actor("records.import", kind.rawValue), at: app.now,
                                          progress: progress, on: app.db)
    }

    /// `waihu metrics`: the whole organisation's view.
    public static func metrics(_ app: Application, _ parameters: MetricsService.Parameters) async throws -> MetricsService.Result {
        try await MetricsService.compute(parameters, scope: .organisation, at: app.now, on: app.db)
    }

    /// A result as `--format csv` and `--format table` print it.
    public static func metricsCSV(_ result: MetricsService.Result) -> String { MetricsExport.csv(result) }
    public static func metricsTable(_ result: MetricsService.Result) -> String { MetricsExport.table(result) }
}
