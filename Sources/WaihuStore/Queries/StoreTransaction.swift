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
}
