import Fluent
import Foundation
import SQLKit
import WaihuApp
import WaihuCore
import WaihuStore

/// The demo's workforce at 华信 (issue 19): shift templates, last month's and this month's roster (weekdays on the
/// early shift, weekends off, some leave), the agents' logins on the days past, a leaver not yet replaced, and the
/// submissions — on time but for a late daily analysis on a bad day and the latest one, still owed — and the teams'
/// meetings. On that bad day three agents log in late, one does not log in (and so misses the day's announcement), one
/// takes a 15-minute break, one answers the quiz wrong and the pre-shift meeting's leader comes late: the scorecard has
/// something to say.
enum DemoWorkforce {
    static let site = "华信外呼公司"

    static func seed(at now: Date, on db: any Database) async throws {
        let zone = try await OrganisationQueries.timeZone(on: db)
        let today = LocalDate(now, in: zone)
        let first = today.firstOfMonth.addingMonths(-1), end = today.firstOfMonth.addingMonths(1)
        guard let site = try await OrganisationQueries.site(named: site, on: db), let siteID = site.id else { return }
        site.submissionsFrom = first.description
        try await site.save(on: db)
        let caller = Caller(userID: nil, name: "system", role: .admin, scope: .organisation)
        let early = try await RosterService.addTemplate(.init(site_id: siteID, name: "早班", shift_start: "09:00", shift_end: "18:00", break_minutes: 60),
                                                        by: caller, at: now, on: db)
        _ = try await RosterService.addTemplate(.init(site_id: siteID, name: "午班", shift_start: "12:00", shift_end: "21:00", break_minutes: 60),
                                                by: caller, at: now, on: db)
        let agents = try await AgentModel.query(on: db).filter(\.$siteID == siteID).sort(\.$number).all().filter { $0.leftOn == nil }
        guard agents.count >= 7 else { return }
        let earlyDay = try RosterDay.parse(start: early.start, end: early.end, breakMinutes: early.breakMinutes, leave: nil)
        let team = agents.first?.teamID
        // A leaver twelve days ago, not yet replaced (七.3 counts from day 8).
        try await AgentModel(number: "A1031", name: "孟婷", skill: Skill.outbound.rawValue, siteID: siteID, teamID: team,
                             hiredOn: "2025-05-01", leftOn: today.addingDays(-12).description).create(on: db)
        let weekdays = stride(from: 0, to: LocalTime.days(from: end) - LocalTime.days(from: first), by: 1).map { first.addingDays($0) }
            .filter { LocalTime.weekday(days: LocalTime.days(from: $0)) <= 5 }
        let badDay = weekdays[2]
        let leave: [String: LeaveType] = [
            "\(agents[1].number) \(weekdays[5])": .annual, "\(agents[1].number) \(weekdays[6])": .annual, "\(agents[6].number) \(weekdays[8])": .sick,
        ]
        var rows: [WorkScheduleModel] = []
        for agent in agents {
            var day = first
            while day < end {
                let row = WorkScheduleModel()
                row.id = UUID()
                row.agentID = try agent.requireID()
                row.date = day.description
                row.attended = false
                let weekday = LocalTime.weekday(days: LocalTime.days(from: day)) <= 5
                let cell: RosterDay = leave["\(agent.number) \(day)"].map { .leave($0) }
                    ?? (weekday ? earlyDay : .rest)
                RosterService.write(cell, into: row)
                row.attended = cell.shift != nil && day < today
                rows.append(row)
                day = day.addingDays(1)
            }
        }
        try await rows.create(on: db)
        try await logins(agents, days: weekdays.filter { $0 < today && !($0.month == first.month && $0.day == 15) }, badDay: badDay,
                         leave: leave, zone: zone, on: db)
        try await meetings(siteID, team: team, days: weekdays.filter { $0 < today }, badDay: badDay, at: now, on: db)
        try await submissions(site, worked: Set(weekdays), badDay: badDay, now: now, zone: zone, on: db)
        if let team {
            try await DemoTraining.seed(site: siteID, team: team, agents: agents, badDay: badDay, nextDay: weekdays[3], zone: zone, at: now, on: db)
        }
    }

