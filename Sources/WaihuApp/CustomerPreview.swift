import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The first rows of a customer file as the import will read them: the detected encoding, what
/// each column feeds, and whether each row's numbers are valid, before anything is stored.
/// Numbers are masked; nothing is written.
package struct CustomerPreview: Codable, Sendable {
    package var encoding: String
    package var columns: [Column]
    package var rows: [Row]

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

    /// Reads no further than the first `rowCount` data rows: a preview may be sent the head of a
    /// large file only.
    package static func read(at path: String, mapping: [String: CustomerColumns.Field], sheet: String?,
                             language: Language) async throws -> CustomerPreview {
        let file = CustomerFile(path: path)
        var preview = CustomerPreview(encoding: try file.format(), columns: [], rows: [])
        var scrubber: LeadScrubber?
        do {
            _ = try await file.forEachRecord(sheet: sheet) { record in
                guard scrubber != nil else {
                    let columns = try CustomerColumns.detect(header: record.fields, overrides: mapping)
                    preview.columns = columns.mapping.map {
                        Column(header: $0.header, field: $0.field.rawValue, label: $0.field.label.text(language))
                    }
                    scrubber = LeadScrubber(columns: columns, projectPhones: [], doNotCall: [], special: [])
                    return
                }
                let lead = scrubber!.scrub(record)
                let problem = [ImportRejection.missingPhone, .invalidNumber].contains(lead.rejection) ? lead.reason?.text(language) : nil
                preview.rows.append(Row(line: record.line, fields: record.fields.map(PhoneMask.maskDigitRuns), problem: problem ?? ""))
                if preview.rows.count == rowCount { throw Enough() }
            }
        } catch is Enough {
            // The first rows are all a preview needs.
        } catch is TextChunkDecoder.DecodingProblem where !preview.rows.isEmpty {
            // The head of a file may end inside a character: what was read is enough.
        }
        return preview
    }

    private struct Enough: Error {}
}
