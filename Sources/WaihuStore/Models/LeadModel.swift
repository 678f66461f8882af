import Fluent
import Foundation
import WaihuCore

/// One customer list import (批次) into a project.
public final class BatchModel: Model, @unchecked Sendable {
    public static let schema = "batches"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "file_name") public var fileName: String
    /// SHA-256 of the file, to notice the same file imported twice.
    @Field(key: "checksum") public var checksum: String
    @Field(key: "encoding") public var encoding: String
    /// JSON array: the file's header, the column order of rejected rows.
    @Field(key: "header") public var header: String
    @Field(key: "rows") public var rows: Int
    @Field(key: "accepted") public var accepted: Int
    @Field(key: "rejected") public var rejected: Int
    /// JSON object: rejection code → count.
    @Field(key: "rejected_by_reason") public var rejectedByReason: String
    @Field(key: "created_by") public var createdBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

/// A customer (客户) in a project, with its numbers in `lead_phones`.
/// Rejected rows are leads too: they count in the account size (METRICS.md §1.1).
public final class LeadModel: Model, @unchecked Sendable {
    public static let schema = "leads"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "batch_id") public var batchID: UUID
    @Field(key: "line") public var line: Int
    /// The customer's id in the file (客户编号); call records refer to it as `lead_id`.
    @OptionalField(key: "customer_id") public var customerID: String?
    @OptionalField(key: "name") public var name: String?
    @OptionalField(key: "region") public var region: String?
    /// The first callable number, normalised.
    @OptionalField(key: "phone") public var phone: String?
    /// JSON object of the file's other columns.
    @Field(key: "attributes") public var attributes: String
    /// Import rejection code, nil for a dialable lead.
    @OptionalField(key: "rejection") public var rejection: String?
    /// The stored `LeadStatus`; read and write `status`.
    @Field(key: "status") public var statusCode: String
    @OptionalField(key: "team_id") public var teamID: UUID?
    @OptionalField(key: "agent_id") public var agentID: UUID?
    @OptionalField(key: "allocated_at") public var allocatedAt: Date?
    /// Attempts made on this lead (圈数 used).
    @Field(key: "attempts") public var attempts: Int
    /// Not taken again before this instant; `deferral` says why (`LeadDeferral`).
    @OptionalField(key: "next_attempt_at") public var nextAttemptAt: Date?
    @OptionalField(key: "deferral") public var deferral: String?
    /// The disposition of its last attempt.
    @OptionalField(key: "last_disposition") public var lastDisposition: String?

    /// A new lead has had no attempt (a loaded one takes the stored count).
    public init() {
        attempts = 0
    }

    /// Where the lead stands, mapped once from what the store holds; an unknown value reads as `finished`.
    public var status: LeadStatus {
        get { LeadStatus(rawValue: statusCode) ?? .finished }
        set { statusCode = newValue.rawValue }
    }
}

/// A do-not-call list entry (禁止呼叫名单).
public final class DoNotCallModel: Model, @unchecked Sendable {
    public static let schema = "do_not_call"

    @ID(key: .id) public var id: UUID?
    @Field(key: "phone") public var phone: String
    /// `complaint`, `refused_calls`, `harassment`, `special`, `legal`.
    @Field(key: "reason") public var reason: String
    @Field(key: "source") public var source: String
    @Field(key: "added_by") public var addedBy: String
    @Field(key: "added_at") public var addedAt: Date
    /// Nil: permanent.
    @OptionalField(key: "expires_at") public var expiresAt: Date?
    /// Nil: every product.
    @OptionalField(key: "product") public var product: String?
    @OptionalField(key: "removed_at") public var removedAt: Date?
    @OptionalField(key: "removed_by") public var removedBy: String?
    @OptionalField(key: "removal_reason") public var removalReason: String?

    public init() {}
}
