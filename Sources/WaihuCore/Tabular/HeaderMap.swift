import Foundation

/// Finds the columns of a file by their header, in Chinese or English.
public struct HeaderMap: Sendable {
    /// For each wanted column, the index it was found at.
    public let indexes: [String: Int]

    /// Maps `header` against `aliases` (column id → accepted header names, compared without
    /// case, spaces or a byte-order mark).
    public init(header: [String], aliases: [String: [String]]) {
        var found: [String: Int] = [:]
        let cleaned = header.map(HeaderMap.clean)
        for (column, names) in aliases {
            let wanted = Set(([column] + names).map(HeaderMap.clean))
            if let index = cleaned.firstIndex(where: wanted.contains) {
                found[column] = index
            }
        }
        indexes = found
    }

    /// The value of a column in a record, trimmed; nil when the column is absent or empty.
    public func value(_ column: String, in fields: [String]) -> String? {
        guard let index = indexes[column], index < fields.count else { return nil }
        let value = fields[index].trimmingWhitespace()
        return value.isEmpty ? nil : value
    }

    /// The wanted columns that the header lacks.
    public func missing(_ required: [String]) -> [String] {
        required.filter { indexes[$0] == nil }
    }

    static func clean(_ name: String) -> String {
        name.replacingBOM().trimmingWhitespace().lowercased()
            .replacingOccurrences(of: " ", with: "_")
    }
}

extension String {
    /// The text without a leading UTF-8 byte-order mark.
    public func replacingBOM() -> String {
        hasPrefix("\u{FEFF}") ? String(dropFirst()) : self
    }
}
