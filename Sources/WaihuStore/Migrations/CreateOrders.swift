import Fluent
import SQLKit

/// Orders (订单, METRICS.md §1.6): taken on an attempt, with an amount in cents and a status.
struct CreateOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrderModel.schema)
            .id()
            .field("number", .string, .required)
            .field("attempt_id", .uuid, .required, .references(CallAttemptModel.schema, "id"))
            .field("amount_cents", .int, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "number")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "orders_attempt").on(OrderModel.schema).column("attempt_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrderModel.schema).delete()
    }
}
