import FluentKit
import Foundation

/// A business announcement (业务公告) published to a site's agents (RULES WF-40, WF-41).
public final class AnnouncementModel: Model, @unchecked Sendable {
    public static let schema = "announcements"

    @ID(key: .id) public var id: UUID?
    @Field(key: "site_id") public var siteID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "body") public var body: String
    @Field(key: "published_at") public var publishedAt: Date
    @Field(key: "published_by") public var publishedBy: String

    public init() {}
}

/// An agent's read receipt of an announcement, from the desk.
public final class AnnouncementReadModel: Model, @unchecked Sendable {
    public static let schema = "announcement_reads"

    @ID(key: .id) public var id: UUID?
    @Field(key: "announcement_id") public var announcementID: UUID
    @Field(key: "agent_id") public var agentID: UUID
    @Field(key: "read_at") public var readAt: Date

    public init() {}
}

/// An announcement passed on at a team's pre-shift meeting.
public final class AnnouncementBriefingModel: Model, @unchecked Sendable {
    public static let schema = "announcement_briefings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "announcement_id") public var announcementID: UUID
    @Field(key: "meeting_id") public var meetingID: UUID

    public init() {}
}

/// A training session (培训) held at a site, for one team or the whole site.
public final class TrainingSessionModel: Model, @unchecked Sendable {
    public static let schema = "training_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "site_id") public var siteID: UUID
    @OptionalField(key: "team_id") public var teamID: UUID?
    @Field(key: "date") public var date: String
    @Field(key: "topic") public var topic: String
    /// `TrainingStage`, `TrainingLevel` and `TrainingFormat` raw values.
    @Field(key: "stage") public var stage: String
    @Field(key: "level") public var level: String
    @Field(key: "format") public var format: String
    @Field(key: "minutes") public var minutes: Int
    @Field(key: "trainer") public var trainer: String
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// An agent who attended a session, with the assessment score when one was given (0–100).
public final class TrainingAttendeeModel: Model, @unchecked Sendable {
    public static let schema = "training_attendees"

    @ID(key: .id) public var id: UUID?
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "agent_id") public var agentID: UUID
    @OptionalField(key: "score") public var score: Double?

    public init() {}
}

/// One agent's answer to a question asked at a pre-shift meeting (RULES WF-42).
public final class QuizAnswerModel: Model, @unchecked Sendable {
    public static let schema = "quiz_answers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "site_id") public var siteID: UUID
    @Field(key: "team_id") public var teamID: UUID
    @Field(key: "date") public var date: String
    @Field(key: "question") public var question: String
    @Field(key: "agent_id") public var agentID: UUID
    @Field(key: "correct") public var correct: Bool
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}
}
