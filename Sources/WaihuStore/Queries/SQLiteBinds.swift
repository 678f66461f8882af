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
        // The kinds Waihu binds, each a cast to a concrete type (cheaper than one to a protocol).
        switch bind {
        case let text as String: return .text(text)
        case let id as UUID: return .text(id.uuidString)
        case let instant as Date: return .float(instant.timeIntervalSince1970)
        case let number as Int: return .integer(number)
        case let flag as Bool: return .integer(flag ? 1 : 0)
        case let number as Double: return .float(number)
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
