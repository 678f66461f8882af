import Fluent

/// Failed logins counted per address and username, and per address alone (`username` empty).
struct CreateLoginThrottles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginThrottleModel.schema)
            .id()
            .field("address", .string, .required)
            .field("username", .string, .required)
            .field("failures", .int, .required)
            .field("last_failure_at", .datetime, .required)
            .unique(on: "address", "username")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginThrottleModel.schema).delete()
    }
}
