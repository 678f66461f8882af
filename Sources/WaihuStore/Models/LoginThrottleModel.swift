import Fluent
import Foundation
import WaihuCore

/// The failed logins of one address and username (or of one address, `username` empty).
public final class LoginThrottleModel: Model, @unchecked Sendable {
    public static let schema = "login_throttles"

    @ID(key: .id) public var id: UUID?
    @Field(key: "address") public var address: String
    /// Lower-cased; empty for the address's own count.
    @Field(key: "username") public var username: String
    @Field(key: "failures") public var failures: Int
    @Field(key: "last_failure_at") public var lastFailureAt: Date

    public init() {}

    public init(address: String, username: String, failures: Int, lastFailureAt: Date) {
        self.address = address
        self.username = username
        self.failures = failures
        self.lastFailureAt = lastFailureAt
    }

    public var throttle: LoginThrottle { LoginThrottle(failures: failures, lastFailure: lastFailureAt) }
}
