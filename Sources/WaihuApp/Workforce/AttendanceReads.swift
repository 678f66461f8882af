import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A site's (or team's) day against the roster, and its attrition: the year so far, each leaver's replacement,
/// the month's resignation list (issue 19 items 2 and 3).
package enum AttendanceReads {
    package struct Day: Codable, Sendable {
        package var site_id: UUID
        package var date: String
        package var rows: [Row]
        package var late: Int
        package var absent: Int
        package var early_leave: Int
        package var on_leave: Int
    }

    package struct Row: Codable, Sendable {
        package var agent_id: UUID
        package var number: String
        package var name: String
        package var team: String?
        package var roster: LocalizedText
        package var first_login: Date?
        package var last_logout: Date?
        package var late_minutes: Int?
        package var absent: Bool
        package var early_leave_minutes: Int?
        package var logged_in_minutes: Int
        package var adherence: Double?
        package var conformance: Double?
    }

    package static func day(site siteID: UUID, team: UUID?, date text: String, caller: Caller, at now: Date, on db: any Database) async throws -> Day {
        try AccessPolicy.require(caller.role, .viewRoster)
        _ = try await SiteService.visible(siteID, caller: caller, on: db)
        let date = try LocalDate.parse(text, field: "date")
        let zone = try await OrganisationQueries.timeZone(on: db)
        let settings = try await OrganisationQueries.settings(on: db)
        let agents = try await AgentQueries.agents(in: caller.scope, on: db).filter { $0.siteID == siteID && (team == nil || $0.teamID == team) }
        let ids = agents.compactMap(\.id)
        let teams = try await SiteService.teamNames(siteID, on: db)
        var roster: [UUID: RosterDay] = [:]
        for row in try await ScorecardQueries.roster(agents: ids, from: date, to: date.addingDays(1), on: db) {
            roster[row.agent] = RosterService.day(start: row.start, end: row.end, breakMinutes: row.breakMinutes, leave: row.leave,
                                                  scheduledSeconds: row.scheduledSeconds, toAttend: row.toAttend)
        }
        let start = LocalTime.instant(date, in: zone), end = LocalTime.instant(date.addingDays(1), in: zone)
        let spans = try await ScorecardQueries.intervals(agents: ids, from: start, to: min(end, now), on: db).map {
            ScorecardInput.StateSpan(agent: $0.agent, team: nil, state: $0.state, reason: $0.reason, start: $0.start, end: min($0.end ?? now, now))
        }
        let byID = Dictionary(uniqueKeysWithValues: agents.compactMap { agent in agent.id.map { ($0, agent) } })
        let rows: [Row] = DailyAttendance.rows(date: date, zone: zone, asOf: now, roster: roster, spans: spans, graceSeconds: settings.lateGraceSeconds)
            .compactMap { row in
                guard let agent = byID[row.agent] else { return nil }
                return Row(agent_id: row.agent, number: agent.number, name: agent.name, team: agent.teamID.flatMap { teams[$0] },
                           roster: row.day.map(RosterService.describe) ?? LocalizedText(zh: "未排班", en: "Not rostered"),
                           first_login: row.firstLogin, last_logout: row.lastLogout, late_minutes: row.lateSeconds.map { ($0 + 59) / 60 },
                           absent: row.absent, early_leave_minutes: row.earlyLeaveSeconds.map { ($0 + 59) / 60 },
                           logged_in_minutes: row.loggedInSeconds / 60, adherence: row.adherence, conformance: row.conformance)
            }.sorted { $0.number < $1.number }
        return Day(site_id: siteID, date: date.description, rows: rows, late: rows.filter { $0.late_minutes != nil }.count,
                   absent: rows.filter(\.absent).count, early_leave: rows.filter { $0.early_leave_minutes != nil }.count,
                   on_leave: roster.values.filter { $0.leave != nil }.count)
    }

    package struct Turnover: Codable, Sendable {
        package var site_id: UUID
        package var month: String
        /// Leavers since 1 January ÷ the mean of the headcount on 1 January and at the month's end (or today).
        package var year_to_date_rate: Double?
        package var leavers_this_year: Int
        package var headcount_january: Int
        package var headcount_now: Int
        /// The month's resignation list.
        package var resignations: [Leaver]
        /// Leavers not yet replaced.
        package var open: [Leaver]
    }

    package struct Leaver: Codable, Sendable {
        package var number: String
        package var name: String
        package var left_on: String
        package var replacement: String?
        package var replaced_on: String?
        package var days: Int
    }

    package static func turnover(site siteID: UUID, month text: String, caller: Caller, at now: Date, on db: any Database) async throws -> Turnover {
        try AccessPolicy.require(caller.role, .viewRoster)
        _ = try await SiteService.visible(siteID, caller: caller, on: db)
        let (first, next) = try SpotCheck.month(text)
        let today = LocalDate(now, in: try await OrganisationQueries.timeZone(on: db))
        let until = min(next.addingDays(-1), today)
        let agents = try await AgentModel.query(on: db).filter(\.$siteID == siteID).all()
        let names = Dictionary(uniqueKeysWithValues: agents.map { ($0.number, $0.name) })
        let staff = agents.compactMap { agent -> ScorecardInput.Staff? in
            guard let id = agent.id, let hired = LocalDate(agent.hiredOn) else { return nil }
            return ScorecardInput.Staff(agent: id, number: agent.number, hiredOn: hired, leftOn: agent.leftOn.flatMap(LocalDate.init))
        }
        let ytd = Attrition.yearToDate(staff, on: until)
        let leavers = Attrition.leavers(staff, today: until).map {
            Leaver(number: $0.number, name: names[$0.number] ?? "", left_on: $0.leftOn.description, replacement: $0.replacement,
                   replaced_on: $0.replacedOn?.description, days: $0.days)
        }
        return Turnover(site_id: siteID, month: text, year_to_date_rate: ytd.rate, leavers_this_year: ytd.leavers, headcount_january: ytd.start,
                        headcount_now: ytd.end, resignations: leavers.filter { $0.left_on >= first.description && $0.left_on < next.description },
                        open: leavers.filter { $0.replacement == nil && $0.left_on <= until.description })
    }
}
