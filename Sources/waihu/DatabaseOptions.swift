import ArgumentParser
import FluentKit
import Foundation
import Logging
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

/// `--database URL`, shared by every command that touches the database; `WAIHU_DATABASE_URL` otherwise.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(name: .long, help: "sqlite:///path.sqlite or postgres://user:pass@host:port/db (default: waihu.sqlite here; env WAIHU_DATABASE_URL)")
    var database: String?

    func location() throws -> DatabaseLocation {
        try DatabaseLocation.parse(database ?? ProcessInfo.processInfo.environment["WAIHU_DATABASE_URL"])
    }

    /// Opens the store and runs `body` with it, the time and the console as the caller of the use cases.
    /// A command that only reads (`readOnly`) neither migrates nor creates the first administrator, and
    /// refuses a database Waihu has not set up instead of creating an empty file.
    func withStore<T>(readOnly: Bool = false, _ body: (CommandContext) async throws -> T) async throws -> T {
        try await withApplication(readOnly: readOnly) { app in
            try await body(CommandContext(db: app.db, now: app.now))
        }
    }

    /// Builds the application as the server does, runs `body`, shuts it down. A command that only reads
    /// (`readOnly`) neither migrates nor creates the first administrator, and refuses a database Waihu has
    /// not set up instead of creating an empty file.
    func withApplication<T>(readOnly: Bool = false,
                            announce: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
                            _ body: (Application) async throws -> T) async throws -> T {
        let location = try location()
        if readOnly, case .sqliteFile(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw Self.notReady(location)
        }
        CLILogging.bootstrap(level: .warning)
        var env = Environment(name: "production", arguments: ["waihu"])
        env.arguments = ["waihu"]
        let app = try await Application.make(env)
        do {
            try await configure(app, WaihuSettings(
                database: location, adminPassword: ProcessInfo.processInfo.environment["WAIHU_ADMIN_PASSWORD"],
                migrate: !readOnly, announce: announce))
            if readOnly, await !OrganisationQueries.isSetUp(on: app.db) { throw Self.notReady(location) }
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

extension DatabaseOptions {
    static func notReady(_ location: DatabaseLocation) -> DomainError {
        DomainError(.badInput, code: "database_not_ready",
                    zh: "数据库 \(location.redacted) 尚未初始化：请先运行 waihu migrate 或 waihu serve",
                    en: "The database \(location.redacted) is not set up yet: run waihu migrate or waihu serve first")
    }
}

/// What a command works with: the store, the time it runs at, and the console as the caller of the
/// same use cases (`WaihuApp`) the API and the pages call.
struct CommandContext {
    let db: any Database
    let now: Date
    let caller = Caller.console
    let passwords: any PasswordHashing = BcryptPasswords.shared

    /// A project by code, seen as the console sees it (the whole organisation).
    func project(_ code: String) async throws -> ProjectRecord {
        try await ProjectService.find(code, scope: caller.scope, on: db)
    }

    /// The audit actor of a use case that takes one.
    func actor(_ action: String, _ targetType: String) -> AuditEvent {
        caller.event(action, targetType: targetType)
    }
}

/// Output format of a command.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

enum CLILogging {
    nonisolated(unsafe) private static var done = false

    static func bootstrap(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
