import Fluent
import Foundation

/// A customer complaint (客户投诉): channel, kind, validity once judged, the call and agent it is about.
public final class ComplaintModel: Model, @unchecked Sendable {
    public static let schema = "complaints"

    @ID(key: .id) public var id: UUID?
    /// The complaining customer's number, normalised.
    @Field(key: "phone") public var phone: String
    @Field(key: "channel") public var channel: String
    @Field(key: "kind") public var kind: String
    /// Nil until judged.
    @OptionalField(key: "valid") public var valid: Bool?
    @OptionalField(key: "attempt_id") public var attemptID: UUID?
    @OptionalField(key: "agent_id") public var agentID: UUID?
    @OptionalField(key: "project_id") public var projectID: UUID?
    @Field(key: "note") public var note: String
    @Field(key: "registered_by") public var registeredBy: String
    @Field(key: "registered_at") public var registeredAt: Date
    @OptionalField(key: "judged_by") public var judgedBy: String?
    @OptionalField(key: "judged_at") public var judgedAt: Date?

    public init() {}
}
