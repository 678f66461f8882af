import Foundation
import SQLKit
import SQLiteNIO

/// The reads of hundreds of thousands of rows (the metrics' attempts and state intervals): on SQLite each row's values
/// are read by hand as they come, where SQLKit's decoding would take every value through Codable and cost several
/// times SQLite's own read; on PostgreSQL through SQLKit as any other query.
enum BigRead {
    /// One row's values by column name.
    struct Row {
        fileprivate enum Source {
            case sqlite(SQLiteRow)
            case sql(any SQLRow)
        }
        fileprivate let source: Source

        func string(_ column: String) throws -> String? {
            switch source {
            case .sqlite(let row):
                switch row.column(column) {
                case .text(let text): return text
                case .null, nil: return nil
                case let other?: throw Unreadable(column: column, value: "\(other)")
                }
            case .sql(let row): return try row.decode(column: column, as: String?.self)
            }
        }

        func uuid(_ column: String) throws -> UUID? {
            switch source {
            case .sqlite:
                guard let text = try string(column) else { return nil }
                guard let id = UUID(uuidString: text) else { throw Unreadable(column: column, value: text) }
                return id
            case .sql(let row): return try row.decode(column: column, as: UUID?.self)
            }
        }

        /// An id as `UUID.uuidString` writes it. SQLite keeps Waihu's ids in that text: it is checked and returned as it
        /// is, where parsing it into a `UUID` and writing it back (C's `sscanf` and `sprintf`, four times a row) was a
        /// fifth of the metrics' read of a million attempts. Any other spelling of an id is parsed and written anew.
        func uuidText(_ column: String) throws -> String? {
            if case .sqlite = source, let text = try string(column), Self.isCanonical(text) { return text }
            return try uuid(column)?.uuidString
        }

        /// 36 characters, digits and capitals A–F in groups of 8-4-4-4-12 between hyphens.
        static func isCanonical(_ text: String) -> Bool {
            text.utf8.withContiguousStorageIfAvailable { bytes in
                guard bytes.count == 36 else { return false }
                for (index, byte) in bytes.enumerated() {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        guard byte == UInt8(ascii: "-") else { return false }
                    } else {
                        guard (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A") ... UInt8(ascii: "F")).contains(byte)
                        else { return false }
                    }
                }
                return true
            } ?? false
        }

        func int(_ column: String) throws -> Int? {
            switch source {
            case .sqlite(let row):
                switch row.column(column) {
                case .integer(let value): return value
                case .float(let value): return Int(value)
                case .null, nil: return nil
                case let other?: throw Unreadable(column: column, value: "\(other)")
                }
            case .sql(let row): return try row.decode(column: column, as: Int?.self)
            }
        }

        /// An instant: SQLite keeps Waihu's as seconds since 1970.
        func date(_ column: String) throws -> Date? {
            switch source {
            case .sqlite(let row):
                switch row.column(column) {
                case .float(let value): return Date(timeIntervalSince1970: value)
                case .integer(let value): return Date(timeIntervalSince1970: Double(value))
                case .null, nil: return nil
                case let other?: throw Unreadable(column: column, value: "\(other)")
                }
            case .sql(let row): return try row.decode(column: column, as: Date?.self)
            }
        }
    }

    struct Unreadable: Error, CustomStringConvertible {
        var column: String
        var value: String
        var description: String { "column \(column) holds \(value), which Waihu does not write there" }
    }

    /// What `transform` makes of each row of `select` (nil leaves the row out), in the order the rows come.
    static func rows<T: Sendable>(_ select: SQLSelectBuilder, on sql: any SQLDatabase,
                                  _ transform: @escaping @Sendable (Row) throws -> T?) async throws -> [T] {
        let (text, binds) = sql.serialize(select.query)
        guard let sqlite = sql as? any SQLiteDatabase, let data = SQLiteBinds.data(binds) else {
            return try await select.all().compactMap { try transform(Row(source: .sql($0))) }
        }
        let collected = Collected<T>()
        try await sqlite.query(text, data) { row in collected.add { try transform(Row(source: .sqlite(row))) } }
        return try collected.result()
    }

    /// The rows transformed so far and the first error; SQLite hands the rows over one at a time, on one thread.
    private final class Collected<T>: @unchecked Sendable {
        var values: [T] = []
        var error: (any Error)?

        func add(_ make: () throws -> T?) {
            guard error == nil else { return }
            do {
                if let value = try make() { values.append(value) }
            } catch {
                self.error = error
            }
        }

        func result() throws -> [T] {
            if let error { throw error }
            return values
        }
    }
}
