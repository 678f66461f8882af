import Fluent
import Foundation
import SQLKit
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

/// Times a site's monthly scorecard (issue 19: 200 agents, 600,000 state intervals, ≤ 1 s) on a database of its own,
/// generated once into WORK-DIR/scorecard.sqlite: one site of 200 agents in 20 teams, November 2026's roster (weekdays
/// 09:00–18:00, weekends off, one agent in twenty on leave each day), and on each rostered day 150 state intervals per
/// agent — logins a few minutes either side of nine, calls, after-call work, two short breaks and a meal — and the
/// month's submissions, a few of them late; and the training lines' announcements, read receipts, pre-shift meetings and
/// quizzes.
enum ScorecardProfile {
    static let month = LocalDate("2026-11-01")!

    static func run(directory: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/scorecard.sqlite"
        let fresh = !FileManager.default.fileExists(atPath: file)
        let app = try await BenchApp.open(file)
        if fresh {
            let start = Date()
            let intervals = try await generate(app)
            print(String(format: "generated 200 agents, %d state intervals in %.0f s", intervals, Date().timeIntervalSince(start)))
        }
        guard let site = try await OrganisationQueries.site(named: "bench site", on: app.db) else { throw Abort(.internalServerError) }
        let now = ISO8601DateFormatter().date(from: "2026-12-06T10:00:00+08:00")!
        let intervals = try await AgentStateIntervalModel.query(on: app.db).count()
        for round in 1 ... 3 {
            let start = Date()
            let card = try await ScorecardService.card(site: try site.requireID(), month: "2026-11", caller: .system, at: now, on: app.db)
            let elapsed = Date().timeIntervalSince(start)
            let busy = card.lines.filter { $0.occurrences > 0 }.map { "\($0.line)×\($0.occurrences)" }.joined(separator: " ")
            print(String(format: "scorecard round %d: %d intervals, %d deductions (%@), score %@: %.3f s", round, intervals, card.items.count, busy, card.score, elapsed))
        }
        // Where the time goes: reading the month, then computing every line.
        let zone = try await OrganisationQueries.timeZone(on: app.db), settings = try await OrganisationQueries.settings(on: app.db)
        let read = Date()
        let input = try await ScorecardService.gather(site: site, month: month, next: month.addingMonths(1), zone: zone, settings: settings, now: now, on: app.db)
        let computing = Date()
        _ = SiteScorecard.compute(input)
        print(String(format: "of which reading %d intervals %.3f s, computing the lines %.3f s", input.states.count,
                     computing.timeIntervalSince(read), Date().timeIntervalSince(computing)))
        try await app.asyncShutdown()
    }

