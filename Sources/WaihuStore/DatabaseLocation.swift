import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import WaihuCore

/// Where Waihu keeps its data: an embedded SQLite file (the default), SQLite in memory
/// (tests), or a PostgreSQL server (scale).
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(String)

    /// The default: `waihu.sqlite` in the working directory.
    public static let defaultFile = "waihu.sqlite"

    /// Reads `sqlite:///abs/path.sqlite`, `sqlite://relative.sqlite`, `sqlite::memory:`,
    /// `postgres://user:pass@host:port/db` (or `postgresql://`); nil or empty → the default file.
    public static func parse(_ url: String?) throws(DomainError) -> DatabaseLocation {
        guard let raw = url?.trimmingWhitespace(), !raw.isEmpty else { return .sqliteFile(defaultFile) }
        if raw == "sqlite::memory:" || raw == "sqlite://:memory:" { return .sqliteMemory }
        if raw.hasPrefix("sqlite://") {
            let path = String(raw.dropFirst("sqlite://".count))
            guard !path.isEmpty else { return .sqliteFile(defaultFile) }
            return .sqliteFile(path)
        }
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            guard URL(string: raw)?.host != nil else {
                throw DomainError(.badInput, code: "invalid_database_url",
                                  zh: "数据库地址无效：\(raw)", en: "Invalid database URL: \(raw)")
            }
            return .postgres(raw)
        }
        throw DomainError(.badInput, code: "invalid_database_url",
                          zh: "不支持的数据库地址“\(raw)”，请用 sqlite:///路径 或 postgres://用户:密码@主机:端口/库",
                          en: "Unsupported database URL '\(raw)'; use sqlite:///path or postgres://user:pass@host:port/db")
    }

    /// Registers this database as the default of `databases`.
    public func register(in databases: Databases) throws {
        switch self {
        case .sqliteFile(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
            // The wallboard's recounts read behind its looks on connections of their own: the day's first, the alerts'
            // trailing 14 days, held a request connection for 10 s on a 200-agent floor (one per event loop on SQLite).
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .recounts, isDefault: false)
        case .sqliteMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url):
            // Several connections per event loop: reservations wait on row and number locks.
            databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .psql)
            // The background jobs' own connections (the dialer's beat above all): under a floor's load the requests'
            // connections are all busy, and a dialer queued behind them let its lease lapse (20 s, found by FloorLoad).
            databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 2, sqlLogLevel: .trace), as: .jobs, isDefault: false)
        }
    }

    /// A description safe to print: the password of a PostgreSQL URL is hidden.
    public var redacted: String {
        switch self {
        case .sqliteFile(let path): return "sqlite://\(path)"
        case .sqliteMemory: return "sqlite::memory:"
        case .postgres(let url):
            if var parts = URLComponents(string: url), parts.password != nil {
                parts.password = "***"
                return parts.string ?? "postgres://…"
            }
            return url
        }
    }
}

extension DatabaseID {
    /// PostgreSQL's connections for the background jobs, apart from the requests' (SQLite has one writer: one pool).
    public static let jobs = DatabaseID(string: "jobs")
    /// SQLite's connections for the reads that run behind the wallboard's looks (`Recount.behind`); PostgreSQL's
    /// requests have several connections per event loop and need none apart.
    public static let recounts = DatabaseID(string: "recounts")
}
