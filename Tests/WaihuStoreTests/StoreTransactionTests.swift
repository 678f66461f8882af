import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore

extension StoreTests {
    /// Two transactions that read, wait and write at the same time on a SQLite file (several
    /// connections): both succeed one after the other, where plain transactions have one refused.
    @Test func writeTransactionsWaitTheirTurnOnSQLite() async throws {
        let file = DatabaseLocation.sqliteFile(NSTemporaryDirectory() + "waihu-tx-\(UUID().uuidString).sqlite")
        try await withMigratedApplication(file) { app in
            // One connection on each of two event loops, so the two transactions really run side by side.
            let loops = Array(app.eventLoopGroup.makeIterator())
            try #require(loops.count >= 2, "needs two event loops")
            let connections = loops.prefix(2).map { app.databases.database(logger: app.logger, on: $0)! }
            func work(_ name: String, on index: Int, _ transaction: @escaping @Sendable (any Database, @escaping @Sendable (any Database) async throws -> Void) async throws -> Void) async -> Bool {
                do {
                    try await transaction(connections[index]) { tx in
                        _ = try await SiteModel.query(on: tx).count()
                        try await Task.sleep(for: .milliseconds(150))
                        try await SiteModel(name: name, kind: .own).create(on: tx)
                    }
                    return true
                } catch {
                    return false
                }
            }
            let plain: @Sendable (any Database, @escaping @Sendable (any Database) async throws -> Void) async throws -> Void = { db, body in
                try await db.transaction { try await body($0) }
            }
            let write: @Sendable (any Database, @escaping @Sendable (any Database) async throws -> Void) async throws -> Void = { db, body in
                try await StoreTransaction.write(db) { try await body($0) }
            }
            async let a = work("甲", on: 0, plain)
            async let b = work("乙", on: 1, plain)
            let plainResults = await [a, b]
            #expect(plainResults.contains(false), "two plain read-then-write transactions at once: SQLite refuses one")
            async let c = work("丙", on: 0, write)
            async let d = work("丁", on: 1, write)
            let writeResults = await [c, d]
            #expect(writeResults == [true, true])
            let stored = try await SiteModel.query(on: app.db).filter(\.$name ~~ ["丙", "丁"]).count()
            #expect(stored == 2)
        }
    }
}
