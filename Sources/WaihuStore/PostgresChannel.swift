import FluentPostgresDriver
import Foundation
import Logging

/// A PostgreSQL notification channel (LISTEN / NOTIFY) on a connection of its own: how the nodes on one database tell
/// one another what happened (the desk bells: the dialer on one node put a call through to an agent whose desk is open
/// on another). A lost connection is made again a second later; what was sent meanwhile is lost, which the listeners
/// must bear (a desk still looks every few seconds).
public final class PostgresChannel: @unchecked Sendable {
    private let configuration: PostgresConnection.Configuration
    private let name: String
    private let logger: Logger
    private let lock = NSLock()
    private var connection: PostgresConnection?

    public init(url: String, name: String, logger: Logger) throws {
        configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        self.name = name
        self.logger = logger
    }

    /// True once the channel's connection listens (for a test to wait on).
    public var listening: Bool { lock.withLock { connection != nil } }

    /// Listens until the task is cancelled, handing every payload to `received` (this node's own included).
    public func listen(_ received: @escaping @Sendable (String) -> Void) async {
        while !Task.isCancelled {
            var opened: PostgresConnection?
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                opened = connection
                try await connection.listen(on: name) { notifications in
                    lock.withLock { self.connection = connection }
                    for try await notification in notifications { received(notification.payload) }
                }
            } catch {
                if !Task.isCancelled { logger.warning("the \(name) channel's connection failed, again in a second: \(error)") }
            }
            lock.withLock { connection = nil }
            try? await opened?.close()
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Sends `payload` to every listener (at most 8,000 bytes); nothing when the channel's connection is down.
    public func notify(_ payload: String) async {
        guard let connection = lock.withLock({ connection }) else { return }
        do {
            _ = try await connection.query("SELECT pg_notify(\(name), \(payload))", logger: logger)
        } catch {
            logger.warning("a notification on \(name) was not sent: \(error)")
        }
    }
}
