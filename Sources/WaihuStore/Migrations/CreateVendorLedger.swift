import Fluent

/// A vendor's deposit, franchise fee and points movements (issue 18, RULES D-13, D-16, D-44, E-09, E-14), and what a
/// point is worth when redeemed (¥1 by default).
struct CreateVendorLedger: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(VendorLedgerModel.schema)
            .id()
            .field("vendor_id", .uuid, .required, .references(VendorModel.schema, "id"))
            .field("kind", .string, .required)
            .field("amount", .int, .required)
            .field("fen", .int, .required)
            .field("day", .string, .required)
            .field("month", .string)
            .field("note", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await database.schema(OrganisationModel.schema).field("vendor_point_fen", .int, .required, .sql(.default(100))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganisationModel.schema).deleteField("vendor_point_fen").update()
        try await database.schema(VendorLedgerModel.schema).delete()
    }
}
