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
    /// A `ComplaintType` raw value.
    @Field(key: "type") public var type: String
    @OptionalField(key: "team_id") public var teamID: UUID?
    @OptionalField(key: "site_id") public var siteID: UUID?
    @OptionalField(key: "root_cause") public var rootCause: String?
    /// The steps done (JSON list of `Step`).
    @Field(key: "steps") public var stepsJSON: String
    @OptionalField(key: "compensation_cents") public var compensationCents: Int?

    public init() {
        type = "complaint"
        stepsJSON = "[]"
    }

    /// A workflow step done: which, by whom, when, with a note.
    public struct Step: Codable, Sendable, Equatable {
        public var step: String
        public var by: String
        public var at: Date
        public var note: String

        public init(step: String, by: String, at: Date, note: String) {
            self.step = step
            self.by = by
            self.at = at
            self.note = note
        }
    }

    public var steps: [Step] {
        get { (try? JSONDecoder().decode([Step].self, from: Data(stepsJSON.utf8))) ?? [] }
        set { stepsJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }
}
