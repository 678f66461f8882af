import Fluent

/// A call's recording: where it is and how long; one per call.
struct CreateRecordings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("recordings")
            .id()
            .field("attempt_id", .uuid, .required, .references(CallAttemptModel.schema, "id"))
            .field("location", .string, .required)
            .field("duration_seconds", .int, .required)
            .field("linked_at", .datetime, .required)
            .unique(on: "attempt_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("recordings").delete()
    }
}
