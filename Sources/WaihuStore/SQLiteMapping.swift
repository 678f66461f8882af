import FluentKit
import Logging
import NIOCore
import SQLKit

/// SQLite's pages read through a memory map instead of a read call each. In WAL mode every write of another
/// connection (a desk's heartbeat every two seconds, a dialler's beat) empties each connection's page cache, so
/// without the map every query read its B-tree pages again with a system call and a copy: 200 agents' desk polls
/// spent a third of their time there (`DeskBenchmark`).
public enum SQLiteMapping {
    /// How much of the file is mapped: address space, not memory (the pages are the operating system's cache).
    public static let bytes = 1 << 30

    /// Maps the file on the connection of each event loop (the SQLite driver keeps one per loop).
    public static func mapEachConnection(_ databases: Databases, id: DatabaseID, loops: any EventLoopGroup, logger: Logger) async throws {
        for loop in loops.makeIterator() {
            guard let sql = databases.database(id, logger: logger, on: loop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA mmap_size = \(unsafeRaw: String(bytes))").run()
        }
    }
}
