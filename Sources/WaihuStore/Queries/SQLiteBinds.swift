import Foundation
import SQLKit
import SQLiteNIO

/// Binds handed to SQLite as its driver would store them — ids as their text, instants as seconds since 1970, flags as
/// 0 and 1, nothing as NULL — without the driver's Codable encoding, which costs more than SQLite's own work on the
/// statements of a bulk write (thousands of binds each) or a big read.
enum SQLiteBinds {
    /// The binds' values, or nil when one is of a kind not handled here (the statement then goes through SQLKit).
    static func data(_ binds: [any Encodable & Sendable]) -> [SQLiteData]? {
        var data: [SQLiteData] = []
        data.reserveCapacity(binds.count)
        for bind in binds {
            guard let value = value(bind) else { return nil }
            data.append(value)
        }
        return data
    }

    static func value(_ bind: any Encodable & Sendable) -> SQLiteData? {
        switch bind {
        case let id as UUID: return .text(id.uuidString)
        case let convertible as any SQLiteDataConvertible: return convertible.sqliteData
        default:
            // An optional that holds nothing (one that holds a value was unwrapped by the casts above).
            let mirror = Mirror(reflecting: bind)
            return mirror.displayStyle == .optional && mirror.children.isEmpty ? .null : nil
        }
    }

    /// Runs `query` on SQLite with its binds handed over directly, elsewhere (or with a bind of another kind) through SQLKit.
    static func execute(_ query: any SQLExpression, on sql: any SQLDatabase) async throws {
        let (text, binds) = sql.serialize(query)
        if let sqlite = sql as? any SQLiteDatabase, let data = data(binds) {
            try await sqlite.query(text, data) { _ in }
        } else {
            try await sql.execute(sql: query) { _ in }
        }
    }
}
