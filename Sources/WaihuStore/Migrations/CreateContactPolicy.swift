import Fluent
import SQLKit

/// Contact rules (versioned), call attempts, the decision log, and who removed a listing and why.
struct CreateContactPolicy: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ContactRuleSetModel.schema)
            .id()
            .field("project_id", .uuid, .references(ProjectModel.schema, "id"))
            .field("version", .int, .required)
            .field("rules", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "version")
            .create()
        try await database.schema(CallAttemptModel.schema)
            .id()
            .field("external_id", .string)
            .field("project_id", .uuid)
            .field("lead_id", .uuid)
            .field("phone", .string, .required)
            .field("agent_id", .uuid)
            .field("started_at", .datetime, .required)
            .field("answered_at", .datetime)
            .field("ended_at", .datetime)
            .field("prep_seconds", .int, .required)
            .field("talk_seconds", .int, .required)
            .field("acw_seconds", .int, .required)
            .field("disposition", .string)
            .field("product", .string)
            .field("test_call", .bool, .required)
            .field("in_progress", .bool, .required)
            .create()
        try await database.schema(PolicyDecisionModel.schema)
            .id()
            .field("lead_id", .uuid)
            .field("project_id", .uuid)
            .field("phone", .string, .required)
            .field("at", .datetime, .required)
            .field("allowed", .bool, .required)
            .field("reasons", .string, .required)
            .field("rule_version", .string, .required)
            .field("context", .string, .required)
            .create()
        // SQLite adds one column per ALTER TABLE.
        try await database.schema(DoNotCallModel.schema).field("removed_by", .string).update()
        try await database.schema(DoNotCallModel.schema).field("removal_reason", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        let indexes = [
            ("call_attempts_phone_started", CallAttemptModel.schema, ["phone", "started_at"]),
            ("call_attempts_lead", CallAttemptModel.schema, ["lead_id"]),
            ("call_attempts_project_started", CallAttemptModel.schema, ["project_id", "started_at"]),
            ("call_attempts_external", CallAttemptModel.schema, ["external_id"]),
            ("policy_decisions_lead_at", PolicyDecisionModel.schema, ["lead_id", "at"]),
            ("contact_rule_sets_project", ContactRuleSetModel.schema, ["project_id", "version"]),
            // A customer's history is also found by customer id, across projects.
            ("leads_customer", LeadModel.schema, ["customer_id"]),
        ]
        for (name, table, columns) in indexes {
            var builder = sql.create(index: name).on(table)
            for column in columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DoNotCallModel.schema).deleteField("removed_by").update()
        try await database.schema(DoNotCallModel.schema).deleteField("removal_reason").update()
        try await database.schema(PolicyDecisionModel.schema).delete()
        try await database.schema(CallAttemptModel.schema).delete()
        try await database.schema(ContactRuleSetModel.schema).delete()
    }
}
