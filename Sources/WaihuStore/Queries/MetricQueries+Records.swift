import Fluent
import Foundation
import SQLKit
import WaihuCore

extension MetricQueries {
    /// `column IN (ids)`, or nothing when the scope does not restrict it.
    static func restrict(_ select: SQLSelectBuilder, _ column: any SQLExpression, to ids: [UUID]?) -> SQLSelectBuilder {
        guard let ids else { return select }
        return select.where(column, .in, SQLBind.group(ids.isEmpty ? [UUID()] : ids))
    }

    /// Attempts of the scope's projects and agents started in its range, test calls left out.
    static func attempts(_ scope: Scope, directory: Directory, on sql: any SQLDatabase) async throws -> [MetricAttempt] {
        var select = sql.select()
            .columns("id", "project_id", "lead_id", "agent_id", "started_at", "prep_seconds", "talk_seconds", "acw_seconds", "disposition")
            .from(CallAttemptModel.schema)
            .where("test_call", .equal, SQLLiteral.boolean(false))
        select = inRange(restrict(restrict(select, SQLIdentifier("project_id"), to: scope.projectIDs), SQLIdentifier("agent_id"), to: scope.agentIDs),
                         SQLIdentifier("started_at"), scope)
        // Projects and agents by the text of their ids: the rows' ids are read as text, not parsed.
        let projects = Dictionary(uniqueKeysWithValues: directory.projects.map { ($0.key.uuidString, $0.value) })
        let agents = Dictionary(uniqueKeysWithValues: directory.agents.map { ($0.key.uuidString, $0.value.number) })
        return try await BigRead.rows(select, on: sql) { row in
            guard let projectID = try row.uuidText("project_id"), let project = projects[projectID],
                  let id = try row.uuidText("id"), let startedAt = try row.date("started_at") else { return nil }
            let disposition = try row.string("disposition")
            return MetricAttempt(
                id: id, project: project.project.code, lead: try row.uuidText("lead_id"),
                agent: try row.uuidText("agent_id").flatMap { agents[$0] }, startedAt: startedAt,
                prepSeconds: try row.int("prep_seconds") ?? 0, talkSeconds: try row.int("talk_seconds") ?? 0,
                acwSeconds: try row.int("acw_seconds") ?? 0,
                category: disposition.flatMap { project.categories[$0] ?? DispositionCategory.of($0) })
        }
    }

    static func inRange(_ select: SQLSelectBuilder, _ column: any SQLExpression, _ scope: Scope) -> SQLSelectBuilder {
        var select = select
        if let start = scope.start { select = select.where(column, .greaterThanOrEqual, SQLBind(start)) }
        if let end = scope.end { select = select.where(column, .lessThan, SQLBind(end)) }
        return select
    }

    /// Every lead of the scope's projects, rejected ones included; or only those rejected at import, for a slice
    /// whose leads are those with attempts in it.
    static func leads(_ scope: Scope, rejectedOnly: Bool, directory: Directory, on sql: any SQLDatabase) async throws -> [MetricLead] {
        var select = restrict(sql.select().columns("id", "project_id", "rejection").from(LeadModel.schema), SQLIdentifier("project_id"), to: scope.projectIDs)
        if rejectedOnly { select = select.where("rejection", .isNot, SQLLiteral.null) }
        return try await select.all().compactMap { row in
            guard let project = directory.projects[try row.decode(column: "project_id", as: UUID.self)] else { return nil }
            return MetricLead(id: try row.decode(column: "id", as: UUID.self).uuidString, project: project.project.code,
                              rejected: try row.decode(column: "rejection", as: String?.self) != nil)
        }
    }

    /// State intervals of the scope's agents overlapping its range.
    static func intervals(_ scope: Scope, directory: Directory, on sql: any SQLDatabase) async throws -> [MetricInterval] {
        var select = restrict(sql.select().columns("agent_id", "project_id", "state", "started_at", "ended_at")
            .from(AgentStateIntervalModel.schema), SQLIdentifier("agent_id"), to: scope.agentIDs)
        if let end = scope.end { select = select.where("started_at", .lessThan, SQLBind(end)) }
        if let start = scope.start {
            select = select.where { group in
                group.where("ended_at", .is, SQLLiteral.null).orWhere("ended_at", .greaterThan, SQLBind(start))
            }
        }
        return try await BigRead.rows(select, on: sql) { row in
            guard let agentID = try row.uuid("agent_id"), let agent = directory.agents[agentID],
                  let state = try row.string("state").flatMap(AgentState.init(rawValue:)), let startedAt = try row.date("started_at") else { return nil }
            return MetricInterval(agent: agent.number, state: state, startedAt: startedAt, endedAt: try row.date("ended_at"),
                                  project: try row.uuid("project_id").flatMap { directory.projects[$0]?.project.code })
        }
    }

