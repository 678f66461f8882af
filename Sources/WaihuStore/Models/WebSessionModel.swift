import Fluent
import Foundation

/// A web session: the cookie's key is never stored, only its digest.
public final class WebSessionModel: Model, @unchecked Sendable {
    public static let schema = "web_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "key_hash") public var keyHash: String
    /// The user signed in with this session, if any.
    @OptionalField(key: "user_id") public var userID: UUID?
    /// The session's values as a JSON object of strings.
    @Field(key: "data") public var data: String
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}

    public init(keyHash: String, userID: UUID?, data: String, expiresAt: Date) {
        self.keyHash = keyHash
        self.userID = userID
        self.data = data
        self.expiresAt = expiresAt
    }
}
