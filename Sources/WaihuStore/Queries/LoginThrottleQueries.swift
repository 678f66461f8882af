import Fluent
import Foundation
import WaihuCore

/// The counts behind `LoginThrottle`, kept in the database so that every `waihu serve` process sees them.
public enum LoginThrottleQueries {
    /// The key of one address and username (`username` nil: the address alone).
    public struct Key: Sendable, Hashable {
        public var address: String
        public var username: String

        public init(address: String?, username: String?) {
            self.address = address ?? "unknown"
            self.username = username?.lowercased() ?? ""
        }
    }

    public static func throttle(_ key: Key, on db: any Database) async throws -> LoginThrottle {
        try await row(key, on: db)?.throttle ?? LoginThrottle()
    }

    /// Counts a failure at `now` and returns the new count. Two failures of one key at once (another
    /// process, another connection) both count: the second's insert meets the first's row and updates it.
    @discardableResult
    public static func recordFailure(_ key: Key, at now: Date, on db: any Database) async throws -> LoginThrottle {
        for attempt in 0..<2 {
            let stored = try await row(key, on: db)
            let next = (stored?.throttle ?? LoginThrottle()).afterFailure(at: now)
            let model = stored ?? LoginThrottleModel(address: key.address, username: key.username, failures: 0, lastFailureAt: now)
            model.failures = next.failures
            model.lastFailureAt = now
            do {
                try await model.save(on: db)
                return next
            } catch where stored == nil && attempt == 0 {
                continue  // the row was created meanwhile (unique address and username): count on it
            }
        }
        return try await row(key, on: db)?.throttle ?? LoginThrottle()
    }

    public static func clear(_ key: Key, on db: any Database) async throws {
        try await LoginThrottleModel.query(on: db).filter(\.$address == key.address).filter(\.$username == key.username).delete()
    }

    /// Clears a username's counts from every address (an administrator's unlock).
    public static func clear(username: String, on db: any Database) async throws {
        try await LoginThrottleModel.query(on: db).filter(\.$username == username.lowercased()).delete()
    }

    /// Forgets counts with no failure since `before`.
    public static func purge(before: Date, on db: any Database) async throws {
        try await LoginThrottleModel.query(on: db).filter(\.$lastFailureAt < before).delete()
    }

    /// The usernames that must wait before signing in from some address at `now`.
    public static func blockedUsernames(at now: Date, on db: any Database) async throws -> Set<String> {
        Set(try await blockedUntil(at: now, on: db).keys)
    }

    /// Until when each username that is refused now stays refused (from some address), the latest wait.
    public static func blockedUntil(at now: Date, on db: any Database) async throws -> [String: Date] {
        var until: [String: Date] = [:]
        for row in try await LoginThrottleModel.query(on: db).filter(\.$username != "").all() {
            guard let end = row.throttle.blockedUntil(.addressAndUsername), now < end else { continue }
            until[row.username] = max(until[row.username] ?? end, end)
        }
        return until
    }

    private static func row(_ key: Key, on db: any Database) async throws -> LoginThrottleModel? {
        try await LoginThrottleModel.query(on: db).filter(\.$address == key.address).filter(\.$username == key.username).first()
    }
}
