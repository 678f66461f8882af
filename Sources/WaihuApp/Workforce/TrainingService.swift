import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Training sessions (培训, RULES WF-36 … WF-45): topic, pre-job or on-job, the layer and form it took, its hours and
/// trainer, and who attended with their assessment score.
package enum TrainingService {
    package struct Attendee: Codable, Sendable {
        /// The agent's number (工号).
        package var agent: String
        /// 0–100, when the session was assessed.
        package var score: Double?
        package init(agent: String, score: Double? = nil) {
            self.agent = agent
            self.score = score
        }
    }

    package struct Input: Codable, Sendable {
        package var team_id: UUID?
        package var date: String
        package var topic: String
        package var stage: String
        package var level: String?
        package var format: String?
        package var hours: Double
        package var trainer: String
        package var attendees: [Attendee]
        package init(team_id: UUID? = nil, date: String, topic: String, stage: String, level: String? = nil, format: String? = nil, hours: Double,
                     trainer: String, attendees: [Attendee]) {
            self.team_id = team_id
            self.date = date
            self.topic = topic
            self.stage = stage
            self.level = level
            self.format = format
            self.hours = hours
            self.trainer = trainer
            self.attendees = attendees
        }
    }

    package struct View: Codable, Sendable {
        package var id: UUID
        package var date: String
        package var team: String?
        package var topic: String
        package var stage: String
        package var stage_name: LocalizedText
        package var level: String
        package var level_name: LocalizedText
        package var format: String
        package var format_name: LocalizedText
        package var hours: Double
        package var trainer: String
        package var attendees: [Attendee]
        /// The mean of the scores given.
        package var mean_score: Double?
    }

    package static func record(site siteID: UUID, _ input: Input, by caller: Caller, at now: Date, on db: any Database) async throws -> View {
        try AccessPolicy.require(caller.role, .editRoster)
        let site = try await SiteService.visible(siteID, caller: caller, on: db)
        let team = try await TrainingRecords.team(input.team_id, site: siteID, caller: caller, on: db)
        let date = try await TrainingRecords.heldDate(input.date, at: now, on: db)
        let topic = input.topic.trimmingWhitespace(), trainer = input.trainer.trimmingWhitespace()
        guard !topic.isEmpty else { throw DomainError.missingField("topic") }
        guard topic.count <= 200 else { throw DomainError.invalidField("topic", zh: "主题最多 200 个字", en: "a topic has at most 200 characters") }
        guard !trainer.isEmpty, trainer.count <= 60 else { throw DomainError.missingField("trainer") }
        let stage = try TrainingStage.parse(input.stage)
        let level = try TrainingLevel.parse(input.level ?? TrainingLevel.knowledge.rawValue)
        let format = try TrainingFormat.parse(input.format ?? TrainingFormat.lecture.rawValue)
        guard input.hours.isFinite, input.hours > 0, input.hours <= 24 else {
            throw DomainError.invalidField("hours", zh: "时长须在 0 到 24 小时之间", en: "the hours are more than 0 and at most 24")
        }
        guard !input.attendees.isEmpty else {
            throw DomainError.invalidField("attendees", zh: "至少登记一名参训坐席", en: "name at least one agent who attended")
        }
        for attendee in input.attendees {
            if let score = attendee.score, !(score.isFinite && score >= 0 && score <= 100) {
                throw DomainError.invalidField("score", zh: "\(attendee.agent) 的成绩须在 0 到 100 之间", en: "\(attendee.agent)'s score is from 0 to 100")
            }
        }
        let agents = try await TrainingRecords.agents(input.attendees.map(\.agent), site: siteID, on: db)
        let row = TrainingSessionModel()
        row.id = UUID()
        row.siteID = siteID
        row.teamID = team?.id
        row.date = date.description
        row.topic = topic
        row.stage = stage.rawValue
        row.level = level.rawValue
        row.format = format.rawValue
        row.minutes = Int((input.hours * 60).rounded())
        row.trainer = trainer
        row.createdBy = caller.name
        row.createdAt = now
        let attendees = try zip(input.attendees, agents).map { attendee, agent in
            let seat = TrainingAttendeeModel()
            seat.id = UUID()
            seat.sessionID = row.id!
            seat.agentID = try agent.requireID()
            seat.score = attendee.score
            return seat
        }
        try await db.transaction { tx in
            try await row.create(on: tx)
            for seat in attendees { try await seat.create(on: tx) }
            try await caller.audit("training.record", targetType: "site", targetID: site.name, detail: "\(date) \(topic) · \(attendees.count)", at: now, on: tx)
        }
        return view(row, team: team?.name, attendees: zip(attendees, agents).map { Attendee(agent: $1.number, score: $0.score) })
    }

    static func view(_ row: TrainingSessionModel, team: String?, attendees: [Attendee]) -> View {
        let stage = TrainingStage(rawValue: row.stage) ?? .on_job, level = TrainingLevel(rawValue: row.level) ?? .knowledge
        let format = TrainingFormat(rawValue: row.format) ?? .lecture
        let scores = attendees.compactMap(\.score)
        return View(id: row.id!, date: row.date, team: team, topic: row.topic, stage: stage.rawValue, stage_name: stage.name, level: level.rawValue,
                    level_name: level.name, format: format.rawValue, format_name: format.name, hours: Double(row.minutes) / 60, trainer: row.trainer,
                    attendees: attendees, mean_score: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count))
    }

    /// A month's sessions of a site, newest first.
    package static func list(site siteID: UUID, month text: String, caller: Caller, on db: any Database) async throws -> [View] {
        try AccessPolicy.require(caller.role, .viewRoster)
        _ = try await SiteService.visible(siteID, caller: caller, on: db)
        let (first, next) = try SpotCheck.month(text)
        let rows = try await TrainingSessionModel.query(on: db).filter(\.$siteID == siteID).filter(\.$date >= first.description)
            .filter(\.$date < next.description).sort(\.$date, .descending).sort(\.$createdAt, .descending).all()
        guard !rows.isEmpty else { return [] }
        let seats = try await TrainingAttendeeModel.query(on: db).filter(\.$sessionID ~~ rows.compactMap(\.id)).all()
        let numbers = try await TrainingRecords.numbers(site: siteID, on: db)
        let teams = try await SiteService.teamNames(siteID, on: db)
        return rows.map { row in
            let attendees = seats.filter { $0.sessionID == row.id }.map { Attendee(agent: numbers[$0.agentID] ?? "", score: $0.score) }
                .sorted { $0.agent < $1.agent }
            return view(row, team: row.teamID.flatMap { teams[$0] }, attendees: attendees)
        }
    }
}

