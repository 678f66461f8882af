import Fluent
import Foundation
import SQLKit
import WaihuCore

extension RecordImportStore {
    /// Stores a chunk of state intervals. An interval identical to one stored (same agent, state, start
    /// and end) is unchanged; one overlapping another of the same agent, stored or earlier in the file,
    /// is refused: an agent is in one state at a time.
    public func states(_ rows: [(line: Int, record: StateRecord)], into report: inout RecordImportReport) async throws {
        var known: [UUID: [(start: Date, end: Date?, state: String)]] = [:]
        let agentIDs = Set(rows.compactMap { agents[$0.record.agent] })
        if let from = rows.map(\.record.startedAt).min(), let to = rows.map(\.record.endedAt).max(), !agentIDs.isEmpty {
            let stored = try await sql.select().columns("agent_id", "state", "started_at", "ended_at").from(AgentStateIntervalModel.schema)
                .where("agent_id", .in, SQLBind.group(Array(agentIDs))).where("started_at", .lessThan, SQLBind(to))
                .where { $0.where("ended_at", .is, SQLLiteral.null).orWhere("ended_at", .greaterThan, SQLBind(from)) }.all()
            for row in stored {
                known[try row.decode(column: "agent_id", as: UUID.self), default: []].append(
                    (try row.decode(column: "started_at", as: Date.self), try row.decode(column: "ended_at", as: Date?.self),
                     try row.decode(column: "state", as: String.self)))
            }
        }
        var insert = sql.insert(into: AgentStateIntervalModel.schema)
            .columns("id", "agent_id", "project_id", "state", "reason", "started_at", "ended_at", "source", "auto_closed")
        var count = 0
        for (line, interval) in rows {
            do {
                let agent = try agent(interval.agent)
                let project = try interval.project.map { code throws(DomainError) in try self.project(code).id }
                let clash = known[agent, default: []].first { $0.start < interval.endedAt && ($0.end.map { $0 > interval.startedAt } ?? true) }
                if let clash {
                    if clash.start == interval.startedAt && clash.end == interval.endedAt && clash.state == interval.state.rawValue {
                        report.unchanged += 1
                        continue
                    }
                    throw DomainError(.conflict, code: "state_overlaps",
                                      zh: "坐席「\(interval.agent)」在这段时间已有状态记录（\(clash.state)，自 \(Self.stamp(clash.start))），一个坐席同一时刻只有一个状态",
                                      en: "Agent \"\(interval.agent)\" already has a state recorded then (\(clash.state) from \(Self.stamp(clash.start))); an agent is in one state at a time")
                }
                insert = insert.values(SQLBind(ids.next()), SQLBind(agent), SQLBind(project), SQLBind(interval.state.rawValue),
                                       SQLBind(interval.reason?.rawValue), SQLBind(interval.startedAt), SQLBind(interval.endedAt),
                                       SQLBind("import"), SQLLiteral.boolean(false))
                known[agent, default: []].append((interval.startedAt, interval.endedAt, interval.state.rawValue))
                count += 1
            } catch let error as DomainError {
                report.reject(line: line, error)
            }
        }
        if count > 0 {
            let span = (rows.map(\.record.startedAt).min()!, rows.map(\.record.endedAt).max()!)
            try await write([insert.query], rows: rows.count, touching: span)
        }
        report.stored += count
    }

