import Fluent

/// What an attempt's end leaves on its lead: the attempts made (圈数), when it may be taken again
/// and why it waits (retry delay, callback, contact rules), and its last disposition.
struct UpdateLeadsAddAttemptState: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        try await database.schema(LeadModel.schema).field("attempts", .int, .required, .sql(.default(0))).update()
        try await database.schema(LeadModel.schema).field("next_attempt_at", .datetime).update()
        try await database.schema(LeadModel.schema).field("deferral", .string).update()
        try await database.schema(LeadModel.schema).field("last_disposition", .string).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["attempts", "next_attempt_at", "deferral", "last_disposition"] {
            try await database.schema(LeadModel.schema).deleteField(.string(field)).update()
        }
    }
}
