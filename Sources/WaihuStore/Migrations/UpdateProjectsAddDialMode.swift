import Fluent

/// Each project's dial mode (外拨模式): preview until a manager chooses progressive or predictive.
struct UpdateProjectsAddDialMode: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectModel.schema)
            .field("dial_mode", .string, .required, .sql(.default("preview")))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectModel.schema).deleteField("dial_mode").update()
    }
}
