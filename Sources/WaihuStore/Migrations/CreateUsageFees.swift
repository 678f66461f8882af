import Fluent
import SQLKit

/// The usage fees billed to customers a vendor acquired (RULES E-06), imported per project and month from billing.
struct CreateUsageFees: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UsageFeeModel.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ProjectModel.schema, "id"))
            .field("month", .string, .required)
            .field("phone", .string, .required)
            .field("vendor_id", .uuid, .required, .references(VendorModel.schema, "id"))
            .field("fee_fen", .int, .required)
            .field("imported_by", .string, .required)
            .field("imported_at", .datetime, .required)
            .unique(on: "project_id", "month", "phone")
            .create()
        try await StoreSQL.sql(database).create(index: "usage_fees_vendor_month").on(UsageFeeModel.schema).column("vendor_id").column("month").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UsageFeeModel.schema).delete()
    }
}
