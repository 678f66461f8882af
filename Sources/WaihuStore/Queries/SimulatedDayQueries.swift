import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Writes a simulated day (`waihu simulate --store`) into the tables a real day writes: one
/// call attempt per dial (METRICS.md §1.2) and one row per agent state interval (§1.4), and the
/// do-not-call listing of every `dnc_request`, in one transaction.
public enum SimulatedDayQueries {
    /// Where the day goes: its project, the agents playing the simulated seats (seat n is
    /// `agents[n]`), the leads dialled (the n-th dial goes to `leads[n % count]`), and the instant
    /// the day starts.
    public struct Target: Sendable {
        public var projectID: UUID
        public var agents: [UUID]
        public var leads: [(id: UUID, phone: String)]
        public var start: Date

        public init(projectID: UUID, agents: [UUID], leads: [(id: UUID, phone: String)], start: Date) {
            self.projectID = projectID
            self.agents = agents
            self.leads = leads
            self.start = start
        }
    }

    public static func store(_ day: SimulationDay, into target: Target, on db: any Database) async throws -> (attempts: Int, intervals: Int) {
        guard target.agents.count >= day.settings.agents, !target.leads.isEmpty else {
            throw DomainError(.badInput, code: "simulation_target", zh: "坐席或客户数据不足", en: "not enough agents or leads")
        }
        let end = target.start.addingTimeInterval(day.intervals.map(\.endedAt).max() ?? 0)
        return try await StoreTransaction.immediate(db) { sql, _ in
            if try await sql.select().column("agent_id").from(AgentStateIntervalModel.schema)
                .where("agent_id", .in, SQLBind.group(Array(target.agents.prefix(day.settings.agents))))
                .where("started_at", .lessThan, SQLBind(end))
                .where(SQLColumn("ended_at"), .greaterThan, SQLBind(target.start)).first() != nil {
                throw DomainError(.conflict, code: "simulation_overlaps",
                                  zh: "所选坐席在这一天的这段时间已有状态记录（已模拟或真实工作过），请换一个 --date",
                                  en: "These agents already have states recorded in that part of the day (simulated or worked); choose another --date")
            }
            var ids = TimeOrderedIDs(start: target.start, random: UInt64.random(in: .min ... .max))
            try await insertAttempts(day, target, &ids, sql)
            try await insertIntervals(day, target, &ids, sql)
            try await MetricCellQueries.invalidate(from: target.start, to: end, sql: sql)
            for attempt in day.attempts where attempt.disposition == "dnc_request" {
                try await DoNotCallQueries.list(target.leads[attempt.lead % target.leads.count].phone, reason: .refusedCalls,
                                                source: "disposition", by: "simulation",
                                                at: target.start.addingTimeInterval(attempt.endedAt), sql)
            }
            return (day.attempts.count, day.intervals.count)
        }
    }

    static let batch = 400

    static func insertAttempts(_ day: SimulationDay, _ target: Target, _ ids: inout TimeOrderedIDs, _ sql: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: day.attempts.count, by: batch) {
            var insert = sql.insert(into: CallAttemptModel.schema).columns(
                "id", "external_id", "project_id", "lead_id", "phone", "agent_id", "started_at", "answered_at", "ended_at",
                "prep_seconds", "talk_seconds", "acw_seconds", "disposition", "test_call", "in_progress")
            for attempt in day.attempts[chunk ..< min(chunk + batch, day.attempts.count)] {
                let lead = target.leads[attempt.lead % target.leads.count]
                insert = insert.values(
                    SQLBind(ids.next()), SQLBind("simulation:\(day.settings.seed):\(attempt.call)"),
                    SQLBind(target.projectID), SQLBind(lead.id), SQLBind(lead.phone),
                    SQLBind(attempt.agent.map { target.agents[$0] }), SQLBind(target.start.addingTimeInterval(attempt.startedAt)),
                    SQLBind(attempt.answeredAt.map { target.start.addingTimeInterval($0) }),
                    SQLBind(target.start.addingTimeInterval(attempt.endedAt)), SQLBind(Int(attempt.prepSeconds.rounded())),
                    SQLBind(Int(attempt.talkSeconds.rounded())), SQLBind(Int(attempt.acwSeconds.rounded())),
                    SQLBind(attempt.disposition), SQLLiteral.boolean(false), SQLLiteral.boolean(false))
            }
            try await insert.run()
        }
    }

    static func insertIntervals(_ day: SimulationDay, _ target: Target, _ ids: inout TimeOrderedIDs, _ sql: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: day.intervals.count, by: batch) {
            var insert = sql.insert(into: AgentStateIntervalModel.schema)
                .columns("id", "agent_id", "project_id", "state", "reason", "started_at", "ended_at", "source", "auto_closed")
            for interval in day.intervals[chunk ..< min(chunk + batch, day.intervals.count)] {
                insert = insert.values(
                    SQLBind(ids.next()), SQLBind(target.agents[interval.agent]), SQLBind(target.projectID),
                    SQLBind(interval.state.rawValue), SQLBind(interval.reason),
                    SQLBind(target.start.addingTimeInterval(interval.startedAt)),
                    SQLBind(target.start.addingTimeInterval(interval.endedAt)), SQLBind("simulation"), SQLLiteral.boolean(false))
            }
            try await insert.run()
        }
    }
}
