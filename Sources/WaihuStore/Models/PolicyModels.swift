import Fluent
import Foundation

/// One version of the contact rules: the organisation's (no project) or a project's overrides.
/// Rows are only added; the newest of each scope is in force.
public final class ContactRuleSetModel: Model, @unchecked Sendable {
    public static let schema = "contact_rule_sets"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "project_id") public var projectID: UUID?
    /// Increases with every saved set, whatever its scope.
    @Field(key: "version") public var version: Int
    /// JSON: `ContactRules` for the organisation, `ContactRuleOverrides` for a project.
    @Field(key: "rules") public var rules: String
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A call attempt (外拨记录, METRICS.md §1.2): made through Waihu or imported from another system.
/// A reservation is an attempt in progress: it counts for the caps until it ends.
public final class CallAttemptModel: Model, @unchecked Sendable {
    public static let schema = "call_attempts"

    @ID(key: .id) public var id: UUID?
    /// The id in the system the record came from (`attempt_id` of an import).
    @OptionalField(key: "external_id") public var externalID: String?
    @OptionalField(key: "project_id") public var projectID: UUID?
    @OptionalField(key: "lead_id") public var leadID: UUID?
    /// The normalised number dialled.
    @Field(key: "phone") public var phone: String
    @OptionalField(key: "agent_id") public var agentID: UUID?
    @Field(key: "started_at") public var startedAt: Date
    @OptionalField(key: "answered_at") public var answeredAt: Date?
    @OptionalField(key: "ended_at") public var endedAt: Date?
    @Field(key: "prep_seconds") public var prepSeconds: Int
    @Field(key: "talk_seconds") public var talkSeconds: Int
    @Field(key: "acw_seconds") public var acwSeconds: Int
    @OptionalField(key: "disposition") public var disposition: String?
    @OptionalField(key: "product") public var product: String?
    /// A preview call the agent asked to dial, not yet placed by the dialer.
    @OptionalField(key: "dial_requested_at") public var dialRequestedAt: Date?
    /// The version of the project's script the agent worked with.
    @OptionalField(key: "script_version") public var scriptVersion: Int?
    /// Made while the project was in test calls (拨测): in no metric.
    @Field(key: "test_call") public var testCall: Bool
    /// Reserved and not yet ended.
    @Field(key: "in_progress") public var inProgress: Bool

    public init() {}
}

/// A contact-policy decision, appended for every check, reservation and dial.
public final class PolicyDecisionModel: Model, @unchecked Sendable {
    public static let schema = "policy_decisions"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "lead_id") public var leadID: UUID?
    @OptionalField(key: "project_id") public var projectID: UUID?
    @Field(key: "phone") public var phone: String
    @Field(key: "at") public var at: Date
    @Field(key: "allowed") public var allowed: Bool
    /// Comma-separated rule codes, empty when allowed.
    @Field(key: "reasons") public var reasons: String
    /// `org:3` or `org:3,project:7`.
    @Field(key: "rule_version") public var ruleVersion: String
    /// `check`, `reserve` or `dial`.
    @Field(key: "context") public var context: String

    public init() {}
}
