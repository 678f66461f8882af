import Fluent
import SQLKit

/// Who a lead's booked callback is for (`own` or `anyone`), and after how many minutes a project's
/// overdue own callbacks pass to any of its agents (30 by default).
struct UpdateLeadsAddCallbackOwner: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LeadModel.schema).field("callback_owner", .string).update()
        try await database.schema(ProjectModel.schema).field("callback_pass_minutes", .int, .required, .sql(.default(30))).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "leads_project_deferral").on(LeadModel.schema).column("project_id").column("deferral").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.drop(index: "leads_project_deferral").run() }
        try await database.schema(LeadModel.schema).deleteField("callback_owner").update()
        try await database.schema(ProjectModel.schema).deleteField("callback_pass_minutes").update()
    }
}
