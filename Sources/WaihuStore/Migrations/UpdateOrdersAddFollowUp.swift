import Fluent
import SQLKit

/// The confirmation read back on the desk (payment method, the lines agreed), the verifier's flag for a
/// re-confirmation and the supervisor's outcome, the tracking number on shipping and the sign dispute.
/// The kept day cells are dropped: they now hold the signed amount too, and are built again when asked for.
/// A rejection coded `customer_denied` is `denies_ordering` now.
struct UpdateOrdersAddFollowUp: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("payment_method", .string), ("read_back", .string),
        ("reconfirm_flagged_at", .datetime), ("reconfirm_note", .string), ("reconfirmed_at", .datetime), ("reconfirm_outcome", .string),
        ("tracking_number", .string), ("shipped_at", .datetime),
        ("dispute_at", .datetime), ("dispute_note", .string), ("dispute_outcome", .string), ("dispute_closed_at", .datetime),
    ]

    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        for (name, type) in Self.columns {
            try await database.schema(OrderModel.schema).field(.string(name), type).update()
        }
        let sql = try StoreSQL.sql(database)
        try await sql.update(OrderModel.schema).set("rejection_reason", to: SQLBind("denies_ordering"))
            .where("rejection_reason", .equal, SQLBind("customer_denied")).run()
        try await sql.delete(from: "metric_day_cells").run()
        try await sql.delete(from: "metric_days").run()
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.columns {
            try await database.schema(OrderModel.schema).deleteField(.string(name)).update()
        }
    }
}
