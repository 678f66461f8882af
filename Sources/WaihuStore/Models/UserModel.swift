import Fluent
import Foundation
import WaihuCore

/// A person who signs in to Waihu, with one role.
public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "display_name") public var displayName: String
    /// The stored `Role`; read and write `role`.
    @Field(key: "role") public var roleCode: String
    @Field(key: "password_hash") public var passwordHash: String
    /// The site a vendor or supervisor user belongs to.
    @OptionalField(key: "site_id") public var siteID: UUID?
    /// The agent record of an agent user.
    @OptionalField(key: "agent_id") public var agentID: UUID?
    /// `zh` or `en`; empty to follow the browser.
    @OptionalField(key: "language") public var language: String?
    @Field(key: "must_change_password") public var mustChangePassword: Bool
    @Field(key: "active") public var active: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(id: UUID? = nil, username: String, displayName: String, role: Role, passwordHash: String,
                siteID: UUID? = nil, agentID: UUID? = nil, mustChangePassword: Bool = false) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.roleCode = role.rawValue
        self.passwordHash = passwordHash
        self.siteID = siteID
        self.agentID = agentID
        self.language = nil
        self.mustChangePassword = mustChangePassword
        self.active = true
    }
}

extension UserModel {
    /// The user's role, mapped once from what the store holds; an unknown value reads as `agent` (sees only its own work).
    public var role: Role {
        get { Role(rawValue: roleCode) ?? .agent }
        set { roleCode = newValue.rawValue }
    }
}

/// An API token; only its SHA-256 digest is stored.
public final class APITokenModel: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "expires_at") public var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(userID: UUID, tokenHash: String, expiresAt: Date) {
        self.userID = userID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}
