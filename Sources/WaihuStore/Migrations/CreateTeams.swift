import Fluent

struct CreateTeams: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TeamModel.schema)
            .id()
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .field("name", .string, .required)
            .field("supervisor_id", .uuid, .references(UserModel.schema, "id"))
            .field("created_at", .datetime)
            .unique(on: "site_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TeamModel.schema).delete()
    }
}
