import Fluent
import SQLKit

/// Announcements with the agents' read receipts and the meetings that passed them on, training sessions with their
/// attendees' scores, and pre-shift quiz answers (issue 19 item 4, RULES WF-36 … WF-43).
struct CreateTraining: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AnnouncementModel.schema)
            .id()
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .string, .required)
            .create()
        try await database.schema(AnnouncementReadModel.schema)
            .id()
            .field("announcement_id", .uuid, .required, .references(AnnouncementModel.schema, "id"))
            .field("agent_id", .uuid, .required, .references(AgentModel.schema, "id"))
            .field("read_at", .datetime, .required)
            .unique(on: "announcement_id", "agent_id")
            .create()
        try await database.schema(AnnouncementBriefingModel.schema)
            .id()
            .field("announcement_id", .uuid, .required, .references(AnnouncementModel.schema, "id"))
            .field("meeting_id", .uuid, .required, .references(TeamMeetingModel.schema, "id"))
            .unique(on: "meeting_id", "announcement_id")
            .create()
        try await database.schema(TrainingSessionModel.schema)
            .id()
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .field("team_id", .uuid, .references(TeamModel.schema, "id"))
            .field("date", .string, .required)
            .field("topic", .string, .required)
            .field("stage", .string, .required)
            .field("level", .string, .required)
            .field("format", .string, .required)
            .field("minutes", .int, .required)
            .field("trainer", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(TrainingAttendeeModel.schema)
            .id()
            .field("session_id", .uuid, .required, .references(TrainingSessionModel.schema, "id"))
            .field("agent_id", .uuid, .required, .references(AgentModel.schema, "id"))
            .field("score", .double)
            .unique(on: "session_id", "agent_id")
            .create()
        try await database.schema(QuizAnswerModel.schema)
            .id()
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .field("team_id", .uuid, .required, .references(TeamModel.schema, "id"))
            .field("date", .string, .required)
            .field("question", .string, .required)
            .field("agent_id", .uuid, .required, .references(AgentModel.schema, "id"))
            .field("correct", .bool, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        let sql = try StoreSQL.sql(database)
        try await sql.create(index: "announcements_site_published").on(AnnouncementModel.schema).column("site_id").column("published_at").run()
        try await sql.create(index: "training_sessions_site_date").on(TrainingSessionModel.schema).column("site_id").column("date").run()
        try await sql.create(index: "quiz_answers_site_date").on(QuizAnswerModel.schema).column("site_id").column("date").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [QuizAnswerModel.schema, TrainingAttendeeModel.schema, TrainingSessionModel.schema, AnnouncementBriefingModel.schema,
                       AnnouncementReadModel.schema, AnnouncementModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
