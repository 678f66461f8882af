import ArgumentParser
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

extension ImportCommand {
    /// `waihu import calls|states|schedules|orders FILE`: records with a header, bad rows refused with
    /// their line and reason, the rest stored; exit 3 when nothing could be stored.
    struct Records: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calls", abstract: "Import call attempts, state intervals, schedules or orders.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "CSV file with a header (UTF-8 or GBK).") var file: String
        @Option var format: OutputFormat = .text
        @Option(help: "Rows written between two commits: more is faster, fewer lets other writers (a running floor on SQLite) in sooner.")
        var rowsPerTransaction = RecordImportStore.defaultRowsPerTransaction
        var kind: RecordKind { .calls }

        func run() async throws { try await Self.run(kind, file: file, db: db, format: format, rowsPerTransaction: rowsPerTransaction) }

        static func run(_ kind: RecordKind, file: String, db: DatabaseOptions, format: OutputFormat,
                        rowsPerTransaction: Int = RecordImportStore.defaultRowsPerTransaction) async throws {
            let bar = ProgressBar(label: "import \(kind.rawValue)")
            let report = try await db.withStore { store in
                try await RecordImportService.run(kind, path: file, actor: store.actor("records.import", kind.rawValue), at: store.now,
                                                  rowsPerTransaction: rowsPerTransaction, progress: { bar.update($0, of: $1) }, on: store.db)
            }
            bar.finish()
            if format == .json {
                try printJSON(report)
            } else {
                print("\(kind.rawValue): \(report.rows) rows, \(report.stored) stored, \(report.updated) updated, "
                      + "\(report.unchanged) already there, \(report.rejected.count) rejected")
                for rejection in report.rejected.prefix(100) {
                    print("  line \(rejection.line): \(rejection.reason.zh) | \(rejection.reason.en)")
                }
                if report.rejected.count > 100 { print("  … \(report.rejected.count - 100) more (--format json lists them all)") }
            }
            if report.nothingStored { throw ExitCode(Exit.rejected) }
        }
    }

    struct States: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import agent state intervals (agent, state, started_at, ended_at, reason[, project]).")
        @OptionGroup var db: DatabaseOptions
        @Argument var file: String
        @Option var format: OutputFormat = .text
        @Option(help: "Rows written between two commits (as for calls).") var rowsPerTransaction = RecordImportStore.defaultRowsPerTransaction
        func run() async throws { try await Records.run(.states, file: file, db: db, format: format, rowsPerTransaction: rowsPerTransaction) }
    }

    struct Schedules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import schedules (agent, date, scheduled_seconds, paid_seconds, scheduled_to_attend, attended).")
        @OptionGroup var db: DatabaseOptions
        @Argument var file: String
        @Option var format: OutputFormat = .text
        func run() async throws { try await Records.run(.schedules, file: file, db: db, format: format) }
    }

    struct Transcripts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import call transcripts (attempt_id, speaker agent|customer, start_ms, end_ms, text); the agent's side is checked for forbidden phrases.")
        @OptionGroup var db: DatabaseOptions
        @Argument var file: String
        @Option var format: OutputFormat = .text
        func run() async throws { try await Records.run(.transcripts, file: file, db: db, format: format) }
    }

    struct Reviews: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import QA reviews from another system (review_id, attempt_id, scorecard, inspector, reviewed_at, score, grade, fatal).")
        @OptionGroup var db: DatabaseOptions
        @Argument var file: String
        @Option var format: OutputFormat = .text
        func run() async throws { try await Records.run(.reviews, file: file, db: db, format: format) }
    }

    struct Recordings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link call recordings (attempt_id, path_or_url, duration_seconds): a file on the server or an http(s) address, played on the review page.")
        @OptionGroup var db: DatabaseOptions
        @Argument var file: String
        @Option var format: OutputFormat = .text
        func run() async throws { try await Records.run(.recordings, file: file, db: db, format: format) }
    }

    struct Orders: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import orders (order_id, attempt_id, amount, status).")
        @OptionGroup var db: DatabaseOptions
        @Argument var file: String
        @Option var format: OutputFormat = .text
        func run() async throws { try await Records.run(.orders, file: file, db: db, format: format) }
    }
}
