import Fluent
import Foundation
import SQLKit
import SQLiteNIO
import WaihuCore

/// Reading leads, batches and the numbers the import scrub compares against.
public enum LeadQueries {
    /// The dialable numbers already in a project.
    public static func projectPhones(_ projectID: UUID, on db: any Database) async throws -> Set<String> {
        let phones = RowCollector<Set<String>>([])
        try await StoreSQL.sql(db).select().column("phone").from("lead_phones")
            .where("project_id", .equal, SQLBind(projectID))
            .run { row in if let phone = try? row.decode(column: "phone", as: String.self) { phones.value.insert(phone) } }
        return phones.value
    }

    /// A batch of the project imported from a file with this checksum, if any.
    public static func batch(checksum: String, project projectID: UUID, on db: any Database) async throws -> BatchModel? {
        try await BatchModel.query(on: db).filter(\.$projectID == projectID).filter(\.$checksum == checksum).first()
    }

    public static func batches(project projectID: UUID, on db: any Database) async throws -> [BatchModel] {
        try await BatchModel.query(on: db).filter(\.$projectID == projectID).sort(\.$createdAt, .descending).all()
    }

    /// The rejected rows of a batch, in file order.
    public static func rejected(batch batchID: UUID, on db: any Database) async throws -> [LeadModel] {
        try await LeadModel.query(on: db).filter(\.$batchID == batchID).filter(\.$rejection != nil).sort(\.$line).all()
    }
}

/// Gathers what a streamed query returns, row by row, instead of holding every row at once
/// (a million rows as `SQLRow`s take hundreds of megabytes). The rows arrive one after another.
final class RowCollector<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// The do-not-call list as the scrub needs it.
public enum DoNotCallQueries {
    /// Numbers listed for every product and in force at `now`, split into special customers and the rest.
    public static func activeNumbers(at now: Date, on db: any Database) async throws -> (doNotCall: Set<String>, special: Set<String>) {
        let lists = RowCollector<(doNotCall: Set<String>, special: Set<String>)>(([], []))
        try await StoreSQL.sql(db).select().column("phone").column("reason").from(DoNotCallModel.schema)
            .where("removed_at", .is, SQLLiteral.null)
            .where("product", .is, SQLLiteral.null)
            .where { $0.where("expires_at", .is, SQLLiteral.null).orWhere("expires_at", .greaterThan, SQLBind(now)) }
            .run { row in
                guard let phone = try? row.decode(column: "phone", as: String.self) else { return }
                if (try? row.decode(column: "reason", as: String.self)) == "special" {
                    lists.value.special.insert(phone)
                } else {
                    lists.value.doNotCall.insert(phone)
                }
            }
        return lists.value
    }

    /// Adds entries in multi-row statements, inside the caller's transaction.
    public static func add(_ entries: [(phone: String, reason: String)], source: String, addedBy: String, at now: Date,
                           expiresAt: Date?, on db: any Database) async throws {
        if let sqlite = db as? any SQLiteDatabase {
            // Plain SQLite binds: a list of a million numbers loads without an encoder per value.
            let fixed: [SQLiteData] = [.text(source), .text(addedBy), now.sqliteData ?? .null, expiresAt?.sqliteData ?? .null]
            var ids = TimeOrderedIDs(start: now, random: UInt64.random(in: .min ... .max))
            let bulk = entries.count > LeadWriter.rowsPerStatement
            if bulk { try await BulkLoad.begin(sqlite) }
            for start in stride(from: 0, to: entries.count, by: LeadWriter.rowsPerStatement) {
                let chunk = entries[start..<min(start + LeadWriter.rowsPerStatement, entries.count)]
                var binds: [SQLiteData] = []
                binds.reserveCapacity(chunk.count * 7)
                for entry in chunk {
                    binds += [.text(ids.next().uuidString), .text(entry.phone), .text(entry.reason)] + fixed
                }
                _ = try await sqlite.query(LeadWriter.placeholders(
                    "INSERT INTO do_not_call (id, phone, reason, source, added_by, added_at, expires_at) VALUES ",
                    rows: chunk.count, columns: 7), binds)
            }
            if bulk { try await BulkLoad.end(sqlite) }
            return
        }
        let sql = try StoreSQL.sql(db)
        for start in stride(from: 0, to: entries.count, by: LeadWriter.rowsPerStatement) {
            var insert = sql.insert(into: DoNotCallModel.schema)
                .columns("id", "phone", "reason", "source", "added_by", "added_at", "expires_at")
            for entry in entries[start..<min(start + LeadWriter.rowsPerStatement, entries.count)] {
                insert = insert.values([SQLBind(UUID()), SQLBind(entry.phone), SQLBind(entry.reason), SQLBind(source),
                                        SQLBind(addedBy), SQLBind(now), SQLBind(expiresAt)] as [any SQLExpression])
            }
            try await insert.run()
        }
    }
}
