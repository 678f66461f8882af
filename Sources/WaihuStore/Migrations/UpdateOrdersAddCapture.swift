import Fluent

/// What the agent captures with an order on the desk: the items (JSON), the delivery name, address and
/// phone, who took it and when the customer confirmed the product and the fee (二次确认). Imported
/// orders leave them empty.
struct UpdateOrdersAddCapture: AsyncMigration {
    static let fields: [(String, DatabaseSchema.DataType)] = [
        ("items", .string), ("delivery_name", .string), ("delivery_address", .string), ("delivery_phone", .string),
        ("agent_id", .uuid), ("confirmed_at", .datetime),
    ]

    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        for (name, type) in Self.fields {
            try await database.schema(OrderModel.schema).field(.string(name), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.fields {
            try await database.schema(OrderModel.schema).deleteField(.string(name)).update()
        }
    }
}