    static func generate(_ app: Application) async throws -> Int {
        let db = app.db
        let sql = try StoreSQL.sql(db)
        let zone = try await OrganisationQueries.timeZone(on: db)
        let site = SiteModel(name: "bench site", kind: .vendor)
        try await site.create(on: db)
        site.submissionsFrom = month.description
        try await site.save(on: db)
        let siteID = try site.requireID()
        var teams: [UUID] = []
        for index in 0 ..< 20 {
            let team = TeamModel(siteID: siteID, name: "team \(index + 1)")
            try await team.create(on: db)
            teams.append(try team.requireID())
        }
        var agents: [(UUID, UUID)] = []
        for index in 0 ..< 200 {
            let agent = AgentModel(number: String(format: "B%04d", index + 1), name: "agent \(index + 1)", skill: Skill.outbound.rawValue,
                                   siteID: siteID, teamID: teams[index % 20], hiredOn: "2025-01-01", leftOn: index == 7 ? "2026-11-10" : nil)
            try await agent.create(on: db)
            agents.append((try agent.requireID(), teams[index % 20]))
        }
        var random = SeededRandom(seed: 19)
        let shift = try RosterDay.parse(start: "09:00", end: "18:00", breakMinutes: 60, leave: nil)
        var rosterRows: [[any SQLExpression]] = [], spans: [[any SQLExpression]] = []
        var day = month
        var count = 0
        while day < month.addingMonths(1) {
            let weekday = LocalTime.weekday(days: LocalTime.days(from: day)) <= 5
            for (index, (agent, _)) in agents.enumerated() {
                let onLeave = weekday && (index + day.day) % 20 == 0
                let cell: RosterDay = onLeave ? .leave(.annual) : weekday ? shift : .rest
                rosterRows.append([SQLBind(UUID()), SQLBind(agent), SQLBind(day.description), SQLBind(cell.scheduledSeconds), SQLBind(cell.paidSeconds),
                                   SQLBind(cell.shift != nil), SQLBind(false), SQLBind(cell.shift?.start.description), SQLBind(cell.shift?.end.description),
                                   SQLBind(cell.shift?.breakMinutes), SQLBind(cell.leave?.rawValue)])
                guard weekday, !onLeave, Int.random(in: 0 ..< 200, using: &random) > 0 else { continue }
                // 150 intervals: in at 08:45–09:00, calls and wrap-up, breaks at about 10:30 and 15:30, a meal at noon.
                var clock = LocalTime.instant(day, second: 8 * 3_600 + 45 * 60 + Int.random(in: 0 ..< 960, using: &random), in: zone)
                // Breaks staggered through the team (a tenth of the agents at a time).
                let breaks: Set<Int> = [25 + index / 20 % 10 * 4, 99 + index / 20 % 10 * 4]
                for step in 0 ..< 150 {
                    let (state, reason, length): (AgentState, String?, Int) =
                        breaks.contains(step) ? (.busy, "break", Int.random(in: 240 ..< 630, using: &random))
                        : step == 76 ? (.busy, "meal", 3_600)
                        : step % 2 == 0 ? (.talking, nil, Int.random(in: 60 ..< 300, using: &random)) : (.acw, nil, Int.random(in: 10 ..< 60, using: &random))
                    let end = clock.addingTimeInterval(Double(length))
                    spans.append([SQLBind(UUID()), SQLBind(agent), SQLBind(state.rawValue), SQLBind(reason), SQLBind(clock), SQLBind(end),
                                  SQLBind("import"), SQLLiteral.boolean(false)])
                    clock = end
                    count += 1
                }
            }
            day = day.addingDays(1)
        }
        for chunk in stride(from: 0, to: rosterRows.count, by: 500) {
            var insert = sql.insert(into: WorkScheduleModel.schema).columns("id", "agent_id", "date", "scheduled_seconds", "paid_seconds", "scheduled_to_attend",
                                                                            "attended", "shift_start", "shift_end", "break_minutes", "leave")
            for row in rosterRows[chunk ..< min(chunk + 500, rosterRows.count)] { insert = insert.values(row) }
            try await insert.run()
        }
        try await sql.raw("BEGIN").run()
        for chunk in stride(from: 0, to: spans.count, by: 1_000) {
            var insert = sql.insert(into: AgentStateIntervalModel.schema).columns("id", "agent_id", "state", "reason", "started_at", "ended_at", "source", "auto_closed")
            for row in spans[chunk ..< min(chunk + 1_000, spans.count)] { insert = insert.values(row) }
            try await insert.run()
        }
        try await sql.raw("COMMIT").run()
        // The month's submissions: on time, but every seventh a day and a bit late.
        let worked = Set((0 ..< 30).map { month.addingDays($0) }.filter { LocalTime.weekday(days: LocalTime.days(from: $0)) <= 5 })
        for (index, due) in SubmissionSchedule.owed(from: month, before: LocalTime.instant(month.addingMonths(1), in: zone), workedDays: worked, in: zone).enumerated() {
            let row = SiteSubmissionModel()
            row.id = UUID()
            row.siteID = siteID
            row.kind = due.kind.rawValue
            row.period = due.key
            row.dueAt = due.due
            row.submittedAt = due.due.addingTimeInterval(index % 7 == 0 ? 90_000 : -3_600)
            row.submittedBy = "bench"
            row.fileName = "\(due.key).txt"
            row.contentType = "text/plain"
            row.body = Data("bench".utf8)
            row.note = ""
            try await row.create(on: db)
        }
        let training = try await generateTraining(db, site: siteID, teams: teams, agents: agents, zone: zone)
        print("generated \(training) announcements, reads, meetings, briefings and quiz answers")
        return count
    }
}
