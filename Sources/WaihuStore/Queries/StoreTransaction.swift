import Fluent
import SQLKit

/// A transaction that writes. On SQLite a plain transaction starts as a reader; when it then
/// writes while another connection is committing, SQLite refuses at once ("database is locked")
/// instead of waiting, as waiting could deadlock. Taking the write lock with the transaction's
/// first statement makes it wait its turn instead (as `BEGIN IMMEDIATE` does). PostgreSQL needs
/// nothing of the kind.
public enum StoreTransaction {
    public static func write<T: Sendable>(_ db: any Database,
                                          _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await db.transaction { tx in
            if let sql = tx as? any SQLDatabase, sql.dialect.name == "sqlite" {
                // A write that changes nothing: SQLite takes the write lock before looking at any row.
                try await sql.raw("UPDATE organisation SET time_zone = time_zone WHERE 0 = 1").run()
            }
            return try await body(tx)
        }
    }

    /// One connection, one transaction that holds SQLite's write lock from its first statement
    /// (`BEGIN IMMEDIATE`), so that deciding and reserving never race another writer.
    public static func immediate<T: Sendable>(_ db: any Database,
                                              _ body: @escaping @Sendable (any SQLDatabase, _ sqlite: Bool) async throws -> T) async throws -> T {
        let sql = try StoreSQL.sql(db)
        let sqlite = sql.dialect.name == "sqlite"
        return try await sql.withSession { session in
            try await session.raw(SQLQueryString(sqlite ? "BEGIN IMMEDIATE" : "BEGIN")).run()
            do {
                let result = try await body(session, sqlite)
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

/// The SQL side of a Fluent database: every query that writes SQL goes through here.
public enum StoreSQL {
    public static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw StoreError.notSQL }
        return sql
    }

    /// Waihu runs on SQLite and PostgreSQL only, both SQL databases.
    public enum StoreError: Error, CustomStringConvertible {
        case notSQL
        /// Rows of a table whose values are not what Waihu writes (a damaged file, or one edited by hand).
        case unreadable(table: String, rows: Int)

        public var description: String {
            switch self {
            case .notSQL: "Waihu needs an SQL database (SQLite or PostgreSQL)"
            case .unreadable(let table, let rows): "\(rows) rows of \(table) could not be read"
            }
        }
    }
}
