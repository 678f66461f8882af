import Fluent

/// Who may decide at each level of a vendor exit and approve price lists (issue 18 items 6 and 7): the users named per
/// level; a level with none named is open to every manager.
struct CreateApprovers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ApproverModel.schema)
            .id()
            .field("level", .string, .required)
            .field("username", .string, .required)
            .unique(on: "level", "username")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApproverModel.schema).delete()
    }
}
