import FluentKit
import Foundation
import WaihuCore
import WaihuStore
import SQLiteNIO

/// Imports a file of records (calls, states, schedules, orders: METRICS.md §1) for centers whose
/// telephone system is not driven by Waihu, and for migration. Every row is checked; bad rows are
/// refused with their line and reason, the others stored; importing a file twice changes nothing.
package enum RecordImportService {
    /// A file whose header lacks a column is refused whole, before any row is read.
    package static func header(_ fields: [String], kind: RecordKind) throws(DomainError) -> HeaderMap {
        var aliases = Dictionary(uniqueKeysWithValues: kind.columns.map { ($0, [String]()) })
        if kind == .states { aliases["project"] = [] }
        for column in kind.optionalColumns { aliases[column] = [] }
        let map = HeaderMap(header: fields, aliases: aliases)
        let missing = map.missing(kind.columns)
        guard missing.isEmpty else {
            throw DomainError(.badInput, code: "missing_columns",
                              zh: "文件缺少列：\(missing.joined(separator: "、"))；须有 \(kind.columns.joined(separator: ", "))",
                              en: "The file lacks the columns \(missing.joined(separator: ", ")); it needs \(kind.columns.joined(separator: ", "))")
        }
        return map
    }

    /// `rowsPerTransaction`: rows written between two commits (`RecordImportStore.defaultRowsPerTransaction`).
    package static func run(_ kind: RecordKind, path: String, actor: AuditEvent, at now: Date,
                            rowsPerTransaction: Int = RecordImportStore.defaultRowsPerTransaction,
                            progress: @escaping @Sendable (Int64, Int64) -> Void = { _, _ in }, on db: any Database) async throws -> RecordImportReport {
        let file = CustomerFile(path: path)
        let size = file.size
        // One connection for the whole file, with SQLite's bulk-load settings (a larger page cache for the
        // indexes), committing every `rowsPerTransaction` rows.
        let report = try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                let sqlite = connection as? any SQLiteDatabase
                if let sqlite { try await BulkLoad.begin(sqlite) }
                do {
                    let report = try await read(file, kind: kind, size: size, at: now, rowsPerTransaction: rowsPerTransaction,
                                                progress: progress, on: connection)
                    if let sqlite { try await BulkLoad.end(sqlite) }
                    return report
                } catch {
                    if let sqlite { try? await BulkLoad.end(sqlite) }
                    throw error
                }
            }
        }.get()
        var event = actor
        event.detail = "kind=\(kind.rawValue) rows=\(report.rows) stored=\(report.stored) updated=\(report.updated) "
            + "unchanged=\(report.unchanged) rejected=\(report.rejected.count)"
        try await AuditLog.append(event, at: now, on: db)
        return report
    }

    /// Reads the file's rows and stores them a chunk at a time.
    package static func read(_ file: CustomerFile, kind: RecordKind, size: Int64, at now: Date, rowsPerTransaction: Int,
                             progress: @escaping @Sendable (Int64, Int64) -> Void, on db: any Database) async throws -> RecordImportReport {
        let store = try await RecordImportStore(on: db, at: now, rowsPerTransaction: rowsPerTransaction)
        do {
            let report = try await read(file, kind: kind, size: size, progress: progress, into: store)
            try await store.commit()
            return report
        } catch {
            try? await store.rollback()
            throw error
        }
    }

    static func read(_ file: CustomerFile, kind: RecordKind, size: Int64, progress: @escaping @Sendable (Int64, Int64) -> Void,
                     into store: RecordImportStore) async throws -> RecordImportReport {
        var batch = RecordBatch(kind: kind, store: store)
        var map: HeaderMap?
        _ = try await file.forEachRecord(progress: { progress($0, size) }) { record in
            guard let header = map else {
                map = try header(record.fields, kind: kind)
                return
            }
            if record.fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { return }
            try await batch.add(line: record.line, RecordFields(map: header, fields: record.fields))
        }
        guard map != nil else { throw DomainError(.badInput, code: "empty_file", zh: "文件为空", en: "The file is empty") }
        try await batch.flush()
        batch.report.rejected.sort { $0.line < $1.line }
        return batch.report
    }
}

/// The rows of one kind waiting to be stored, a chunk at a time.
package struct RecordBatch {
    package let kind: RecordKind
    package let store: RecordImportStore
    package var report: RecordImportReport
    package var calls: [(line: Int, record: CallRecord)] = []
    package var states: [(line: Int, record: StateRecord)] = []
    package var schedules: [(line: Int, record: MetricSchedule)] = []
    package var orders: [(line: Int, record: OrderRecord)] = []
    package var transcripts: [(line: Int, record: TranscriptRecord)] = []
    package var reviews: [(line: Int, record: ReviewRecord)] = []
    package var recordings: [(line: Int, record: RecordingRecord)] = []

    package init(kind: RecordKind, store: RecordImportStore) {
        self.kind = kind
        self.store = store
        report = RecordImportReport(kind: kind)
    }

    package mutating func add(line: Int, _ row: RecordFields) async throws {
        report.rows += 1
        do throws(DomainError) {
            switch kind {
            case .calls: calls.append((line, try CallRecord(row)))
            case .states: states.append((line, try StateRecord(row)))
            case .schedules: schedules.append((line, try MetricSchedule(row)))
            case .orders: orders.append((line, try OrderRecord(row)))
            case .transcripts: transcripts.append((line, try TranscriptRecord(row)))
            case .reviews: reviews.append((line, try ReviewRecord(row)))
            case .recordings: recordings.append((line, try RecordingRecord(row)))
            }
        } catch {
            report.reject(line: line, error)
        }
        if calls.count + states.count + schedules.count + orders.count + transcripts.count + reviews.count + recordings.count >= RecordImportStore.chunk { try await flush() }
    }

    package mutating func flush() async throws {
        if !calls.isEmpty { try await store.calls(calls, into: &report) }
        if !states.isEmpty { try await store.states(states, into: &report) }
        if !schedules.isEmpty { try await store.schedules(schedules, into: &report) }
        if !orders.isEmpty { try await store.orders(orders, into: &report) }
        if !transcripts.isEmpty { try await store.transcripts(transcripts, into: &report) }
        if !reviews.isEmpty { try await store.reviews(reviews, into: &report) }
        if !recordings.isEmpty { try await store.recordings(recordings, into: &report) }
        calls = []
        states = []
        schedules = []
        orders = []
        transcripts = []
        reviews = []
        recordings = []
    }
}
