import Fluent

/// Web sessions kept by Waihu itself: the key stored as a SHA-256 digest (like API tokens), the user
/// signed in, and an expiry, so that sessions can be purged and a user's sessions revoked.
struct CreateWebSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WebSessionModel.schema)
            .id()
            .field("key_hash", .string, .required)
            .field("user_id", .uuid)
            .field("data", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "key_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WebSessionModel.schema).delete()
    }
}
