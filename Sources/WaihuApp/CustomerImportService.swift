import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Imports a customer list into a project: stream, scrub, store — one transaction, so an
/// interrupted import leaves the batch either complete or absent.
package enum CustomerImportService {
    package struct Options: Sendable {
        package var fileName: String
        package var mapping: [String: CustomerColumns.Field] = [:]
        /// For an XLSX workbook: the sheet to read (the first when nil).
        package var sheet: String?
        package var allowDuplicateFile = false
        package var actor: AuditEvent
        /// When the import runs: the do-not-call list in force then, the audit entry.
        package var now: Date
        package var progress: @Sendable (Int64, Int64) -> Void = { _, _ in }
        package var onRejected: @Sendable (ScrubbedLead, [String]) -> Void = { _, _ in }

        package init(fileName: String,
                     mapping: [String: CustomerColumns.Field] = [:],
                     sheet: String? = nil,
                     allowDuplicateFile: Bool = false,
                     actor: AuditEvent,
                     now: Date,
                     progress: @escaping @Sendable (Int64, Int64) -> Void = { _, _ in },
                     onRejected: @escaping @Sendable (ScrubbedLead, [String]) -> Void = { _, _ in }) {
            self.fileName = fileName
            self.mapping = mapping
            self.sheet = sheet
            self.allowDuplicateFile = allowDuplicateFile
            self.actor = actor
            self.now = now
            self.progress = progress
            self.onRejected = onRejected
        }
    }

    package struct Outcome: Codable, Sendable {
        package var batch_id: UUID
        package var encoding: String
        package var report: ImportReport
    }

    /// Who imported the same file into the project and when, and how to import it again.
    package static func importedBefore(_ earlier: BatchModel, zone: TimeZone) -> LocalizedText {
        let when = earlier.createdAt.map { LocalTime($0, in: zone).description }
        return LocalizedText(
            zh: "该文件（\(earlier.fileName)）已于 \(when ?? "之前") 由 \(earlier.createdBy) 导入此项目；确需重复导入，请勾选“允许重复导入同一文件”（命令行加 --allow-duplicate-file）",
            en: "This file (\(earlier.fileName)) was imported into the project \(when.map { "at \($0) " } ?? "")by \(earlier.createdBy); to import it again tick “Allow importing the same file again” (--allow-duplicate-file on the command line)")
    }

    package static func importFile(at path: String, into project: ProjectRecord, options: Options,
                                   on db: any Database) async throws -> Outcome {
        let file = CustomerFile(path: path)
        let projectID = try project.project.requireID()
        let checksum = try file.checksum()
        if !options.allowDuplicateFile, let earlier = try await LeadQueries.batch(checksum: checksum, project: projectID, on: db) {
            let message = importedBefore(earlier, zone: project.zone)
            throw DomainError(.conflict, code: "duplicate_file", zh: message.zh, en: message.en)
        }
        let projectPhones = try await LeadQueries.projectPhones(projectID, on: db)
        let lists = try await DoNotCallQueries.activeNumbers(at: options.now, on: db)
        let total = file.size
        let batchID = UUID()
        return try await db.transaction { tx in
            let batch = BatchModel()
            batch.id = batchID
            batch.projectID = projectID
            batch.fileName = options.fileName
            batch.checksum = checksum
            batch.encoding = TextEncoding.utf8.rawValue
            batch.header = "[]"
            batch.rows = 0
            batch.accepted = 0
            batch.rejected = 0
            batch.rejectedByReason = "{}"
            batch.createdBy = options.actor.actorName
            // Before the first write: SQLite fixes where statement journals go when the write transaction starts.
            var writer = try LeadWriter(database: tx, projectID: projectID, batchID: batchID, at: options.now)
            try await writer.prepareForBulkLoad()
            try await batch.create(on: tx)

            var scrubber: LeadScrubber?
            var header: [String] = []
            var report = ImportReport()
            let encoding: String
            do {
                encoding = try await file.forEachRecord(sheet: options.sheet, progress: { options.progress($0, total) }) { record in
                    guard scrubber != nil else {
                        header = record.fields
                        let columns = try CustomerColumns.detect(header: record.fields, overrides: options.mapping)
                        scrubber = LeadScrubber(columns: columns, projectPhones: projectPhones,
                                                doNotCall: lists.doNotCall, special: lists.special)
                        return
                    }
                    // Mutated in place: a copy would duplicate the set of numbers met on every row.
                    let lead = scrubber!.scrub(record)
                    report.count(lead)
                    if lead.rejection != nil { options.onRejected(lead, header) }
                    try await writer.add(lead)
                }
                try await writer.flush()
            } catch {
                // No write may still be running when the transaction rolls back.
                await writer.abandon()
                throw error
            }
            try await writer.endBulkLoad()
            guard report.rows > 0 else {
                throw DomainError(.badInput, code: "no_rows", zh: "文件没有数据行", en: "The file has no data rows")
            }
            batch.encoding = encoding
            batch.header = JSONText.array(header)
            batch.rows = report.rows
            batch.accepted = report.accepted
            batch.rejected = report.rejected
            batch.rejectedByReason = JSONText.object(report.rejected_by_reason.sorted { $0.key < $1.key }.map { ($0.key, String($0.value)) })
            try await batch.save(on: tx)
            var event = options.actor
            event.targetType = "batch"
            event.targetID = batchID.uuidString
            event.detail = "project=\(project.project.code) file=\(options.fileName) rows=\(report.rows) accepted=\(report.accepted) rejected=\(report.rejected)"
            try await AuditLog.append(event, at: options.now, on: tx)
            return Outcome(batch_id: batchID, encoding: encoding, report: report)
        }
    }
}