    /// A pre-shift meeting every working day past, its leader late on the bad day; a quality analysis meeting on the
    /// 10th and the 25th of each month past.
    static func meetings(_ site: UUID, team: UUID?, days: [LocalDate], badDay: LocalDate, at now: Date, on db: any Database) async throws {
        guard let team else { return }
        func meeting(_ kind: MeetingKind, _ day: LocalDate, late: Bool) -> TeamMeetingModel {
            let row = TeamMeetingModel()
            row.id = UUID()
            row.siteID = site
            row.teamID = team
            row.kind = kind.rawValue
            row.date = day.description
            row.startedAt = kind == .pre_shift ? "08:45" : "16:00"
            row.leader = "华信管理员"
            row.leaderLate = late
            row.note = ""
            row.createdBy = "vendor"
            row.createdAt = now
            return row
        }
        var rows = days.map { meeting(.pre_shift, $0, late: $0 == badDay) }
        rows += days.filter { $0.day == 10 || $0.day == 25 }.map { meeting(.quality_analysis, $0, late: false) }
        try await rows.create(on: db)
    }

    /// A working day's states per agent: in before nine, lunch, a staggered eight-minute break, out at six.
    static func logins(_ agents: [AgentModel], days: [LocalDate], badDay: LocalDate, leave: [String: LeaveType], zone: TimeZone,
                       on db: any Database) async throws {
        let sql = try StoreSQL.sql(db)
        var values: [[any SQLExpression]] = []
        for day in days {
            for (index, agent) in agents.enumerated() where leave["\(agent.number) \(day)"] == nil {
                if day == badDay && index == 3 { continue }  // no login at all (一.12)
                let late = day == badDay && index < 3        // three late (二.3)
                let login = late ? 9 * 60 + 5 : 8 * 60 + 50 + index % 8
                let breakStart = 14 * 60 + index * 12, breakLength = day == badDay && index == 4 ? 15 : 8
                let spans: [(AgentState, String?, Int, Int)] = [
                    (.ready, nil, login, 12 * 60), (.busy, "meal", 12 * 60, 13 * 60), (.ready, nil, 13 * 60, breakStart),
                    (.busy, "break", breakStart, breakStart + breakLength), (.ready, nil, breakStart + breakLength, 18 * 60),
                ]
                for (state, reason, from, to) in spans {
                    values.append([SQLBind(UUID()), SQLBind(try agent.requireID()), SQLBind(state.rawValue), SQLBind(reason),
                                   SQLBind(LocalTime.instant(day, second: from * 60, in: zone)), SQLBind(LocalTime.instant(day, second: to * 60, in: zone)),
                                   SQLBind("import"), SQLLiteral.boolean(false)])
                }
            }
        }
        for chunk in stride(from: 0, to: values.count, by: 200) {
            var insert = sql.insert(into: AgentStateIntervalModel.schema)
                .columns("id", "agent_id", "state", "reason", "started_at", "ended_at", "source", "auto_closed")
            for row in values[chunk ..< min(chunk + 200, values.count)] { insert = insert.values(row) }
            try await insert.run()
        }
    }

    /// Everything owed so far, in two hours before its deadline — but the bad day's analysis, a day and three hours
    /// late, and the latest analysis, not yet in.
    static func submissions(_ site: SiteModel, worked: Set<LocalDate>, badDay: LocalDate, now: Date, zone: TimeZone, on db: any Database) async throws {
        var owed = SubmissionSchedule.owed(from: SiteService.submissionsFrom(site, zone: zone), before: now, workedDays: worked, in: zone)
        // The quality meetings' minutes too.
        for row in try await TeamMeetingModel.query(on: db).filter(\.$siteID == site.requireID()).filter(\.$kind == MeetingKind.quality_analysis.rawValue).all() {
            guard let day = LocalDate(row.date) else { continue }
            let due = SubmissionKind.quality_minutes.due(period: day, in: zone)
            if due < now { owed.append(.init(kind: .quality_minutes, period: day, due: due)) }
        }
        let latest = owed.last { $0.kind == .daily_analysis }
        for due in owed where due != latest {
            let row = SiteSubmissionModel()
            row.id = UUID()
            row.siteID = try site.requireID()
            row.kind = due.kind.rawValue
            row.period = due.key
            row.dueAt = due.due
            row.submittedAt = due.kind == .daily_analysis && due.period == badDay ? due.due.addingTimeInterval(27 * 3_600) : due.due.addingTimeInterval(-7_200)
            row.submittedBy = "vendor"
            row.fileName = "\(due.kind.name.zh)-\(due.key).txt"
            row.contentType = "text/plain; charset=utf-8"
            row.body = Data("\(due.kind.name.zh) \(due.key)".utf8)
            row.note = ""
            try await row.create(on: db)
        }
    }
}

