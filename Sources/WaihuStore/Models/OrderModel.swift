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
    /// The `OrderItem`s as JSON, for an order taken on the desk.
    @OptionalField(key: "items") public var items: String?
    @OptionalField(key: "delivery_name") public var deliveryName: String?
    @OptionalField(key: "delivery_address") public var deliveryAddress: String?
    /// Full digits; masked wherever shown.
    @OptionalField(key: "delivery_phone") public var deliveryPhone: String?
    @OptionalField(key: "agent_id") public var agentID: UUID?
    /// When the agent recorded that the customer confirmed the product name and the fee.
    @OptionalField(key: "confirmed_at") public var confirmedAt: Date?
    /// Why verification rejected it: an `OrderRejection` code, and the verifier's note.
    @OptionalField(key: "rejection_reason") public var rejectionReason: String?
    @OptionalField(key: "rejection_note") public var rejectionNote: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
