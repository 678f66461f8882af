import Fluent
import SQLKit

struct CreateLeads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BatchModel.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ProjectModel.schema, "id"))
            .field("file_name", .string, .required)
            .field("checksum", .string, .required)
            .field("encoding", .string, .required)
            .field("header", .string, .required)
            .field("rows", .int, .required)
            .field("accepted", .int, .required)
            .field("rejected", .int, .required)
            .field("rejected_by_reason", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(LeadModel.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ProjectModel.schema, "id"))
            .field("batch_id", .uuid, .required, .references(BatchModel.schema, "id"))
            .field("line", .int, .required)
            .field("customer_id", .string)
            .field("name", .string)
            .field("region", .string)
            .field("phone", .string)
            .field("attributes", .string, .required)
            .field("rejection", .string)
            .field("status", .string, .required)
            .field("team_id", .uuid)
            .field("agent_id", .uuid)
            .field("allocated_at", .datetime)
            .create()
        try await database.schema("lead_phones")
            .field("lead_id", .uuid, .required, .references(LeadModel.schema, "id", onDelete: .cascade))
            .field("project_id", .uuid, .required)
            .field("phone", .string, .required)
            .field("position", .int, .required)
            .create()
        try await database.schema(DoNotCallModel.schema)
            .id()
            .field("phone", .string, .required)
            .field("reason", .string, .required)
            .field("source", .string, .required)
            .field("added_by", .string, .required)
            .field("added_at", .datetime, .required)
            .field("expires_at", .datetime)
            .field("product", .string)
            .field("removed_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        let indexes = [
            ("batches_project_checksum", BatchModel.schema, ["project_id", "checksum"]),
            ("leads_project_status", LeadModel.schema, ["project_id", "status"]),
            ("leads_project_customer", LeadModel.schema, ["project_id", "customer_id"]),
            ("leads_batch", LeadModel.schema, ["batch_id"]),
            ("lead_phones_phone", "lead_phones", ["phone"]),
            ("lead_phones_project_phone", "lead_phones", ["project_id", "phone"]),
            ("lead_phones_lead", "lead_phones", ["lead_id"]),
            ("do_not_call_phone", DoNotCallModel.schema, ["phone"]),
        ]
        for (name, table, columns) in indexes {
            var builder = sql.create(index: name).on(table)
            for column in columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DoNotCallModel.schema).delete()
        try await database.schema("lead_phones").delete()
        try await database.schema(LeadModel.schema).delete()
        try await database.schema(BatchModel.schema).delete()
    }
}
