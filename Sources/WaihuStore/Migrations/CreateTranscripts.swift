import Fluent
import SQLKit

/// Call transcripts (one row a turn, idempotent by attempt, speaker and start), the forbidden-phrase lexicon a center
/// edits (the shipped one while it is empty), and the hits found on the agent's side, which flag a call for review.
struct CreateTranscripts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("transcript_segments")
            .id()
            .field("attempt_id", .uuid, .required, .references(CallAttemptModel.schema, "id"))
            .field("speaker", .string, .required)
            .field("start_ms", .int, .required)
            .field("end_ms", .int, .required)
            .field("text", .string, .required)
            .unique(on: "attempt_id", "speaker", "start_ms")
            .create()
        try await database.schema("phrase_lexicon")
            .id()
            .field("phrase", .string, .required)
            .field("category", .string, .required)
            .unique(on: "phrase")
            .create()
        try await database.schema("phrase_hits")
            .id()
            .field("attempt_id", .uuid, .required, .references(CallAttemptModel.schema, "id"))
            .field("phrase", .string, .required)
            .field("category", .string, .required)
            .field("start_ms", .int, .required)
            .field("offset", .int, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "phrase_hits_attempt").on("phrase_hits").column("attempt_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("phrase_hits").delete()
        try await database.schema("phrase_lexicon").delete()
        try await database.schema("transcript_segments").delete()
    }
}