    static func stamp(_ instant: Date) -> String {
        instant.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// Stores a chunk of schedules: one per agent and date; a date already stored takes the file's
    /// values when they differ. A file's roster columns (shift or leave) set the day's cell; a second
    /// shift for one agent on one day in the same file is refused.
    public func schedules(_ rows: [(line: Int, record: MetricSchedule)], into report: inout RecordImportReport) async throws {
        let agentIDs = Set(rows.compactMap { agents[$0.record.agent] })
        var current: [String: (UUID, [String])] = [:]
        if !agentIDs.isEmpty {
            for row in try await sql.select().columns("id", "agent_id", "date", "scheduled_seconds", "paid_seconds", "scheduled_to_attend", "attended",
                                                      "shift_start", "shift_end", "break_minutes", "leave")
                .from(WorkScheduleModel.schema).where("agent_id", .in, SQLBind.group(Array(agentIDs)))
                .where("date", .in, SQLBind.group(Array(Set(rows.map(\.record.date.description))))).all() {
                let key = "\(try row.decode(column: "agent_id", as: UUID.self)) \(try row.decode(column: "date", as: String.self))"
                current[key] = (try row.decode(column: "id", as: UUID.self), [
                    "\(try row.decode(column: "scheduled_seconds", as: Int.self))", "\(try row.decode(column: "paid_seconds", as: Int.self))",
                    "\(try row.decode(column: "scheduled_to_attend", as: Bool.self))", "\(try row.decode(column: "attended", as: Bool.self))",
                    try row.decode(column: "shift_start", as: String?.self) ?? "", try row.decode(column: "shift_end", as: String?.self) ?? "",
                    try row.decode(column: "break_minutes", as: Int?.self).map { "\($0)" } ?? "", try row.decode(column: "leave", as: String?.self) ?? "",
                ])
            }
        }
        var insert = sql.insert(into: WorkScheduleModel.schema)
            .columns("id", "agent_id", "date", "scheduled_seconds", "paid_seconds", "scheduled_to_attend", "attended",
                     "shift_start", "shift_end", "break_minutes", "leave")
        var statements: [any SQLExpression] = [], count = 0, updates = 0
        for (line, schedule) in rows {
            guard let agent = agents[schedule.agent] else {
                report.reject(line: line, Self.unknownAgent(schedule.agent))
                continue
            }
            let key = "\(agent) \(schedule.date)"
            let shift = schedule.roster?.shift, leave = schedule.roster?.leave
            if schedule.roster != nil {
                guard rosterDays.insert(key).inserted else {
                    report.reject(line: line, DomainError(.badInput, code: "two_shifts_one_day",
                                                          zh: "坐席 \(schedule.agent) 在 \(schedule.date) 已有一行排班：同一天只能有一个班次或假别",
                                                          en: "Agent \(schedule.agent) already has a roster row for \(schedule.date): one shift or leave a day"))
                    continue
                }
            }
            var values = ["\(schedule.scheduledSeconds)", "\(schedule.paidSeconds)", "\(schedule.scheduledToAttend)", "\(schedule.attended)"]
            // Without roster columns the day's stored shift or leave stays as it is.
            let stored = current[key]
            values += schedule.roster == nil ? Array(stored?.1.suffix(4) ?? ["", "", "", ""])
                : [shift?.start.description ?? "", shift?.end.description ?? "", shift.map { "\($0.breakMinutes)" } ?? "", leave?.rawValue ?? ""]
            let start = values[4].isEmpty ? nil : values[4], end = values[5].isEmpty ? nil : values[5]
            let breaks = Int(values[6]), leaveType = values[7].isEmpty ? nil : values[7]
            if stored?.1 == values {
                report.unchanged += 1
            } else if let id = stored?.0 {
                statements.append(sql.update(WorkScheduleModel.schema).set("scheduled_seconds", to: SQLBind(schedule.scheduledSeconds))
                    .set("paid_seconds", to: SQLBind(schedule.paidSeconds)).set("scheduled_to_attend", to: SQLBind(schedule.scheduledToAttend))
                    .set("attended", to: SQLBind(schedule.attended)).set("shift_start", to: SQLBind(start)).set("shift_end", to: SQLBind(end))
                    .set("break_minutes", to: SQLBind(breaks)).set("leave", to: SQLBind(leaveType)).where("id", .equal, SQLBind(id)).query)
                current[key] = (id, values)
                updates += 1
            } else {
                let id = ids.next()
                insert = insert.values(SQLBind(id), SQLBind(agent), SQLBind(schedule.date.description), SQLBind(schedule.scheduledSeconds),
                                       SQLBind(schedule.paidSeconds), SQLBind(schedule.scheduledToAttend), SQLBind(schedule.attended),
                                       SQLBind(start), SQLBind(end), SQLBind(breaks), SQLBind(leaveType))
                current[key] = (id, values)
                count += 1
            }
        }
        if count > 0 { statements.append(insert.query) }
        try await write(statements, rows: rows.count, touching: nil)
        report.stored += count
        report.updated += updates
    }
}
