import Foundation
import WaihuStore

/// Where a benchmark keeps its data: the SQLite file in its work directory, or the database of `--database URL`
/// (a PostgreSQL database of its own, empty: `Benchmarks/postgres.sh` makes one on a throw-away server).
package enum BenchmarkDatabase {
    /// The command line without `--database URL`: what the benchmark reads as its own arguments.
    package static let arguments: [String] = {
        var arguments = CommandLine.arguments
        if let index = arguments.firstIndex(of: "--database"), index + 1 < arguments.count { arguments.removeSubrange(index ... index + 1) }
        return arguments
    }()

    /// The `--database` URL given, if any.
    package static let url: String? = {
        let arguments = CommandLine.arguments
        guard let index = arguments.firstIndex(of: "--database"), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }()

    /// The database to use: `--database URL`, or `file` on SQLite.
    package static func location(sqliteFile file: String) throws -> DatabaseLocation {
        guard let url else { return .sqliteFile(file) }
        return try DatabaseLocation.parse(url)
    }

    /// The name printed beside the figures.
    package static var name: String { url.map { $0.hasPrefix("postgres") ? "PostgreSQL" : "SQLite" } ?? "SQLite" }

    /// True when the figures are taken on PostgreSQL.
    package static var postgres: Bool { name == "PostgreSQL" }
}
