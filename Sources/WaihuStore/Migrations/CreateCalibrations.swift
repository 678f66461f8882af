import Fluent

/// Calibration sessions (校准, issue 17): the calls several inspectors score blind, and each one's scores.
struct CreateCalibrations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CalibrationSessionModel.schema)
            .id()
            .field("name", .string, .required)
            .field("project_id", .uuid, .required, .references(ProjectModel.schema, "id"))
            .field("scorecard_code", .string, .required)
            .field("scorecard_version", .int, .required)
            .field("attempts", .string, .required)
            .field("inspectors", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("closed_at", .datetime)
            .create()
        try await database.schema(CalibrationScoreModel.schema)
            .id()
            .field("session_id", .uuid, .required, .references(CalibrationSessionModel.schema, "id"))
            .field("attempt_id", .uuid, .required, .references(CallAttemptModel.schema, "id"))
            .field("inspector", .string, .required)
            .field("marks", .string, .required)
            .field("items", .string, .required)
            .field("total", .int, .required)
            .field("scored_at", .datetime, .required)
            .unique(on: "session_id", "attempt_id", "inspector")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CalibrationScoreModel.schema).delete()
        try await database.schema(CalibrationSessionModel.schema).delete()
    }
}
