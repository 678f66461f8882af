import Fluent

/// A contract's service-quality table (RULES E-03): `[QualityBand]` as JSON, empty for none.
struct UpdateVendorContractsAddQualityBands: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(VendorContractModel.schema).field("quality_bands", .string, .required, .sql(.default("[]"))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(VendorContractModel.schema).deleteField("quality_bands").update()
    }
}
