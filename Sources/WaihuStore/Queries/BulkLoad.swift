import SQLiteNIO

/// SQLite settings for loading hundreds of thousands of rows in one transaction: a cache of
/// 128 MB instead of 2 MB, so index pages are read once, and statement journals in memory
/// instead of a temporary file per statement (set before the transaction's first write, when
/// SQLite decides where they go). `end` returns the pooled connection to the defaults.
public enum BulkLoad {
    public static func begin(_ db: any SQLiteDatabase) async throws {
        _ = try await db.query("PRAGMA cache_size = -131072", [])
        // SQLite refuses to move temporary storage inside a transaction once the connection has opened its temp
        // database (an `ALTER TABLE … DROP COLUMN` of a migration does): the load then keeps where it was.
        _ = try? await db.query("PRAGMA temp_store = MEMORY", [])
    }

    public static func end(_ db: any SQLiteDatabase) async throws {
        _ = try await db.query("PRAGMA cache_size = -2000", [])
        _ = try? await db.query("PRAGMA temp_store = DEFAULT", [])
    }
}
