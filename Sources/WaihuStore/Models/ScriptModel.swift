import Fluent
import Foundation

/// One version of a project's script: a `Script` as JSON.
public final class ScriptModel: Model, @unchecked Sendable {
    public static let schema = "scripts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "version") public var version: Int
    @Field(key: "content") public var content: String
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// The questionnaire answers of one attempt: `[question id: Answer]` as JSON, with the script version asked.
public final class AttemptAnswersModel: Model, @unchecked Sendable {
    public static let schema = "attempt_answers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "attempt_id") public var attemptID: UUID
    @Field(key: "project_id") public var projectID: UUID
    @OptionalField(key: "script_version") public var scriptVersion: Int?
    @Field(key: "answers") public var answers: String
    @Field(key: "answered_at") public var answeredAt: Date

    public init() {}
}
