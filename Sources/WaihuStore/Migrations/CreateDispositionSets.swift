import Fluent

/// Each project's dispositions (结果代码), kept as one JSON document replaced whole.
struct CreateDispositionSets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DispositionSetModel.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ProjectModel.schema, "id"))
            .field("dispositions", .string, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "project_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DispositionSetModel.schema).delete()
    }
}
