import Fluent

/// Generated reports (日报、月报), kept whole: one per kind and period.
struct CreateReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReportModel.schema)
            .id()
            .field("kind", .string, .required)
            .field("period", .string, .required)
            .field("generated_at", .datetime, .required)
            .field("content", .string, .required)
            .unique(on: "kind", "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReportModel.schema).delete()
    }
}
