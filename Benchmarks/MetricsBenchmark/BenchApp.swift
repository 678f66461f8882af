import Foundation
import Vapor
import WaihuWeb

/// Waihu built as `waihu serve` builds it, on a database file the benchmark filled, quiet but for warnings.
enum BenchApp {
    static func open(_ file: String) async throws -> Application {
        var env = Environment(name: "production", arguments: ["bench"])
        env.arguments = ["bench"]
        let app = try await Application.make(env)
        app.logger.logLevel = .warning
        try await configure(app, WaihuSettings(database: .sqliteFile(file), adminPassword: "bench-pass-1", announce: { _ in }))
        return app
    }
}
