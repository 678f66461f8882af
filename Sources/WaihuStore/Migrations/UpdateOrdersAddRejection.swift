import Fluent

/// Why a verifier rejected an order: an `OrderRejection` code and the verifier's note.
struct UpdateOrdersAddRejection: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        try await database.schema(OrderModel.schema).field("rejection_reason", .string).update()
        try await database.schema(OrderModel.schema).field("rejection_note", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrderModel.schema).deleteField("rejection_reason").update()
        try await database.schema(OrderModel.schema).deleteField("rejection_note").update()
    }
}
