import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// One agent added or changed by hand, from the API or the agents page: the number unique, the team in the
/// agent's site, the dates `YYYY-MM-DD` and the leaving date not before the hiring one. Audited.
extension AgentService {
    package struct NewAgent: Sendable {
        package var number: String
        package var name: String
        package var siteID: UUID
        package var teamID: UUID?
        package var skill: String?
        package var hiredOn: String
        package var leftOn: String?

        package init(number: String, name: String, siteID: UUID, teamID: UUID?, skill: String?, hiredOn: String, leftOn: String?) {
            (self.number, self.name, self.siteID, self.teamID, self.skill, self.hiredOn, self.leftOn) =
                (number, name, siteID, teamID, skill, hiredOn, leftOn)
        }
    }

    /// What changes; nil leaves a field as it is, an empty leaving date clears it.
    package struct AgentChanges: Sendable {
        package var name: String?
        package var teamID: UUID?
        package var skill: String?
        package var leftOn: String?

        package init(name: String? = nil, teamID: UUID? = nil, skill: String? = nil, leftOn: String? = nil) {
            (self.name, self.teamID, self.skill, self.leftOn) = (name, teamID, skill, leftOn)
        }
    }

    package static func create(_ input: NewAgent, by caller: Caller, at now: Date, on db: any Database) async throws -> AgentModel {
        let number = try ProjectFields.validateName(input.number, field: "agent")
        guard try await AgentQueries.agent(number: number, on: db) == nil else {
            throw DomainError(.conflict, code: "agent_exists", zh: "工号 \(number) 已存在", en: "The agent number \(number) exists")
        }
        guard try await SiteModel.find(input.siteID, on: db) != nil else {
            throw DomainError.invalidField("site_id", zh: "职场不存在", en: "no such site")
        }
        try await checkTeam(input.teamID, site: input.siteID, on: db)
        guard let hired = LocalDate(input.hiredOn) else {
            throw DomainError.invalidField("hired_on", zh: "须为 YYYY-MM-DD", en: "expected YYYY-MM-DD")
        }
        let agent = AgentModel(number: number, name: try ProjectFields.validateName(input.name),
                               skill: try Skill.parse(input.skill ?? "dual").rawValue, siteID: input.siteID,
                               teamID: input.teamID, hiredOn: hired.description,
                               leftOn: try leftOn(input.leftOn, hired: hired))
        try await StoreTransaction.write(db) { db in
            try await agent.create(on: db)
            try await caller.audit("agent.create", targetType: "agent", targetID: agent.id?.uuidString, detail: "agent=\(number)", at: now, on: db)
        }
        return agent
    }

    package static func update(_ agent: AgentModel, _ changes: AgentChanges, by caller: Caller, at now: Date, on db: any Database) async throws {
        if let name = changes.name { agent.name = try ProjectFields.validateName(name) }
        if let team = changes.teamID {
            try await checkTeam(team, site: agent.siteID, on: db)
            agent.teamID = team
        }
        if let skill = changes.skill { agent.skill = try Skill.parse(skill).rawValue }
        if let left = changes.leftOn { agent.leftOn = try leftOn(left, hired: LocalDate(agent.hiredOn)) }
        try await StoreTransaction.write(db) { db in
            try await agent.save(on: db)
            try await caller.audit("agent.update", targetType: "agent", targetID: agent.id?.uuidString,
                                   detail: "agent=\(agent.number)" + (agent.leftOn.map { " left_on=\($0)" } ?? ""), at: now, on: db)
        }
    }

    static func checkTeam(_ teamID: UUID?, site: UUID, on db: any Database) async throws {
        guard let teamID else { return }
        guard let team = try await TeamModel.find(teamID, on: db), team.siteID == site else {
            throw DomainError.invalidField("team_id", zh: "班组不存在或不属于该职场", en: "no such team in the agent's site")
        }
    }

    static func leftOn(_ text: String?, hired: LocalDate?) throws -> String? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        guard let date = LocalDate(text) else {
            throw DomainError.invalidField("left_on", zh: "须为 YYYY-MM-DD", en: "expected YYYY-MM-DD")
        }
        if let hired, date < hired {
            throw DomainError.invalidField("left_on", zh: "早于入职日期", en: "before hired_on")
        }
        return date.description
    }
}
