import Fluent
import SQLKit

/// The monthly spot checks of a vendor (issue 17, RULES SM-02, SM-04): number audits and success verifications,
/// with the calls each took, what each found, and the vendor's acknowledgement and fix.
struct CreateSpotChecks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SpotCheckModel.schema)
            .id()
            .field("kind", .string, .required)
            .field("site_id", .uuid, .required, .references(SiteModel.schema, "id"))
            .field("month", .string, .required)
            .field("seed", .int64, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("acknowledged_at", .datetime)
            .field("acknowledged_by", .string)
            .field("fixed_at", .datetime)
            .field("fixed_by", .string)
            .field("fix_note", .string)
            .create()
        try await database.schema(SpotCheckItemModel.schema)
            .id()
            .field("check_id", .uuid, .required, .references(SpotCheckModel.schema, "id"))
            .field("attempt_id", .uuid, .required, .references(CallAttemptModel.schema, "id"))
            .field("violations", .string)
            .field("rule_version", .string)
            .field("verified", .bool)
            .field("reason", .string)
            .field("checked_by", .string)
            .field("checked_at", .datetime)
            .unique(on: "check_id", "attempt_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "spot_check_items_attempt").on(SpotCheckItemModel.schema).column("attempt_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SpotCheckItemModel.schema).delete()
        try await database.schema(SpotCheckModel.schema).delete()
    }
}
