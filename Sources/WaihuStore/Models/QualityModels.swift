import Fluent
import Foundation
import WaihuCore

/// One version of a scorecard (`Scorecard` as JSON); the highest version of a code is in force.
public final class ScorecardModel: Model, @unchecked Sendable {
    public static let schema = "scorecards"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "version") public var version: Int
    @Field(key: "name") public var name: String
    @Field(key: "definition") public var definition: String
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var scorecard: Scorecard? { try? JSONDecoder().decode(Scorecard.self, from: Data(definition.utf8)) }
}

/// A call a sample chose, for one inspector to review; an attempt is sampled once, ever.
public final class QATaskModel: Model, @unchecked Sendable {
    public static let schema = "qa_tasks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "attempt_id") public var attemptID: UUID
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "inspector_id") public var inspectorID: UUID
    /// The plan as it was asked for, and its seed, for the record.
    @Field(key: "plan") public var plan: String
    @Field(key: "flagged") public var flagged: Bool
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "reviewed_at") public var reviewedAt: Date?

    public init() {}
}

/// A review (质检评分): the marks given, what they came to, and an appeal with its decision.
public final class QAReviewModel: Model, @unchecked Sendable {
    public static let schema = "qa_reviews"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "task_id") public var taskID: UUID?
    /// The review's id in another system, for an imported review.
    @OptionalField(key: "external_id") public var externalID: String?
    @Field(key: "attempt_id") public var attemptID: UUID
    @Field(key: "scorecard_code") public var scorecardCode: String
    @Field(key: "scorecard_version") public var scorecardVersion: Int
    @Field(key: "inspector") public var inspector: String
    @Field(key: "reviewed_at") public var reviewedAt: Date
    @Field(key: "score") public var score: Int
    /// A `ReviewGrade` raw value.
    @Field(key: "grade") public var grade: String
    /// The fatal items failed (JSON list of ids).
    @Field(key: "fatal") public var fatal: String
    /// The marks by item id (JSON of `ReviewScore.Mark`).
    @Field(key: "marks") public var marks: String
    @OptionalField(key: "comment") public var comment: String?
    @OptionalField(key: "appeal_reason") public var appealReason: String?
    @OptionalField(key: "appealed_at") public var appealedAt: Date?
    @OptionalField(key: "appeal_decided_by") public var appealDecidedBy: String?
    @OptionalField(key: "appeal_decided_at") public var appealDecidedAt: Date?
    /// An `AppealOutcome` raw value.
    @OptionalField(key: "appeal_outcome") public var appealOutcome: String?
    @OptionalField(key: "appeal_note") public var appealNote: String?

    public init() {}

    public var reviewGrade: ReviewGrade { ReviewGrade(rawValue: grade) ?? .qualified }
    public var fatalItems: [String] { (try? JSONDecoder().decode([String].self, from: Data(fatal.utf8))) ?? [] }
    public var itemMarks: [String: ReviewScore.Mark] {
        (try? JSONDecoder().decode([String: ReviewScore.Mark].self, from: Data(marks.utf8))) ?? [:]
    }
}

/// A finding of a review (`FindingCategory`), with when it was trained at a pre-shift meeting (RULES QL-01) and, for
/// bad attitude or profanity, the apology call-back a manager and the agent owe the customer (RULES QA-08).
public final class QAFindingModel: Model, @unchecked Sendable {
    public static let schema = "qa_findings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "review_id") public var reviewID: UUID
    @Field(key: "attempt_id") public var attemptID: UUID
    @OptionalField(key: "agent_id") public var agentID: UUID?
    @Field(key: "category") public var category: String
    @Field(key: "note") public var note: String
    @Field(key: "households") public var households: Int
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "trained_at") public var trainedAt: Date?
    @OptionalField(key: "trained_by") public var trainedBy: String?
    @Field(key: "apology_required") public var apologyRequired: Bool
    @OptionalField(key: "apology_done_at") public var apologyDoneAt: Date?
    @OptionalField(key: "apology_by") public var apologyBy: String?
    @OptionalField(key: "apology_note") public var apologyNote: String?

    public init() {}
}

/// A calibration session: its calls and inspectors (JSON lists), the scorecard version all score on; closed, its
/// report is open to all.
public final class CalibrationSessionModel: Model, @unchecked Sendable {
    public static let schema = "calibration_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "scorecard_code") public var scorecardCode: String
    @Field(key: "scorecard_version") public var scorecardVersion: Int
    @Field(key: "attempts") public var attemptsJSON: String
    @Field(key: "inspectors") public var inspectorsJSON: String
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "closed_at") public var closedAt: Date?

    public init() {}

    public var attempts: [UUID] { (try? JSONDecoder().decode([UUID].self, from: Data(attemptsJSON.utf8))) ?? [] }
    public var inspectors: [String] { (try? JSONDecoder().decode([String].self, from: Data(inspectorsJSON.utf8))) ?? [] }
}

/// One inspector's scoring of one call of a session: the marks, the item scores they came to, the total.
public final class CalibrationScoreModel: Model, @unchecked Sendable {
    public static let schema = "calibration_scores"

    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "attempt_id") public var attemptID: UUID
    @Field(key: "inspector") public var inspector: String
    @Field(key: "marks") public var marks: String
    @Field(key: "items") public var items: String
    @Field(key: "total") public var total: Int
    @Field(key: "scored_at") public var scoredAt: Date

    public init() {}

    public var itemScores: [String: Int] { (try? JSONDecoder().decode([String: Int].self, from: Data(items.utf8))) ?? [:] }
}

/// A spot check of a vendor's month (`SpotCheckKind`), and the vendor's acknowledgement and fix.
public final class SpotCheckModel: Model, @unchecked Sendable {
    public static let schema = "spot_checks"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "site_id") public var siteID: UUID
    @Field(key: "month") public var month: String
    @Field(key: "seed") public var seed: Int64
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "acknowledged_at") public var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") public var acknowledgedBy: String?
    @OptionalField(key: "fixed_at") public var fixedAt: Date?
    @OptionalField(key: "fixed_by") public var fixedBy: String?
    @OptionalField(key: "fix_note") public var fixNote: String?

    public init() {}
}

/// A call a spot check took: for a number audit the rules that would have refused it then (JSON list of messages,
/// empty when none), for a success verification the inspector's verdict and reason.
public final class SpotCheckItemModel: Model, @unchecked Sendable {
    public static let schema = "spot_check_items"

    @ID(key: .id) public var id: UUID?
    @Field(key: "check_id") public var checkID: UUID
    @Field(key: "attempt_id") public var attemptID: UUID
    @OptionalField(key: "violations") public var violations: String?
    @OptionalField(key: "rule_version") public var ruleVersion: String?
    @OptionalField(key: "verified") public var verified: Bool?
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "checked_by") public var checkedBy: String?
    @OptionalField(key: "checked_at") public var checkedAt: Date?

    public init() {}
}
