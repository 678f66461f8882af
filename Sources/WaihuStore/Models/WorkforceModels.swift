import Fluent
import Foundation

/// A named shift a site's rosters use (早班 09:00–18:00 with a 60-minute break …).
public final class ShiftTemplateModel: Model, @unchecked Sendable {
    public static let schema = "shift_templates"

    @ID(key: .id) public var id: UUID?
    @Field(key: "site_id") public var siteID: UUID
    @Field(key: "name") public var name: String
    /// `HH:MM`.
    @Field(key: "shift_start") public var start: String
    @Field(key: "shift_end") public var end: String
    @Field(key: "break_minutes") public var breakMinutes: Int

    public init() {}
}

/// A report the client asked a site for, due 24 hours later (RULES F 九.2).
public final class SubmissionRequestModel: Model, @unchecked Sendable {
    public static let schema = "submission_requests"

    @ID(key: .id) public var id: UUID?
    @Field(key: "site_id") public var siteID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "requested_at") public var requestedAt: Date
    @Field(key: "requested_by") public var requestedBy: String

    public init() {}
}

/// What a site submitted to its client (上报), stamped with the time it arrived; one per kind and period.
public final class SiteSubmissionModel: Model, @unchecked Sendable {
    public static let schema = "site_submissions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "site_id") public var siteID: UUID
    /// A `SubmissionKind` raw value.
    @Field(key: "kind") public var kind: String
    /// The day, month (`YYYY-MM`), week's Monday or request id it covers.
    @Field(key: "period") public var period: String
    @Field(key: "due_at") public var dueAt: Date
    @Field(key: "submitted_at") public var submittedAt: Date
    @Field(key: "submitted_by") public var submittedBy: String
    @Field(key: "file_name") public var fileName: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "body") public var body: Data
    @Field(key: "note") public var note: String

    public init() {}
}

/// A finding an inspector booked on a scorecard line, with its evidence.
public final class SiteFindingModel: Model, @unchecked Sendable {
    public static let schema = "site_findings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "site_id") public var siteID: UUID
    /// `一.1`, `七.1`, …
    @Field(key: "line") public var line: String
    @Field(key: "date") public var date: String
    @Field(key: "quantity") public var quantity: Int
    @Field(key: "note") public var note: String
    @Field(key: "evidence") public var evidence: String
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A team's meeting (班前会 or 服务质量分析会): when, who led it and whether the leader came late (RULES WF-28–WF-30, 九.1).
public final class TeamMeetingModel: Model, @unchecked Sendable {
    public static let schema = "team_meetings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "site_id") public var siteID: UUID
    @Field(key: "team_id") public var teamID: UUID
    /// A `MeetingKind` raw value.
    @Field(key: "kind") public var kind: String
    @Field(key: "date") public var date: String
    /// Local `HH:MM`.
    @Field(key: "started_at") public var startedAt: String
    @Field(key: "leader") public var leader: String
    @Field(key: "leader_late") public var leaderLate: Bool
    @Field(key: "note") public var note: String
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
