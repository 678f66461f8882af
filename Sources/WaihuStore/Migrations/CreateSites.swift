import Fluent

struct CreateSites: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SiteModel.schema)
            .id()
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SiteModel.schema).delete()
    }
}
