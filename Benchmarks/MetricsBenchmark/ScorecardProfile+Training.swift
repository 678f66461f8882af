import Fluent
import Foundation
import SQLKit
import WaihuCore
import WaihuStore

extension ScorecardProfile {
    /// The training lines' records of the month: a pre-shift meeting per team and weekday at 08:45, an announcement each
    /// weekday at 08:30 passed on by every team's meeting but one a week, read at 09:10 by all but one agent in fifty, and
    /// a three-question quiz per team-day with one answer in ten wrong.
    static func generateTraining(_ db: any Database, site: UUID, teams: [UUID], agents: [(UUID, UUID)], zone: TimeZone) async throws -> Int {
        let sql = try StoreSQL.sql(db)
        var random = SeededRandom(seed: 61)
        var meetings: [[any SQLExpression]] = [], announcements: [[any SQLExpression]] = [], briefings: [[any SQLExpression]] = []
        var reads: [[any SQLExpression]] = [], answers: [[any SQLExpression]] = []
        let created = LocalTime.instant(month.addingMonths(1), in: zone)
        var day = month
        while day < month.addingMonths(1) {
            defer { day = day.addingDays(1) }
            guard LocalTime.weekday(days: LocalTime.days(from: day)) <= 5 else { continue }
            let announcement = UUID()
            announcements.append([SQLBind(announcement), SQLBind(site), SQLBind("notice \(day)"), SQLBind("body"),
                                  SQLBind(LocalTime.instant(day, second: (8 * 60 + 30) * 60, in: zone)), SQLBind("bench")])
            for (index, team) in teams.enumerated() {
                let meeting = UUID()
                meetings.append([SQLBind(meeting), SQLBind(site), SQLBind(team), SQLBind(MeetingKind.pre_shift.rawValue), SQLBind(day.description),
                                 SQLBind("08:45"), SQLBind("lead"), SQLBind(false), SQLBind(""), SQLBind("bench"), SQLBind(created)])
                if (index + day.day) % 7 != 0 { briefings.append([SQLBind(UUID()), SQLBind(announcement), SQLBind(meeting)]) }
                for question in 0 ..< 3 {
                    let agent = agents.filter { $0.1 == team }[question].0
                    answers.append([SQLBind(UUID()), SQLBind(site), SQLBind(team), SQLBind(day.description), SQLBind("question \(question)"), SQLBind(agent),
                                    SQLBind(Int.random(in: 0 ..< 10, using: &random) > 0), SQLBind("bench"), SQLBind(created)])
                }
            }
            for (agent, _) in agents where Int.random(in: 0 ..< 50, using: &random) > 0 {
                reads.append([SQLBind(UUID()), SQLBind(announcement), SQLBind(agent), SQLBind(LocalTime.instant(day, second: (9 * 60 + 10) * 60, in: zone))])
            }
        }
        try await insert(sql, AnnouncementModel.schema, ["id", "site_id", "title", "body", "published_at", "published_by"], announcements)
        try await insert(sql, TeamMeetingModel.schema, ["id", "site_id", "team_id", "kind", "date", "started_at", "leader", "leader_late", "note", "created_by",
                                                        "created_at"], meetings)
        try await insert(sql, AnnouncementBriefingModel.schema, ["id", "announcement_id", "meeting_id"], briefings)
        try await insert(sql, AnnouncementReadModel.schema, ["id", "announcement_id", "agent_id", "read_at"], reads)
        try await insert(sql, QuizAnswerModel.schema, ["id", "site_id", "team_id", "date", "question", "agent_id", "correct", "recorded_by", "recorded_at"], answers)
        return announcements.count + meetings.count + briefings.count + reads.count + answers.count
    }

    static func insert(_ sql: any SQLDatabase, _ table: String, _ columns: [String], _ rows: [[any SQLExpression]]) async throws {
        for chunk in stride(from: 0, to: rows.count, by: 500) {
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[chunk ..< min(chunk + 500, rows.count)] { insert = insert.values(row) }
            try await insert.run()
        }
    }
}
