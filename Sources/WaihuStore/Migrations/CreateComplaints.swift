import Fluent
import SQLKit

/// Customer complaints, with the call and agent they are about.
struct CreateComplaints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ComplaintModel.schema)
            .id()
            .field("phone", .string, .required)
            .field("channel", .string, .required)
            .field("kind", .string, .required)
            .field("valid", .bool)
            .field("attempt_id", .uuid)
            .field("agent_id", .uuid)
            .field("project_id", .uuid)
            .field("note", .string, .required)
            .field("registered_by", .string, .required)
            .field("registered_at", .datetime, .required)
            .field("judged_by", .string)
            .field("judged_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "complaints_registered").on(ComplaintModel.schema).column("registered_at").run()
        try await sql.create(index: "complaints_phone").on(ComplaintModel.schema).column("phone").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ComplaintModel.schema).delete()
    }
}
