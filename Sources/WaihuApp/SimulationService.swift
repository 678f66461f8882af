import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Storing a simulated day as if it had happened (`waihu simulate --store`).
package enum SimulationService {
    /// What was written.
    package struct Stored: Codable, Sendable {
        package var project: String
        package var date: String
        package var attempts: Int
        package var intervals: Int
    }

    /// Writes the day's attempts and agent state intervals for the project, the day starting at the simulated
    /// start hour of `date` (today by default) in the project's time zone. The simulated seats are played by
    /// the project's agents (of its sites, still employed, in employee-number order); the dials go to its
    /// leads in file order, again from the first when the day dials more than there are. Audited.
    package static func store(_ day: SimulationDay, project record: ProjectRecord, date: LocalDate?, by caller: Caller,
                              at now: Date, on db: any Database) async throws -> Stored {
        let code = record.project.code
        let projectID = try record.project.requireID()
        let zone = record.zone
        let localDate = date ?? LocalTime(now, in: zone).date
        let agents = try await AgentQueries.agents(in: caller.scope, on: db)
            .filter { agent in
                (record.siteIDs.isEmpty || record.siteIDs.contains(agent.siteID))
                    && (agent.leftOn.flatMap(LocalDate.init).map { $0 > localDate } ?? true)
                    && (LocalDate(agent.hiredOn).map { $0 <= localDate } ?? true)
            }
            .sorted { $0.number < $1.number }
        guard agents.count >= day.settings.agents else {
            throw DomainError(.badInput, code: "not_enough_agents",
                              zh: "项目 \(code) 在 \(localDate) 只有 \(agents.count) 名在职坐席，不足模拟的 \(day.settings.agents) 名：请减少 --agents 或先导入坐席",
                              en: "project \(code) has \(agents.count) agents employed on \(localDate), fewer than the \(day.settings.agents) simulated: lower --agents or import agents first")
        }
        let leads = try await LeadModel.query(on: db).filter(\.$projectID == projectID).filter(\.$rejection == nil)
            .sort(\.$line).range(..<max(1, day.attempts.map(\.lead).max().map { $0 + 1 } ?? 1)).all()
            .compactMap { lead in lead.phone.map { (id: lead.id!, phone: $0) } }
        guard !leads.isEmpty else {
            throw DomainError(.badInput, code: "no_leads",
                              zh: "项目 \(code) 还没有可拨打的客户数据：请先导入客户名单",
                              en: "project \(code) has no dialable leads yet: import a customer list first")
        }
        let start = LocalTime.instant(localDate, second: day.settings.network.startHour * 3_600, in: zone)
        let target = SimulatedDayQueries.Target(projectID: projectID, agents: agents.prefix(day.settings.agents).map { $0.id! },
                                                leads: leads, start: start)
        let written = try await SimulatedDayQueries.store(day, into: target, on: db)
        try await caller.audit("simulation.store", targetType: "project", targetID: projectID.uuidString,
                               detail: "date=\(localDate) mode=\(day.settings.mode.rawValue) agents=\(day.settings.agents) seed=\(day.settings.seed) attempts=\(written.attempts)",
                               at: now, on: db)
        return Stored(project: code, date: localDate.description, attempts: written.attempts, intervals: written.intervals)
    }
}
