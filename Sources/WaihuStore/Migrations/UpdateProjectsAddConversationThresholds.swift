import Fluent

/// Each project's talk thresholds of a conversation (电话沟通, 30 s) and an effective one (有效沟通, 180 s).
struct UpdateProjectsAddConversationThresholds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        try await database.schema(ProjectModel.schema)
            .field("conversation_seconds", .int, .required, .sql(.default(30))).update()
        try await database.schema(ProjectModel.schema)
            .field("effective_conversation_seconds", .int, .required, .sql(.default(180))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectModel.schema).deleteField("conversation_seconds").update()
        try await database.schema(ProjectModel.schema).deleteField("effective_conversation_seconds").update()
    }
}
