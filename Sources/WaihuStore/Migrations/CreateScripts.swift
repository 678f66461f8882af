import Fluent
import SQLKit

/// Projects' scripts, one row per version (the highest is in force); the answers of each attempt's
/// questionnaire; the script version an attempt was made with; a project's wrap-up limit (后处理时限,
/// 120 s by default) after which an agent in after-call work is made ready.
struct CreateScripts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ScriptModel.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ProjectModel.schema, "id"))
            .field("version", .int, .required)
            .field("content", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "project_id", "version")
            .create()
        try await database.schema(AttemptAnswersModel.schema)
            .id()
            .field("attempt_id", .uuid, .required, .references(CallAttemptModel.schema, "id"))
            .field("project_id", .uuid, .required)
            .field("script_version", .int)
            .field("answers", .string, .required)
            .field("answered_at", .datetime, .required)
            .unique(on: "attempt_id")
            .create()
        try await database.schema(CallAttemptModel.schema).field("script_version", .int).update()
        try await database.schema(ProjectModel.schema).field("wrap_up_seconds", .int, .required, .sql(.default(120))).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "attempt_answers_project").on(AttemptAnswersModel.schema).column("project_id").column("answered_at").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.drop(index: "attempt_answers_project").run() }
        try await database.schema(ProjectModel.schema).deleteField("wrap_up_seconds").update()
        try await database.schema(CallAttemptModel.schema).deleteField("script_version").update()
        try await database.schema(AttemptAnswersModel.schema).delete()
        try await database.schema(ScriptModel.schema).delete()
    }
}
