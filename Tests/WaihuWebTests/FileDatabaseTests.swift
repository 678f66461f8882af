import Fluent
import Foundation
import SQLKit
import Synchronization
import Testing
import Vapor
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// A database file is kept in WAL mode, so that reads go on while an import writes, and read through a memory map.
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

    @Test func everyConnectionOfAFileDatabaseReadsThroughAMemoryMap() async throws {
        let path = NSTemporaryDirectory() + "waihu-mmap-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await withWaihu(database: .sqliteFile(path)) { app in
            // The driver keeps one connection per event loop: each is asked on its own loop.
            var sizes: [Int] = []
            for loop in app.eventLoopGroup.makeIterator() {
                let sql = try #require(app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase)
                sizes.append(try #require(try await sql.raw("PRAGMA mmap_size").first()?.decode(column: "mmap_size", as: Int.self)))
            }
            #expect(!sizes.isEmpty)
            // SQLite maps nothing unless asked (its default is 0).
            #expect(sizes.allSatisfy { $0 == 1 << 30 }, "\(sizes)")
        }
    }
}

/// `waihu serve` says in one line what the migrations did, not seventy.
@Suite struct QuietStartTests {
    @Test func theMigrationsAreAnnouncedInOneLine() async throws {
        let path = NSTemporaryDirectory() + "waihu-quiet-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let total = WaihuMigrations.all.count + 1  // and Vapor's session table
        for expected in ["migrations: \(total) applied (\(total) new), 0 pending", "migrations: \(total) applied (0 new), 0 pending"] {
            let lines = Mutex<[String]>([])
            let app = try await Application.make(.testing)
            do {
                try await configure(app, WaihuSettings(database: .sqliteFile(path), adminPassword: adminPassword,
                                                       announce: { line in lines.withLock { $0.append(line) } }))
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
            #expect(lines.withLock { $0.filter { $0.hasPrefix("migrations:") } } == [expected])
        }
    }
}
