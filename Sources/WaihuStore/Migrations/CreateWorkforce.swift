import Fluent
import SQLKit

/// Rosters with shifts and leave, shift templates, what sites submit to their client and when, the
/// client's ad-hoc requests, the inspectors' scorecard findings and the teams' meetings (issue 19, RULES C and F).
struct CreateWorkforce: AsyncMigration {
    static let scheduleColumns: [(String, DatabaseSchema.DataType)] = [
        ("shift_start", .string), ("shift_end", .string), ("break_minutes", .int), ("leave", .string),
    ]
    static let organisationColumns: [(String, DatabaseSchema.DataType, Int)] = [
        ("late_grace_seconds", .int, 0), ("scorecard_base", .int, 100),
    ]

    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        for (name, type) in Self.scheduleColumns {
            try await database.schema(WorkScheduleModel.schema).field(.string(name), type).update()
        }
        for (name, type, value) in Self.organisationColumns {
            try await database.schema(OrganisationModel.schema).field(.string(name), type, .required, .sql(.default(value))).update()
        }
        try await database.schema(SiteModel.schema).field("submissions_from", .string).update()
        try await database.schema(ShiftTemplateModel.schema)
            .id()
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .field("name", .string, .required)
            .field("shift_start", .string, .required)
            .field("shift_end", .string, .required)
            .field("break_minutes", .int, .required)
            .unique(on: "site_id", "name")
            .create()
        try await database.schema(SubmissionRequestModel.schema)
            .id()
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .field("title", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("requested_by", .string, .required)
            .create()
        try await database.schema(SiteSubmissionModel.schema)
            .id()
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .field("kind", .string, .required)
            .field("period", .string, .required)
            .field("due_at", .datetime, .required)
            .field("submitted_at", .datetime, .required)
            .field("submitted_by", .string, .required)
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("body", .data, .required)
            .field("note", .string, .required)
            .unique(on: "site_id", "kind", "period")
            .create()
        try await database.schema(SiteFindingModel.schema)
            .id()
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .field("line", .string, .required)
            .field("date", .string, .required)
            .field("quantity", .int, .required)
            .field("note", .string, .required)
            .field("evidence", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(TeamMeetingModel.schema)
            .id()
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .field("team_id", .uuid, .required, .references(TeamModel.schema, "id"))
            .field("kind", .string, .required)
            .field("date", .string, .required)
            .field("started_at", .string, .required)
            .field("leader", .string, .required)
            .field("leader_late", .bool, .required)
            .field("note", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "team_id", "kind", "date")
            .create()
        let sql = try StoreSQL.sql(database)
        try await sql.create(index: "site_findings_site_date").on(SiteFindingModel.schema).column("site_id").column("date").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [TeamMeetingModel.schema, SiteFindingModel.schema, SiteSubmissionModel.schema, SubmissionRequestModel.schema, ShiftTemplateModel.schema] {
            try await database.schema(schema).delete()
        }
        try await database.schema(SiteModel.schema).deleteField("submissions_from").update()
        for (name, _, _) in Self.organisationColumns {
            try await database.schema(OrganisationModel.schema).deleteField(.string(name)).update()
        }
        for (name, _) in Self.scheduleColumns {
            try await database.schema(WorkScheduleModel.schema).deleteField(.string(name)).update()
        }
    }
}
