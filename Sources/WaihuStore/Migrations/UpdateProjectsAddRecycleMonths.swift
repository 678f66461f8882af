import Fluent
import SQLKit

/// Each project's recycling period (数据回收期) in months, 10 by default (seed 003 数据管理 4),
/// and indexes for finding the leads a team or an agent holds — an agent's in file order, as a
/// reservation takes them.
struct UpdateProjectsAddRecycleMonths: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectModel.schema)
            .field("recycle_months", .int, .required, .sql(.default(10)))
            .update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "leads_project_agent").on(LeadModel.schema)
            .column("project_id").column("agent_id").column("status").column("line").run()
        try await sql.create(index: "leads_project_team").on(LeadModel.schema).column("project_id").column("team_id").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "leads_project_agent").run()
            try await sql.drop(index: "leads_project_team").run()
        }
        try await database.schema(ProjectModel.schema).deleteField("recycle_months").update()
    }
}
