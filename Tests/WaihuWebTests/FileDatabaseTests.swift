import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import WaihuStore
@testable import WaihuWeb

/// A database file is kept in WAL mode, so that reads go on while an import writes.
@Suite struct FileDatabaseTests {
    @Test func aFileDatabaseIsInWALMode() async throws {
        let path = NSTemporaryDirectory() + "waihu-wal-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await withWaihu(database: .sqliteFile(path)) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let mode = try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
            #expect(mode == "wal")
        }
    }
}
