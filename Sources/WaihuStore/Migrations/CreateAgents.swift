import Fluent

struct CreateAgents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AgentModel.schema)
            .id()
            .field("number", .string, .required)
            .field("name", .string, .required)
            .field("skill", .string, .required)
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .field("team_id", .uuid, .references(TeamModel.schema, "id"))
            .field("hired_on", .string, .required)
            .field("left_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AgentModel.schema).delete()
    }
}
