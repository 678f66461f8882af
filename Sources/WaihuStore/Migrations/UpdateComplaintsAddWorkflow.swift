import Fluent
import SQLKit

/// Complaints as a workflow (issue 17, RULES B.2): complaint or suggestion, the team and site of the agent, the
/// root cause, each step with who and when (JSON), the compensation paid; the organisation's deadlines for the first
/// feedback and the result. Existing complaints are complaints; a judged one counts as classified and judged.
struct UpdateComplaintsAddWorkflow: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds one per statement.
        let complaints = { database.schema(ComplaintModel.schema) }
        try await complaints().field("type", .string, .required, .sql(.default("complaint"))).update()
        try await complaints().field("team_id", .uuid).update()
        try await complaints().field("site_id", .uuid).update()
        try await complaints().field("root_cause", .string).update()
        try await complaints().field("steps", .string, .required, .sql(.default("[]"))).update()
        try await complaints().field("compensation_cents", .int).update()
        try await database.schema(OrganisationModel.schema).field("complaint_feedback_hours", .int, .required, .sql(.default(24))).update()
        try await database.schema(OrganisationModel.schema).field("complaint_result_days", .int, .required, .sql(.default(5))).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            UPDATE complaints SET site_id = (SELECT site_id FROM agents WHERE agents.id = complaints.agent_id),
                                  team_id = (SELECT team_id FROM agents WHERE agents.id = complaints.agent_id)
            WHERE agent_id IS NOT NULL
            """).run()
    }

    func revert(on database: any Database) async throws {
        for name in ["complaint_feedback_hours", "complaint_result_days"] {
            try await database.schema(OrganisationModel.schema).deleteField(FieldKey(stringLiteral: name)).update()
        }
        for name in ["type", "team_id", "site_id", "root_cause", "steps", "compensation_cents"] {
            try await database.schema(ComplaintModel.schema).deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}
