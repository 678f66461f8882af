import Fluent
import Foundation

/// An agent (坐席): a person who makes calls, known by their employee number (工号).
public final class AgentModel: Model, @unchecked Sendable {
    public static let schema = "agents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "number") public var number: String
    @Field(key: "name") public var name: String
    @Field(key: "skill") public var skill: String
    @Field(key: "site_id") public var siteID: UUID
    @OptionalField(key: "team_id") public var teamID: UUID?
    /// `YYYY-MM-DD`
    @Field(key: "hired_on") public var hiredOn: String
    /// `YYYY-MM-DD`, empty while employed.
    @OptionalField(key: "left_on") public var leftOn: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, number: String, name: String, skill: String, siteID: UUID,
                teamID: UUID?, hiredOn: String, leftOn: String?) {
        self.id = id
        self.number = number
        self.name = name
        self.skill = skill
        self.siteID = siteID
        self.teamID = teamID
        self.hiredOn = hiredOn
        self.leftOn = leftOn
    }
}
