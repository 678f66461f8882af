import ArgumentParser
import Foundation
import Logging
import Vapor
import WaihuStore
import WaihuWeb

/// `--database URL`, shared by every command that touches the database; `WAIHU_DATABASE_URL` otherwise.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(name: .long, help: "sqlite:///path.sqlite or postgres://user:pass@host:port/db (default: waihu.sqlite here; env WAIHU_DATABASE_URL)")
    var database: String?

    func location() throws -> DatabaseLocation {
        try DatabaseLocation.parse(database ?? ProcessInfo.processInfo.environment["WAIHU_DATABASE_URL"])
    }

    /// Builds the application as the server does, runs `body`, shuts it down.
    func withApplication<T>(announce: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
                            _ body: (Application) async throws -> T) async throws -> T {
        CLILogging.bootstrap(level: .warning)
        var env = Environment(name: "production", arguments: ["waihu"])
        env.arguments = ["waihu"]
        let app = try await Application.make(env)
        do {
            try await configure(app, WaihuSettings(
                database: try location(),
                adminPassword: ProcessInfo.processInfo.environment["WAIHU_ADMIN_PASSWORD"], announce: announce))
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
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
