import Fluent
import Foundation
import SQLKit
import WaihuCore

/// The narrow reads of the desk's status, which every desk asks for at each look (a poll, a stream's look): the
/// columns shown, not whole rows through the models (200 desks' polls spent most of their time building models).
public enum DeskQueries {
    /// A booked callback the desk reminds the agent of.
    public struct Reminder: Sendable {
        public var customerID: String?
        public var name: String?
        public var at: Date
    }

    /// The agent's booked callbacks still to call that are due before `until` (the overdue too), earliest first.
    public static func callbacksDue(agent: UUID, before until: Date, limit: Int, on db: any Database) async throws -> [Reminder] {
        try await StoreSQL.sql(db).select().columns("customer_id", "name", "next_attempt_at").from(LeadModel.schema)
            .where("agent_id", .equal, SQLBind(agent)).where("deferral", .equal, SQLBind(LeadDeferral.callback.rawValue))
            .where("status", .equal, SQLBind(LeadStatus.allocated.rawValue)).where("next_attempt_at", .lessThanOrEqual, SQLBind(until))
            .orderBy("next_attempt_at").limit(limit).all().compactMap { row in
                guard let at = try row.decode(column: "next_attempt_at", as: Date?.self) else { return nil }
                return Reminder(customerID: try row.decode(column: "customer_id", as: String?.self),
                                name: try row.decode(column: "name", as: String?.self), at: at)
            }
    }

    /// The project's completed accounts per agent and day (每人每日目标), if it sets one.
    public static func dailyTarget(project: UUID, on db: any Database) async throws -> Int? {
        try await StoreSQL.sql(db).select().column("daily_target").from(ProjectModel.schema).where("id", .equal, SQLBind(project))
            .first()?.decode(column: "daily_target", as: Int?.self) ?? nil
    }

    /// The agent's busy intervals still open or ended after `since`, with their reasons.
    public static func busyIntervals(agent: UUID, since: Date, on db: any Database) async throws -> [BreakTimes.Interval] {
        try await StoreSQL.sql(db).select().columns("reason", "started_at", "ended_at").from(AgentStateIntervalModel.schema)
            .where("agent_id", .equal, SQLBind(agent)).where("state", .equal, SQLBind(AgentState.busy.rawValue))
            .where { $0.where("ended_at", .is, SQLLiteral.null).orWhere("ended_at", .greaterThan, SQLBind(since)) }.all().map { row in
                BreakTimes.Interval(reason: try row.decode(column: "reason", as: String?.self),
                                    start: try row.decode(column: "started_at", as: Date.self),
                                    end: try row.decode(column: "ended_at", as: Date?.self))
            }
    }
}
