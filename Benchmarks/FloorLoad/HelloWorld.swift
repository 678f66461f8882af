import Foundation
import Vapor

/// The yardstick: a Vapor route answering "Hello, world!", served by a process of its own on the same machine, and
/// loaded by as many clients as the floor has agents.
enum HelloWorld {
    static func serve(port: Int) async throws {
        let app = try await Application.make(Environment(name: "production", arguments: ["floorload"]))
        app.logger.logLevel = .warning
        app.http.server.configuration.port = port
        app.get("hello") { _ in "Hello, world!" }
        try await app.startup()
        while true { try await Task.sleep(for: .seconds(3_600)) }
    }

    /// Requests per second the route answered 200, with `clients` looping on it for `seconds`.
    static func load(_ floor: Floor, clients: Int, seconds: Double) async -> Double {
        let start = ContinuousClock.now, deadline = start + .milliseconds(Int(seconds * 1000))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0 ..< clients {
                group.addTask { while ContinuousClock.now < deadline { await floor.send("hello", .GET, "/hello") } }
            }
        }
        return Double(floor.tally.succeeded(["hello"])) / (Floor.milliseconds(since: start) / 1000)
    }
}
