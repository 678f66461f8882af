import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Questions asked at a team's pre-shift meeting (RULES WF-42): each agent's answer right or wrong; every wrong answer
/// costs the site 0.1 on the scorecard's 六.3.
package enum QuizService {
    package struct Answer: Codable, Sendable {
        /// The agent's number (工号).
        package var agent: String
        package var correct: Bool
        package init(agent: String, correct: Bool) {
            self.agent = agent
            self.correct = correct
        }
    }

    package struct Input: Codable, Sendable {
        package var team_id: UUID
        package var date: String
        package var question: String
        package var answers: [Answer]
        package init(team_id: UUID, date: String, question: String, answers: [Answer]) {
            self.team_id = team_id
            self.date = date
            self.question = question
            self.answers = answers
        }
    }

    package struct View: Codable, Sendable {
        package var date: String
        package var team: String
        package var question: String
        package var correct: [String]
        package var wrong: [String]
    }

    package static func record(site siteID: UUID, _ input: Input, by caller: Caller, at now: Date, on db: any Database) async throws -> View {
        try AccessPolicy.require(caller.role, .editRoster)
        let site = try await SiteService.visible(siteID, caller: caller, on: db)
        guard let team = try await TrainingRecords.team(input.team_id, site: siteID, caller: caller, on: db) else { throw DomainError.missingField("team_id") }
        let date = try await TrainingRecords.heldDate(input.date, at: now, on: db)
        let question = input.question.trimmingWhitespace()
        guard !question.isEmpty else { throw DomainError.missingField("question") }
        guard question.count <= 300 else { throw DomainError.invalidField("question", zh: "题目最多 300 个字", en: "a question has at most 300 characters") }
        guard !input.answers.isEmpty else {
            throw DomainError.invalidField("answers", zh: "至少登记一名坐席的回答", en: "record at least one agent's answer")
        }
        let agents = try await TrainingRecords.agents(input.answers.map(\.agent), site: siteID, on: db)
        let rows = try zip(input.answers, agents).map { answer, agent in
            let row = QuizAnswerModel()
            row.id = UUID()
            row.siteID = siteID
            row.teamID = input.team_id
            row.date = date.description
            row.question = question
            row.agentID = try agent.requireID()
            row.correct = answer.correct
            row.recordedBy = caller.name
            row.recordedAt = now
            return row
        }
        try await db.transaction { tx in
            for row in rows { try await row.create(on: tx) }
            let wrong = rows.filter { !$0.correct }.count
            try await caller.audit("quiz.record", targetType: "site", targetID: site.name, detail: "\(team.name) \(date) \(question) · ✗\(wrong)/\(rows.count)", at: now, on: tx)
        }
        return View(date: date.description, team: team.name, question: question,
                    correct: zip(input.answers, agents).filter { $0.0.correct }.map(\.1.number),
                    wrong: zip(input.answers, agents).filter { !$0.0.correct }.map(\.1.number))
    }

    /// A month's questions of a site, newest first, each with who answered right and wrong.
    package static func list(site siteID: UUID, month text: String, caller: Caller, on db: any Database) async throws -> [View] {
        try AccessPolicy.require(caller.role, .viewRoster)
        _ = try await SiteService.visible(siteID, caller: caller, on: db)
        let (first, next) = try SpotCheck.month(text)
        let rows = try await QuizAnswerModel.query(on: db).filter(\.$siteID == siteID).filter(\.$date >= first.description)
            .filter(\.$date < next.description).sort(\.$recordedAt, .descending).all()
        let numbers = try await TrainingRecords.numbers(site: siteID, on: db)
        let teams = try await SiteService.teamNames(siteID, on: db)
        var order: [String] = [], grouped: [String: View] = [:]
        for row in rows {
            let key = "\(row.date) \(row.teamID) \(row.recordedAt.timeIntervalSince1970) \(row.question)"
            if grouped[key] == nil {
                order.append(key)
                grouped[key] = View(date: row.date, team: teams[row.teamID] ?? "", question: row.question, correct: [], wrong: [])
            }
            let number = numbers[row.agentID] ?? ""
            if row.correct { grouped[key]?.correct.append(number) } else { grouped[key]?.wrong.append(number) }
        }
        return order.compactMap { key in grouped[key].map { View(date: $0.date, team: $0.team, question: $0.question, correct: $0.correct.sorted(), wrong: $0.wrong.sorted()) } }
            .sorted { $0.date > $1.date }
    }
}
