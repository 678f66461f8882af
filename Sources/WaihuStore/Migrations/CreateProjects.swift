import Fluent

struct CreateProjects: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectModel.schema)
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("type", .string, .required)
            .field("status", .string, .required)
            .field("target", .int)
            .field("time_zone", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema(ProjectSiteModel.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ProjectModel.schema, "id", onDelete: .cascade))
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .unique(on: "project_id", "site_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectSiteModel.schema).delete()
        try await database.schema(ProjectModel.schema).delete()
    }
}