    /// Schedules of the scope's agents dated in its range.
    static func schedules(_ scope: Scope, directory: Directory, on sql: any SQLDatabase) async throws -> [MetricSchedule] {
        var select = restrict(sql.select().columns("agent_id", "date", "scheduled_seconds", "paid_seconds", "scheduled_to_attend", "attended", "shift_start")
            .from(WorkScheduleModel.schema), SQLIdentifier("agent_id"), to: scope.agentIDs)
        if let from = scope.query.from { select = select.where("date", .greaterThanOrEqual, SQLBind(from.description)) }
        if let to = scope.query.to { select = select.where("date", .lessThanOrEqual, SQLBind(to.description)) }
        return try await select.all().compactMap { row in
            guard let agent = directory.agents[try row.decode(column: "agent_id", as: UUID.self)],
                  let date = LocalDate(try row.decode(column: "date", as: String.self)) else { return nil }
            var schedule = MetricSchedule(agent: agent.number, date: date, scheduledSeconds: try row.decode(column: "scheduled_seconds", as: Int.self),
                                          paidSeconds: try row.decode(column: "paid_seconds", as: Int.self),
                                          scheduledToAttend: try row.decode(column: "scheduled_to_attend", as: Bool.self),
                                          attended: try row.decode(column: "attended", as: Bool.self))
            schedule.attendanceFromLogins = try row.decode(column: "shift_start", as: String?.self) != nil
            return schedule
        }
    }

    /// Rows of `table` on attempts of the scope (the calculator keeps those of attempts in the slice).
    static func onAttempts(_ table: String, columns: [String], _ scope: Scope, on sql: any SQLDatabase) -> SQLSelectBuilder {
        var select = sql.select().from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("x")))
            .join(SQLAlias(SQLIdentifier(CallAttemptModel.schema), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLColumn("attempt_id", table: "x"), .equal, SQLColumn("id", table: "c"))
        for column in columns { select = select.column(SQLColumn(column, table: "x")) }
        select = restrict(restrict(select, SQLColumn("project_id", table: "c"), to: scope.projectIDs), SQLColumn("agent_id", table: "c"),
                          to: scope.agentIDs)
        return inRange(select, SQLColumn("started_at", table: "c"), scope)
    }

    static func orders(_ scope: Scope, on sql: any SQLDatabase) async throws -> [MetricOrder] {
        try await onAttempts(OrderModel.schema, columns: ["attempt_id", "amount_cents", "status"], scope, on: sql).all().compactMap { row in
            guard let status = OrderStatus(rawValue: try row.decode(column: "status", as: String.self)) else { return nil }
            return MetricOrder(attempt: try row.decode(column: "attempt_id", as: UUID.self).uuidString,
                               amountCents: try row.decode(column: "amount_cents", as: Int.self), status: status)
        }
    }

    /// Judged complaints about an attempt; those not yet judged, and customers' suggestions, count nowhere.
    static func complaints(_ scope: Scope, on sql: any SQLDatabase) async throws -> [MetricComplaint] {
        try await onAttempts(ComplaintModel.schema, columns: ["attempt_id", "valid"], scope, on: sql)
            .where(SQLColumn("valid", table: "x"), .isNot, SQLLiteral.null)
            .where(SQLColumn("type", table: "x"), .equal, SQLBind(ComplaintType.complaint.rawValue)).all().map { row in
                MetricComplaint(attempt: try row.decode(column: "attempt_id", as: UUID.self).uuidString,
                                valid: try row.decode(column: "valid", as: Bool.self))
            }
    }
}

extension MetricQueries {
    /// QA reviews of attempts in the scope (METRICS.md §1.6): grades from the reviews made or imported.
    static func reviews(_ scope: Scope, on sql: any SQLDatabase) async throws -> [MetricReview] {
        try await onAttempts(QAReviewModel.schema, columns: ["attempt_id", "grade"], scope, on: sql).all().compactMap { row in
            guard let grade = ReviewGrade(rawValue: try row.decode(column: "grade", as: String.self)) else { return nil }
            return MetricReview(attempt: try row.decode(column: "attempt_id", as: UUID.self).uuidString, grade: grade)
        }
    }
}
