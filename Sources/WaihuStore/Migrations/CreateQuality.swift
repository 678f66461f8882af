import Fluent
import SQLKit

/// Quality inspection (质检, issue 17): scorecards by version, the tasks a sample makes (one per attempt ever:
/// no call is sampled twice), the reviews with their marks and appeals; a project's scorecard. The shipped
/// scorecards are version 0 until a center saves its own.
struct CreateQuality: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ScorecardModel.schema)
            .id()
            .field("code", .string, .required)
            .field("version", .int, .required)
            .field("name", .string, .required)
            .field("definition", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "code", "version")
            .create()
        try await database.schema(QATaskModel.schema)
            .id()
            .field("attempt_id", .uuid, .required, .references(CallAttemptModel.schema, "id"))
            .field("project_id", .uuid, .required, .references(ProjectModel.schema, "id"))
            .field("inspector_id", .uuid, .required, .references(UserModel.schema, "id"))
            .field("plan", .string, .required)
            .field("flagged", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("reviewed_at", .datetime)
            .unique(on: "attempt_id")
            .create()
        try await database.schema(QAReviewModel.schema)
            .id()
            .field("task_id", .uuid, .references(QATaskModel.schema, "id"))
            .field("external_id", .string)
            .field("attempt_id", .uuid, .required, .references(CallAttemptModel.schema, "id"))
            .field("scorecard_code", .string, .required)
            .field("scorecard_version", .int, .required)
            .field("inspector", .string, .required)
            .field("reviewed_at", .datetime, .required)
            .field("score", .int, .required)
            .field("grade", .string, .required)
            .field("fatal", .string, .required)
            .field("marks", .string, .required)
            .field("comment", .string)
            .field("appeal_reason", .string)
            .field("appealed_at", .datetime)
            .field("appeal_decided_by", .string)
            .field("appeal_decided_at", .datetime)
            .field("appeal_outcome", .string)
            .field("appeal_note", .string)
            .unique(on: "task_id")
            .unique(on: "external_id")
            .create()
        try await database.schema(ProjectModel.schema).field("scorecard", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "qa_reviews_attempt").on(QAReviewModel.schema).column("attempt_id").run()
        try await sql.create(index: "qa_tasks_inspector").on(QATaskModel.schema).column("inspector_id").column("reviewed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectModel.schema).deleteField("scorecard").update()
        try await database.schema(QAReviewModel.schema).delete()
        try await database.schema(QATaskModel.schema).delete()
        try await database.schema(ScorecardModel.schema).delete()
    }
}
