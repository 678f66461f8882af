import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Rosters (排班, issue 19 item 1): shift templates per site and one cell per agent and day — a shift, a
/// leave or a rest day — with the scheduled and paid seconds it implies (seed 004: leave and rest are not
/// scheduled hours). A cell replaces the day's cell; a day holds one cell, so an agent never has two shifts.
package enum RosterService {
    package struct Cell: Codable, Sendable {
        /// A template of the agent's site; its times fill the shift.
        package var template_id: UUID?
        package var shift_start: String?
        package var shift_end: String?
        package var break_minutes: Int?
        package var leave: String?

        package init(template_id: UUID? = nil, shift_start: String? = nil, shift_end: String? = nil, break_minutes: Int? = nil, leave: String? = nil) {
            self.template_id = template_id
            self.shift_start = shift_start
            self.shift_end = shift_end
            self.break_minutes = break_minutes
            self.leave = leave
        }
    }

    package struct Template: Codable, Sendable {
        package var site_id: UUID
        package var name: String
        package var shift_start: String
        package var shift_end: String
        package var break_minutes: Int?

        package init(site_id: UUID, name: String, shift_start: String, shift_end: String, break_minutes: Int?) {
            self.site_id = site_id
            self.name = name
            self.shift_start = shift_start
            self.shift_end = shift_end
            self.break_minutes = break_minutes
        }
    }

    /// Sets one agent's day; the agent must be in the caller's scope.
    package static func set(agent agentID: UUID, date text: String, _ cell: Cell, by caller: Caller, at now: Date,
                            on db: any Database) async throws -> RosterDay {
        let agent = try await editable(agentID, caller: caller, on: db)
        let date = try LocalDate.parse(text, field: "date")
        let day = try await rosterDay(cell, site: agent.siteID, on: db)
        try await db.transaction { tx in
            let row = try await WorkScheduleModel.query(on: tx).filter(\.$agentID == agentID).filter(\.$date == date.description).first()
                ?? WorkScheduleModel()
            if row.id == nil {
                row.id = UUID()
                row.agentID = agentID
                row.date = date.description
                row.attended = false
            }
            write(day, into: row)
            try await row.save(on: tx)
            try await caller.audit("roster.set", targetType: "agent", targetID: agent.number, detail: "\(date) \(describe(day).zh)", at: now, on: tx)
        }
        return day
    }

    /// The roster fields of a schedule row from a roster day.
    package static func write(_ day: RosterDay, into row: WorkScheduleModel) {
        row.scheduledSeconds = day.scheduledSeconds
        row.paidSeconds = day.paidSeconds
        row.scheduledToAttend = day.shift != nil
        row.shiftStart = day.shift?.start.description
        row.shiftEnd = day.shift?.end.description
        row.breakMinutes = day.shift?.breakMinutes
        row.leave = day.leave?.rawValue
    }

    /// The roster day a stored row holds; nil for a schedule imported without a shift or leave.
    package static func day(of row: WorkScheduleModel) -> RosterDay? {
        day(start: row.shiftStart, end: row.shiftEnd, breakMinutes: row.breakMinutes, leave: row.leave, scheduledSeconds: row.scheduledSeconds,
            toAttend: row.scheduledToAttend)
    }

    package static func day(start: String?, end: String?, breakMinutes: Int?, leave: String?, scheduledSeconds: Int, toAttend: Bool) -> RosterDay? {
        if let leave = leave.flatMap(LeaveType.init(rawValue:)) { return .leave(leave) }
        if let start = start.flatMap(ClockTime.init), let end = end.flatMap(ClockTime.init),
           let shift = try? Shift(start: start, end: end, breakMinutes: breakMinutes ?? 0) { return .shift(shift) }
        return start == nil && scheduledSeconds == 0 && !toAttend ? .rest : nil
    }

    static func rosterDay(_ cell: Cell, site: UUID, on db: any Database) async throws -> RosterDay {
        guard let id = cell.template_id else {
            return try RosterDay.parse(start: cell.shift_start, end: cell.shift_end, breakMinutes: cell.break_minutes, leave: cell.leave)
        }
        guard let template = try await ShiftTemplateModel.find(id, on: db), template.siteID == site else {
            throw DomainError.notFound(LocalizedText(zh: "该坐席职场的班次模板", en: "shift template of the agent's site"))
        }
        if let leave = cell.leave, !leave.trimmingWhitespace().isEmpty {
            throw DomainError(.badInput, code: "shift_and_leave", zh: "同一天不能既排班又请假", en: "A day cannot hold both a shift and a leave")
        }
        return try RosterDay.parse(start: template.start, end: template.end, breakMinutes: template.breakMinutes, leave: nil)
    }

    static func editable(_ agentID: UUID, caller: Caller, on db: any Database) async throws -> AgentModel {
        try AccessPolicy.require(caller.role, .editRoster)
        guard let agent = try await AgentModel.find(agentID, on: db),
              caller.scope.includesAgent(agentID, team: agent.teamID, site: agent.siteID) else {
            throw DomainError.notFound(LocalizedText(zh: "坐席", en: "agent"))
        }
        return agent
    }

    package static func describe(_ day: RosterDay) -> LocalizedText {
        switch day {
        case .shift(let shift): LocalizedText(zh: "\(shift.start)–\(shift.end)", en: "\(shift.start)–\(shift.end)")
        case .leave(let leave): leave.name
        case .rest: LocalizedText(zh: "休", en: "Rest")
        }
    }

    /// Adds a shift template to a site the caller may edit.
    package static func addTemplate(_ input: Template, by caller: Caller, at now: Date, on db: any Database) async throws -> ShiftTemplateModel {
        try AccessPolicy.require(caller.role, .editRoster)
        guard caller.scope.includesSite(input.site_id), let site = try await SiteModel.find(input.site_id, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "职场", en: "site"))
        }
        let name = input.name.trimmingWhitespace()
        guard !name.isEmpty, name.count <= 40 else { throw DomainError.missingField("name") }
        let day = try RosterDay.parse(start: input.shift_start, end: input.shift_end, breakMinutes: input.break_minutes, leave: nil)
        guard let shift = day.shift else { throw DomainError.missingField("shift_start") }
        if try await ShiftTemplateModel.query(on: db).filter(\.$siteID == input.site_id).filter(\.$name == name).first() != nil {
            throw DomainError(.conflict, code: "template_exists", zh: "\(site.name) 已有名为「\(name)」的班次", en: "\(site.name) already has a shift named \"\(name)\"")
        }
        let template = ShiftTemplateModel()
        template.id = UUID()
        template.siteID = input.site_id
        template.name = name
        template.start = shift.start.description
        template.end = shift.end.description
        template.breakMinutes = shift.breakMinutes
        try await db.transaction { tx in
            try await template.create(on: tx)
            try await caller.audit("roster.template", targetType: "site", targetID: site.name, detail: "\(name) \(shift.start)–\(shift.end)", at: now, on: tx)
        }
        return template
    }
}
