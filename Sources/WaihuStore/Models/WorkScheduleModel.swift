import Fluent
import Foundation

/// An agent's schedule for one local date (排班): scheduled and paid seconds, whether the agent was
/// scheduled to attend and did.
public final class WorkScheduleModel: Model, @unchecked Sendable {
    public static let schema = "work_schedules"

    @ID(key: .id) public var id: UUID?
    @Field(key: "agent_id") public var agentID: UUID
    /// `YYYY-MM-DD`.
    @Field(key: "date") public var date: String
    @Field(key: "scheduled_seconds") public var scheduledSeconds: Int
    @Field(key: "paid_seconds") public var paidSeconds: Int
    @Field(key: "scheduled_to_attend") public var scheduledToAttend: Bool
    @Field(key: "attended") public var attended: Bool
    /// The shift, local `HH:MM`, when the roster gives one.
    @OptionalField(key: "shift_start") public var shiftStart: String?
    @OptionalField(key: "shift_end") public var shiftEnd: String?
    @OptionalField(key: "break_minutes") public var breakMinutes: Int?
    /// A `LeaveType` raw value when the agent is on leave that day.
    @OptionalField(key: "leave") public var leave: String?

    public init() {}
}
