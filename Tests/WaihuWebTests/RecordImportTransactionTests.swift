import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore
@testable import WaihuWeb

/// A records import commits every `rowsPerTransaction` rows (whole chunks of 2,000): a failure midway keeps
/// the transactions already committed and rolls back only the open one; by default (100,000 rows a transaction)
/// a file of 4,500 rows is all or nothing. The failure is a trigger that refuses one row, as a full disk would.
@Suite struct RecordImportTransactionTests {
    static let rows = 4_500

    static func callsFile() throws -> String {
        var text = "attempt_id,project,lead_id,phone,agent,started_at,answered_at,ended_at,prep_seconds,talk_seconds,acw_seconds,disposition\n"
        for n in 0 ..< rows {
            let minute = String(format: "%02d", n % 60), hour = String(format: "%02d", 9 + n / 600)
            text += "c\(n),P1,L1,13800000001,A1,2026-11-02T\(hour):\(minute):00+08:00,,2026-11-02T\(hour):\(minute):30+08:00,0,0,0,no_answer\n"
        }
        return try MetricsRecords.file(text)
    }

    static func stored(_ app: Application) async throws -> Int {
        try await CallAttemptModel.query(on: app.db).filter(\.$externalID ~~ (0 ..< rows).map { "c\($0)" }).count()
    }

    static func run(_ app: Application, _ path: String, rowsPerTransaction: Int) async throws -> RecordImportReport {
        try await RecordImportService.run(.calls, path: path, actor: Caller.console.event("records.import", targetType: "calls"), at: app.now,
                                          rowsPerTransaction: rowsPerTransaction, on: app.db)
    }

    @Test func aFailureMidwayKeepsTheCommittedTransactionsAndRollsBackTheOpenOne() async throws {
        try await withWaihu(database: .sqliteFile(NSTemporaryDirectory() + "waihu-tx-\(UUID().uuidString).sqlite")) { app in
            try await MetricsRecords.load(app)
            let sql = try StoreSQL.sql(app.db)
            try await sql.raw("""
                CREATE TRIGGER refuse_c4400 BEFORE INSERT ON call_attempts WHEN NEW.external_id = 'c4400'
                BEGIN SELECT RAISE(ABORT, 'disk full'); END
                """).run()
            let path = try Self.callsFile()

            await #expect(throws: (any Error).self) { try await Self.run(app, path, rowsPerTransaction: 2_000) }
            // Chunks 1 and 2 (lines 2–4,001) were committed, each a full transaction; chunk 3 held c4400.
            #expect(try await Self.stored(app) == 4_000)

            await #expect(throws: (any Error).self) { try await Self.run(app, path, rowsPerTransaction: RecordImportStore.defaultRowsPerTransaction) }
            #expect(try await Self.stored(app) == 4_000, "one transaction for the file: nothing of this run stays")

            try await sql.raw("DROP TRIGGER refuse_c4400").run()
            let report = try await Self.run(app, path, rowsPerTransaction: RecordImportStore.defaultRowsPerTransaction)
            #expect(report.stored == 500 && report.unchanged == 4_000 && report.rejected.isEmpty)
            #expect(try await Self.stored(app) == Self.rows)
        }
    }
}
