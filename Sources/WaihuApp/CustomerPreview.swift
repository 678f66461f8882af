import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The first rows of a customer file as the import will read them: the detected encoding, what
/// each column feeds, and whether each row's numbers are valid, before anything is stored. Sent the
/// whole file, it also counts every row as the import would (invalid numbers, duplicates in the file and
/// in the project, do-not-call) and says when the same file was imported before. Numbers are masked;
/// nothing is written.
package struct CustomerPreview: Codable, Sendable {
    package var encoding: String
    package var columns: [Column]
    package var rows: [Row]
    /// The whole file counted, when the whole file was sent.
    package var report: ImportReport?
    /// The rejection reasons of `report` in words, with their counts.
    package var reasons: [Reason]?
    /// Why importing this file again needs the box ticked: it was imported into the project before.
    package var imported_before: String?

    package struct Reason: Codable, Sendable {
        package var reason: String
        package var label: String
        package var count: Int
    }

    package struct Column: Codable, Sendable {
        package var header: String
        package var field: String
        package var label: String
    }

    package struct Row: Codable, Sendable {
        package var line: Int
        package var fields: [String]
        /// Empty when the row's numbers are valid; otherwise why not.
        package var problem: String
    }

    package static let rowCount = 10

    /// The whole file sent for a count, into this project at this time.
    package struct Whole: Sendable {
        package var project: ProjectRecord
        package var now: Date
        package init(project: ProjectRecord, now: Date) {
            self.project = project
            self.now = now
        }
    }

    /// Reads no further than the first `rowCount` data rows unless `whole` is given: a preview may be sent
    /// the head of a large file only.
    package static func read(at path: String, mapping: [String: CustomerColumns.Field], sheet: String?,
                             language: Language, whole: Whole? = nil, on db: any Database) async throws -> CustomerPreview {
        let file = CustomerFile(path: path)
        var preview = CustomerPreview(encoding: try file.format(), columns: [], rows: [])
        var projectPhones: Set<String> = [], doNotCall: Set<String> = [], special: Set<String> = []
        var report = ImportReport()
        if let whole {
            let project = try whole.project.project.requireID()
            if let earlier = try await LeadQueries.batch(checksum: try file.checksum(), project: project, on: db) {
                preview.imported_before = CustomerImportService.importedBefore(earlier, zone: whole.project.zone).text(language)
            }
            projectPhones = try await LeadQueries.projectPhones(project, on: db)
            (doNotCall, special) = try await DoNotCallQueries.activeNumbers(at: whole.now, on: db)
        }
        var scrubber: LeadScrubber?
        do {
            _ = try await file.forEachRecord(sheet: sheet) { record in
                guard scrubber != nil else {
                    let columns = try CustomerColumns.detect(header: record.fields, overrides: mapping)
                    preview.columns = columns.mapping.map {
                        Column(header: $0.header, field: $0.field.rawValue, label: $0.field.label.text(language))
                    }
                    scrubber = LeadScrubber(columns: columns, projectPhones: projectPhones, doNotCall: doNotCall, special: special)
                    return
                }
                let lead = scrubber!.scrub(record)
                report.count(lead)
                guard preview.rows.count < rowCount else { return }
                let problem = whole != nil || [ImportRejection.missingPhone, .invalidNumber].contains(lead.rejection) ? lead.reason?.text(language) : nil
                preview.rows.append(Row(line: record.line, fields: record.fields.map(PhoneMask.maskDigitRuns), problem: problem ?? ""))
                if preview.rows.count == rowCount && whole == nil { throw Enough() }
            }
        } catch is Enough {
            // The first rows are all a preview needs.
        } catch is TextChunkDecoder.DecodingProblem where !preview.rows.isEmpty {
            // The head of a file may end inside a character: what was read is enough.
        }
        if whole != nil {
            preview.report = report
            preview.reasons = report.rejected_by_reason.sorted { $0.key < $1.key }.map { code, count in
                Reason(reason: code, label: ImportRejection(rawValue: code)?.message.text(language) ?? code, count: count)
            }
        }
        return preview
    }

    private struct Enough: Error {}
}
