import Fluent
import Foundation
import WaihuCore

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
    /// The confirmation read back on the desk: a `PaymentMethod` raw value, the `ReadBackItem`s agreed (JSON).
    @OptionalField(key: "payment_method") public var paymentMethod: String?
    @OptionalField(key: "read_back") public var readBack: String?
    /// The verifier's flag that the order is shaky, and the supervisor's re-confirmation (`ReconfirmOutcome`).
    @OptionalField(key: "reconfirm_flagged_at") public var reconfirmFlaggedAt: Date?
    @OptionalField(key: "reconfirm_note") public var reconfirmNote: String?
    @OptionalField(key: "reconfirmed_at") public var reconfirmedAt: Date?
    @OptionalField(key: "reconfirm_outcome") public var reconfirmOutcome: String?
    @OptionalField(key: "tracking_number") public var trackingNumber: String?
    @OptionalField(key: "shipped_at") public var shippedAt: Date?
    /// A sign dispute (签收异议) and how it ended (`DisputeOutcome`).
    @OptionalField(key: "dispute_at") public var disputeAt: Date?
    @OptionalField(key: "dispute_note") public var disputeNote: String?
    @OptionalField(key: "dispute_outcome") public var disputeOutcome: String?
    @OptionalField(key: "dispute_closed_at") public var disputeClosedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

extension OrderModel {
    /// Where the order stands beyond its status.
    public var followUp: OrderFollowUp {
        OrderFollowUp(status: OrderStatus(rawValue: status) ?? .pending,
                      reconfirmationPending: reconfirmFlaggedAt != nil && reconfirmedAt == nil,
                      disputeOpen: disputeAt != nil && disputeClosedAt == nil)
    }

    /// The items taken (none for an imported order).
    public var orderItems: [OrderItem] {
        items.flatMap { try? JSONDecoder().decode([OrderItem].self, from: Data($0.utf8)) } ?? []
    }
}
