import Fluent

/// How many days recordings are kept (90 by default, never fewer: RULES RC-01).
struct UpdateOrganisationAddRecordingRetention: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrganisationModel.schema).field("recording_retention_days", .int, .required, .sql(.default(90))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganisationModel.schema).deleteField("recording_retention_days").update()
    }
}
