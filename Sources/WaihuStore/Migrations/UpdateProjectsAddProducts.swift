import Fluent

/// Each project's product list with prices (`ProductList` as JSON); empty: the agent types products and prices.
struct UpdateProjectsAddProducts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectModel.schema).field("products", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectModel.schema).deleteField("products").update()
    }
}
