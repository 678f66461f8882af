import Fluent
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore

/// The demo's announcements, training and quizzes at 华信: on last month's bad day an announcement goes out at 08:30, the
/// pre-shift meeting passes it on and every agent who logged in reads it on the desk — but the one who stayed away, who
/// does not read it on coming back the next day (一.13); a quiz there catches one wrong answer (六.3); and a session of
/// case analysis the day after, with its scores.
enum DemoTraining {
    static func seed(site siteID: UUID, team: UUID, agents: [AgentModel], badDay: LocalDate, nextDay: LocalDate, zone: TimeZone, at now: Date,
                     on db: any Database) async throws {
        let caller = Caller(userID: nil, name: "华信管理员", role: .admin, scope: .organisation)
        let announcement = AnnouncementModel()
        announcement.id = UUID()
        announcement.siteID = siteID
        announcement.title = "宽带升级资费口径更新"
        announcement.body = "自即日起，向客户说明升级资费时须同时说明生效时间和取消方式。"
        announcement.publishedAt = LocalTime.instant(badDay, second: (8 * 60 + 30) * 60, in: zone)
        announcement.publishedBy = caller.name
        try await announcement.create(on: db)
        for (index, agent) in agents.enumerated() where index != 3 {  // the fourth agent did not log in that day
            let read = AnnouncementReadModel()
            read.id = UUID()
            read.announcementID = try announcement.requireID()
            read.agentID = try agent.requireID()
            read.readAt = LocalTime.instant(badDay, second: (9 * 60 + 30) * 60, in: zone)
            try await read.create(on: db)
        }
        if let meeting = try await TeamMeetingModel.query(on: db).filter(\.$teamID == team).filter(\.$kind == MeetingKind.pre_shift.rawValue)
            .filter(\.$date == badDay.description).first() {
            let briefing = AnnouncementBriefingModel()
            briefing.id = UUID()
            briefing.announcementID = try announcement.requireID()
            briefing.meetingID = try meeting.requireID()
            try await briefing.create(on: db)
        }
        _ = try await QuizService.record(site: siteID, .init(team_id: team, date: badDay.description, question: "升级后新资费从何时生效？",
                                                             answers: agents.prefix(3).enumerated().map { .init(agent: $1.number, correct: $0 != 1) }),
                                         by: caller, at: now, on: db)
        _ = try await TrainingService.record(site: siteID, .init(team_id: team, date: nextDay.description, topic: "资费口径与取消方式说明",
                                                                 stage: TrainingStage.on_job.rawValue, level: TrainingLevel.knowledge.rawValue,
                                                                 format: TrainingFormat.case_analysis.rawValue, hours: 1.5, trainer: caller.name,
                                                                 attendees: agents.prefix(5).enumerated().map { .init(agent: $1.number, score: Double(80 + $0 * 4)) }),
                                             by: caller, at: now, on: db)
    }
}
