import Fluent
import Foundation

/// An order (订单) taken on a call attempt; `number` is its id in the business (unique).
public final class OrderModel: Model, @unchecked Sendable {
    public static let schema = "orders"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "attempt_id") public var attemptID: UUID
    /// In cents (分).
    @Field(key: "amount_cents") public var amountCents: Int
    /// An `OrderStatus` raw value.
    @Field(key: "status") public var status: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