/// What the training and quiz records share: the site's team, agents by number, a date already past.
enum TrainingRecords {
    static func team(_ id: UUID?, site siteID: UUID, caller: Caller, on db: any Database) async throws -> TeamModel? {
        guard let id else { return nil }
        guard let team = try await TeamModel.find(id, on: db), team.siteID == siteID, caller.scope.includesTeam(id, inSite: siteID) else {
            throw DomainError.notFound(LocalizedText(zh: "班组", en: "team"))
        }
        return team
    }

    static func heldDate(_ text: String, at now: Date, on db: any Database) async throws -> LocalDate {
        let date = try LocalDate.parse(text, field: "date")
        guard date <= LocalDate(now, in: try await OrganisationQueries.timeZone(on: db)) else {
            throw DomainError.invalidField("date", zh: "只能登记已经发生的记录", en: "only what has already taken place can be recorded")
        }
        return date
    }

    /// The site's agents with these numbers, in the order given; an unknown or repeated number is refused by name.
    static func agents(_ numbers: [String], site siteID: UUID, on db: any Database) async throws -> [AgentModel] {
        let wanted = numbers.map { $0.trimmingWhitespace() }
        var seen = Set<String>()
        for number in wanted where !seen.insert(number).inserted {
            throw DomainError.invalidField("agent", zh: "坐席 \(number) 登记了两次", en: "agent \(number) is named twice")
        }
        let found = try await AgentModel.query(on: db).filter(\.$siteID == siteID).filter(\.$number ~~ wanted).all()
        let byNumber = Dictionary(found.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        return try wanted.map { number in
            guard let agent = byNumber[number] else {
                throw DomainError.invalidField("agent", zh: "本职场没有工号为 \(number) 的坐席", en: "this site has no agent numbered \(number)")
            }
            return agent
        }
    }

    static func numbers(site siteID: UUID, on db: any Database) async throws -> [UUID: String] {
        Dictionary(uniqueKeysWithValues: try await AgentModel.query(on: db).filter(\.$siteID == siteID).all().compactMap { a in a.id.map { ($0, a.number) } })
    }
}
