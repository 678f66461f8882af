import Fluent
import Foundation
import Leaf
import LeafKit
import SQLKit
import Vapor
import WaihuApp
import WaihuStore

/// Builds the application: the one graph used by `waihu serve`, the CLI and the tests.
public func configure(_ app: Application, _ settings: WaihuSettings) async throws {
    try settings.database.register(in: app.databases)
    app.storage[ClockKey.self] = settings.clock
    app.storage[PhoneLinesKey.self] = settings.phoneLines
    app.storage[DeskBellsKey.self] = DeskBells()
    app.storage[DeskStreamLookKey.self] = settings.deskStreamLook
    app.migrations.add(WaihuMigrations.all)
    // Vapor's session table, from before Waihu kept its own (`web_sessions`); left for the migration history.
    app.migrations.add(SessionRecord.migration)

    let resources = WaihuResources.directory
    app.directory.viewsDirectory = resources + "Views/"
    app.directory.publicDirectory = resources + "Public/"
    app.views.use(.leaf)
    // The templates live in the resource bundle, under `.build` in development: allow hidden path parts.
    app.leaf.sources = .singleSource(NIOLeafFiles(
        fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
        sandboxDirectory: resources, viewDirectory: app.directory.viewsDirectory))
    app.leaf.cache.isEnabled = app.environment.isRelease

    app.sessions.use { _ in StoredSessions() }
    app.sessions.configuration.cookieName = "waihu_session"
    let secure = settings.secureCookies
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(string: id.string, maxAge: Int(StoredSessions.lifetime), path: "/", isSecure: secure,
                          isHTTPOnly: true, sameSite: .lax)
    }

    _ = app.prometheus  // created before the first request, never lazily from two threads
    // Multipart forms through MultipartKit only after a check of their part headers (a trap in it otherwise).
    ContentConfiguration.global.use(decoder: GuardedFormDataDecoder(), for: .formData)
    app.middleware = Middlewares()
    app.middleware.use(RequestMetricsMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(WaihuErrorMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(CurrentUserMiddleware())

    try routes(app)
    if settings.backgroundServices { app.lifecycle.use(BackgroundServices(settings: settings)) }

    // A file database is kept in WAL mode (a setting of the file, so once is enough): pages and the
    // dialer read while an import writes, instead of waiting for its whole transaction.
    if case .sqliteFile = settings.database, let sql = app.db as? any SQLDatabase {
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await SQLiteMapping.mapEachConnection(app.databases, id: .sqlite, loops: app.eventLoopGroup, logger: app.logger)
    }
    if settings.migrate {
        try await migrateQuietly(app, settings)
        try await Bootstrap.firstStart(app, settings)
    }
}

/// Runs the pending migrations with their log lines at debug level, and says in one line what was done.
func migrateQuietly(_ app: Application, _ settings: WaihuSettings) async throws {
    app.fluent.migrationLogLevel = .debug
    try await app.migrator.setupIfNeeded().get()
    let pending = try await app.migrator.previewPrepareBatch().get().count
    try await app.migrator.prepareBatch().get()
    let total = WaihuMigrations.all.count + 1
    settings.announce("migrations: \(total) applied (\(pending) new), 0 pending")
}

/// Where the templates and the stylesheet are.
enum WaihuResources {
    static let directory: String = {
        let candidates = [Bundle.module.bundleURL, Bundle.module.resourceURL].compactMap { $0 }
            .flatMap { [$0.appendingPathComponent("Resources"), $0] }
        let found = candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("Views/layout.leaf").path)
        }
        return (found ?? candidates[0]).path + "/"
    }()
}
