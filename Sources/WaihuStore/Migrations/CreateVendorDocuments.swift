import Fluent

/// The files a vendor keeps on file: licence, annual check, NDA, contract, other papers (issue 18 item 1).
struct CreateVendorDocuments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(VendorDocumentModel.schema)
            .id()
            .field("vendor_id", .uuid, .required, .references(VendorModel.schema, "id"))
            .field("kind", .string, .required)
            .field("valid_until", .string)
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("body", .data, .required)
            .field("size", .int, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(VendorDocumentModel.schema).delete()
    }
}
