import Fluent

/// Each project's target per agent and day (每人每日目标), in completed accounts: shown on the desk beside the
/// agent's progress. Empty: no daily target.
struct UpdateProjectsAddDailyTarget: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectModel.schema).field("daily_target", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectModel.schema).deleteField("daily_target").update()
    }
}
