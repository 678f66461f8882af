import Fluent

/// Which `waihu serve` process dials for a project: one holder at a time, renewed every second and
/// taken over when it lapses, so several processes on one database never dial a project twice.
struct CreateDialerLeases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dialer_leases")
            .field("project_id", .uuid, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("expires_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dialer_leases").delete()
    }
}
