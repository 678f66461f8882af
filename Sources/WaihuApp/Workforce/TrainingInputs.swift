import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// What the scorecard's meeting and training lines read (二.1, 二.2, 一.13, 六.1, 六.2, 六.3): the site's meetings with the
/// announcements they passed on, its announcements with their read receipts, its agents' QA findings and the quiz
/// answers. Meetings, announcements and findings are read from 35 days before the month: an announcement or a finding
/// of late last month falls due at a meeting of this one.
enum TrainingInputs {
    static let lookBackDays = 35

    struct Records: Sendable {
        var meetings: [ScorecardInput.Meeting] = []
        var announcements: [ScorecardInput.Announcement] = []
        var qaFindings: [ScorecardInput.QAFinding] = []
        var quizAnswers: [ScorecardInput.QuizAnswer] = []
    }

    static func read(site siteID: UUID, agents: [UUID], teamNames: [UUID: String], from first: LocalDate, next: LocalDate, zone: TimeZone,
                     now: Date, on db: any Database) async throws -> Records {
        var input = Records()
        let since = first.addingDays(-lookBackDays)
        let meetings = try await TeamMeetingModel.query(on: db).filter(\.$siteID == siteID)
            .filter(\.$date >= since.description).filter(\.$date < next.description).all()
        let briefings = meetings.isEmpty ? [] : try await AnnouncementBriefingModel.query(on: db).filter(\.$meetingID ~~ meetings.compactMap(\.id)).all()
        let briefed = Dictionary(grouping: briefings, by: \.meetingID).mapValues { Set($0.map(\.announcementID)) }
        input.meetings = meetings.compactMap { row in
            guard let date = LocalDate(row.date), let kind = MeetingKind(rawValue: row.kind) else { return nil }
            return ScorecardInput.Meeting(team: row.teamID, teamName: teamNames[row.teamID] ?? "", kind: kind, date: date, leaderLate: row.leaderLate,
                                          startedAt: ClockTime.parseOrMidnight(row.startedAt), briefed: row.id.flatMap { briefed[$0] } ?? [])
        }
        let until = min(LocalTime.instant(next, in: zone), now)
        let announcements = try await AnnouncementModel.query(on: db).filter(\.$siteID == siteID)
            .filter(\.$publishedAt >= LocalTime.instant(since, in: zone)).filter(\.$publishedAt < until).all()
        let reads = try await TrainingQueries.reads(of: announcements.compactMap(\.id), on: db)
        let readsBy = Dictionary(grouping: reads, by: \.announcement)
        input.announcements = announcements.compactMap { row in
            guard let id = row.id else { return nil }
            let receipts = Dictionary((readsBy[id] ?? []).map { ($0.agent, $0.at) }, uniquingKeysWith: min)
            return ScorecardInput.Announcement(id: id, title: row.title, publishedAt: row.publishedAt, reads: receipts)
        }
        if !agents.isEmpty {
            input.qaFindings = try await QAFindingModel.query(on: db).filter(\.$agentID ~~ agents)
                .filter(\.$createdAt >= LocalTime.instant(since, in: zone)).filter(\.$createdAt < until).all().compactMap { row in
                    guard let id = row.id, let agent = row.agentID else { return nil }
                    return ScorecardInput.QAFinding(id: id, agent: agent, received: LocalDate(row.createdAt, in: zone), trainedAt: row.trainedAt,
                                                    category: row.category)
                }
        }
        input.quizAnswers = try await QuizAnswerModel.query(on: db).filter(\.$siteID == siteID)
            .filter(\.$date >= first.description).filter(\.$date < next.description).all().compactMap { row in
                guard let date = LocalDate(row.date) else { return nil }
                return ScorecardInput.QuizAnswer(agent: row.agentID, date: date, question: row.question, correct: row.correct)
            }
        return input
    }
}

extension ClockTime {
    /// A stored `HH:MM`, or midnight when it cannot be read.
    static func parseOrMidnight(_ text: String) -> ClockTime {
        (try? ClockTime.parse(text, field: "started_at")) ?? ClockTime(minute: 0)!
    }
}
