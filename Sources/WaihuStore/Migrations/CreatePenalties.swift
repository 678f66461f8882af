import Fluent
import SQLKit

/// Review findings with their training and apology call-back (RULES QA-08, QL-01), the penalty and reward rules a
/// center changed from the shipped ones, and the ledger they book (issue 17, RULES B).
struct CreatePenalties: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(QAFindingModel.schema)
            .id()
            .field("review_id", .uuid, .required, .references(QAReviewModel.schema, "id"))
            .field("attempt_id", .uuid, .required, .references(CallAttemptModel.schema, "id"))
            .field("agent_id", .uuid, .references(AgentModel.schema, "id"))
            .field("category", .string, .required)
            .field("note", .string, .required)
            .field("households", .int, .required)
            .field("created_at", .datetime, .required)
            .field("trained_at", .datetime)
            .field("trained_by", .string)
            .field("apology_required", .bool, .required)
            .field("apology_done_at", .datetime)
            .field("apology_by", .string)
            .field("apology_note", .string)
            .unique(on: "review_id", "category")
            .create()
        try await database.schema(PenaltyRuleModel.schema)
            .id()
            .field("code", .string, .required)
            .field("definition", .string, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "code")
            .create()
        try await database.schema(PenaltyEntryModel.schema)
            .id()
            .field("rule_code", .string, .required)
            .field("rule_name_zh", .string, .required)
            .field("rule_name_en", .string, .required)
            .field("ledger", .string, .required)
            .field("subject_kind", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("subject_name", .string, .required)
            .field("site_id", .uuid)
            .field("team_id", .uuid)
            .field("month", .string, .required)
            .field("amount", .double, .required)
            .field("occurrence", .int, .required)
            .field("occurred_at", .datetime, .required)
            .field("booked_at", .datetime, .required)
            .field("booked_by", .string, .required)
            .field("source", .string, .required)
            .field("source_id", .string)
            .field("attempt_id", .uuid)
            .field("evidence", .string, .required)
            .field("voided_at", .datetime)
            .field("voided_by", .string)
            .field("void_reason", .string)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "penalty_entries_month").on(PenaltyEntryModel.schema).column("month").column("subject_kind").run()
        try await sql.create(index: "penalty_entries_source").on(PenaltyEntryModel.schema).column("source").column("source_id").run()
        try await sql.create(index: "qa_findings_attempt").on(QAFindingModel.schema).column("attempt_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PenaltyEntryModel.schema).delete()
        try await database.schema(PenaltyRuleModel.schema).delete()
        try await database.schema(QAFindingModel.schema).delete()
    }
}
