import Fluent
import Foundation
import WaihuCore

/// A penalty or reward rule as a center saved it (`PenaltyRule` as JSON); replaces the shipped rule of its code.
public final class PenaltyRuleModel: Model, @unchecked Sendable {
    public static let schema = "penalty_rules"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "definition") public var definition: String
    @Field(key: "updated_by") public var updatedBy: String
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public var rule: PenaltyRule? { try? JSONDecoder().decode(PenaltyRule.self, from: Data(definition.utf8)) }
}

/// One line of the penalty and reward ledger (奖惩台账): a rule booked on a subject, with its evidence; voided,
/// never deleted, when an appeal or a judgement takes its cause away.
public final class PenaltyEntryModel: Model, @unchecked Sendable {
    public static let schema = "penalty_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "rule_code") public var ruleCode: String
    @Field(key: "rule_name_zh") public var ruleNameZh: String
    @Field(key: "rule_name_en") public var ruleNameEn: String
    /// A `PenaltyLedger` raw value.
    @Field(key: "ledger") public var ledger: String
    /// A `PenaltySubject` raw value.
    @Field(key: "subject_kind") public var subjectKind: String
    @Field(key: "subject_id") public var subjectID: UUID
    @Field(key: "subject_name") public var subjectName: String
    /// The site and team of the call or agent, for who may read the entry.
    @OptionalField(key: "site_id") public var siteID: UUID?
    @OptionalField(key: "team_id") public var teamID: UUID?
    /// The organisation's month of the occurrence, `YYYY-MM`.
    @Field(key: "month") public var month: String
    @Field(key: "amount") public var amount: Double
    /// The how-many-th of its rule on its subject in the month.
    @Field(key: "occurrence") public var occurrence: Int
    @Field(key: "occurred_at") public var occurredAt: Date
    @Field(key: "booked_at") public var bookedAt: Date
    @Field(key: "booked_by") public var bookedBy: String
    /// `review`, `finding`, `complaint` or `manual`.
    @Field(key: "source") public var source: String
    @OptionalField(key: "source_id") public var sourceID: String?
    @OptionalField(key: "attempt_id") public var attemptID: UUID?
    @Field(key: "evidence") public var evidence: String
    @OptionalField(key: "voided_at") public var voidedAt: Date?
    @OptionalField(key: "voided_by") public var voidedBy: String?
    @OptionalField(key: "void_reason") public var voidReason: String?

    public init() {}
}
