import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A month of a site's or a team's roster as a grid: agents by days, each cell a shift, a leave or a rest day.
package enum RosterReads {
    package struct Grid: Codable, Sendable {
        package var site_id: UUID
        package var team_id: UUID?
        package var month: String
        package var days: [String]
        package var rows: [Row]
        package var templates: [TemplateView]
    }

    package struct Row: Codable, Sendable {
        package var agent_id: UUID
        package var number: String
        package var name: String
        package var team: String?
        package var cells: [CellView]
        /// The month's scheduled hours and leave days.
        package var scheduled_hours: Double
        package var leave_days: Int
    }

    package struct CellView: Codable, Sendable {
        package var date: String
        /// `shift`, `leave`, `rest` or `none` (nothing planned).
        package var kind: String
        package var shift_start: String?
        package var shift_end: String?
        package var break_minutes: Int?
        package var leave: String?
        package var label: LocalizedText

        init(date: String, kind: String, shift_start: String? = nil, shift_end: String? = nil, break_minutes: Int? = nil,
             leave: String? = nil, label: LocalizedText) {
            self.date = date
            self.kind = kind
            self.shift_start = shift_start
            self.shift_end = shift_end
            self.break_minutes = break_minutes
            self.leave = leave
            self.label = label
        }
    }

    package struct TemplateView: Codable, Sendable {
        package var id: UUID
        package var name: String
        package var shift_start: String
        package var shift_end: String
        package var break_minutes: Int
    }

    package static func grid(site siteID: UUID, team teamID: UUID?, month text: String, caller: Caller, on db: any Database) async throws -> Grid {
        try AccessPolicy.require(caller.role, .viewRoster)
        guard caller.scope.includesSite(siteID), try await SiteModel.find(siteID, on: db) != nil else {
            throw DomainError.notFound(LocalizedText(zh: "职场", en: "site"))
        }
        let (first, next) = try SpotCheck.month(text)
        var days: [LocalDate] = []
        var day = first
        while day < next {
            days.append(day)
            day = day.addingDays(1)
        }
        let teams = try await SiteService.teamNames(siteID, on: db)
        let agents = try await AgentQueries.agents(in: caller.scope, on: db).filter { agent in
            agent.siteID == siteID && (teamID == nil || agent.teamID == teamID)
                && agent.hiredOn < next.description && (agent.leftOn.map { $0 > first.description } ?? true)
        }
        let ids = agents.compactMap(\.id)
        let stored = ids.isEmpty ? [] : try await WorkScheduleModel.query(on: db).filter(\.$agentID ~~ ids)
            .filter(\.$date >= first.description).filter(\.$date < next.description).all()
        var cells: [UUID: [String: WorkScheduleModel]] = [:]
        for row in stored { cells[row.agentID, default: [:]][row.date] = row }
        let rows = agents.map { agent in
            let own = cells[agent.id!] ?? [:]
            let views = days.map { date in view(own[date.description].flatMap(RosterService.day(of:)), date: date) }
            return Row(agent_id: agent.id!, number: agent.number, name: agent.name, team: agent.teamID.flatMap { teams[$0] }, cells: views,
                       scheduled_hours: Double(own.values.reduce(0) { $0 + $1.scheduledSeconds }) / 3_600,
                       leave_days: own.values.filter { $0.leave != nil }.count)
        }
        let templates = try await ShiftTemplateModel.query(on: db).filter(\.$siteID == siteID).sort(\.$start).all().map(view)
        return Grid(site_id: siteID, team_id: teamID, month: text, days: days.map(\.description), rows: rows, templates: templates)
    }

    package static func view(_ template: ShiftTemplateModel) -> TemplateView {
        TemplateView(id: template.id!, name: template.name, shift_start: template.start, shift_end: template.end, break_minutes: template.breakMinutes)
    }

    static func view(_ day: RosterDay?, date: LocalDate) -> CellView {
        switch day {
        case .shift(let shift)?:
            CellView(date: date.description, kind: "shift", shift_start: shift.start.description, shift_end: shift.end.description,
                     break_minutes: shift.breakMinutes, leave: nil, label: RosterService.describe(.shift(shift)))
        case .leave(let leave)?:
            CellView(date: date.description, kind: "leave", leave: leave.rawValue, label: leave.name)
        case .rest?:
            CellView(date: date.description, kind: "rest", label: LocalizedText(zh: "休", en: "Rest"))
        case nil:
            CellView(date: date.description, kind: "none", label: LocalizedText(zh: "", en: ""))
        }
    }
}

extension RosterReads {
    /// The day a grid cell shows; nil for a day with nothing planned.
    static func day(of cell: CellView) -> RosterDay? {
        switch cell.kind {
        case "rest": .rest
        case "leave": cell.leave.flatMap(LeaveType.init(rawValue:)).map { .leave($0) }
        case "shift":
            cell.shift_start.flatMap(ClockTime.init).flatMap { start in
                cell.shift_end.flatMap(ClockTime.init).flatMap { end in try? Shift(start: start, end: end, breakMinutes: cell.break_minutes ?? 0) }
            }.map { .shift($0) }
        default: nil
        }
    }

    /// The grid as a workbook: one row per agent, one column per day, the cells as `RosterCell` writes them, so that the
    /// file comes back in through the import.
    package static func table(_ grid: Grid, site: String) -> ReportTable {
        var rows: [[ReportTable.Cell]] = [(["工号", "姓名", "班组"] + grid.days.map { String($0.suffix(2)) } + ["排班工时"]).map { .text($0) }]
        for row in grid.rows {
            let cells: [ReportTable.Cell] = row.cells.map { cell in day(of: cell).map { .text(RosterCell.text($0)) } ?? .empty }
            rows.append([.text(row.number), .text(row.name), .text(row.team ?? "")] + cells + [.number(row.scheduled_hours)])
        }
        return ReportTable(sheets: [ReportTable.Sheet(name: "排班表", title: ["\(site) \(grid.month) 排班表"], rows: rows)])
    }
}
