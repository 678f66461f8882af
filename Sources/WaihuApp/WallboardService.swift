import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The wallboard as one snapshot: the agents logged in that the caller may see, and today's figures
/// of the projects the caller may see (each project's day in its own time zone).
package enum WallboardService {
    package struct Snapshot: Codable, Sendable {
        package var generated_at: Date
        package var busy_alert_minutes: Int
        package var alerts: Int
        package var agents: [Wallboard.AgentRow]
        package var projects: [Wallboard.ProjectRow]
        /// Figures far from their usual range (connect rate by hour, complaints, abandon rate near the cap).
        package var figure_alerts: [FigureAlert]
    }

    /// `phoneLines`: the agents' phone lines when calls go out on the SIP trunk (each agent's row then says whether
    /// their phone is connected); nil on the simulated network. `recount`: whether the day's kept counts and the figure
    /// alerts are counted again before answering, or behind the look (the wallboard's, which never waits on them).
    package static func snapshot(scope: AccessScope, at now: Date, busyAlertMinutes: Int, phoneLines: PhoneLines? = nil,
                                 recount: Recount = .behind(on: nil), on db: any Database) async throws -> Snapshot {
        let projects = try await ProjectQueries.projects(in: scope, on: db)
        let codes = Dictionary(uniqueKeysWithValues: projects.compactMap { p in p.project.id.map { ($0, p.project.code) } })
        let agents = Dictionary(uniqueKeysWithValues: try await AgentQueries.agents(in: scope, on: db).compactMap { a in a.id.map { ($0, a) } })
        let teams = Dictionary(uniqueKeysWithValues: try await OrganisationQueries.teams(in: .organisation, on: db)
            .compactMap { t in t.id.map { ($0, t.name) } })
        let alert = TimeInterval(busyAlertMinutes * 60)
        let wrapUpLimits = Dictionary(uniqueKeysWithValues: projects.compactMap { p in
            p.project.id.map { ($0, TimeInterval(p.project.wrapUpSeconds)) }
        })
        let present = try await AgentStateQueries.loggedIn(on: db).filter { agents[$0.agentID] != nil }
        let usernames = phoneLines == nil ? [:] : try await UserQueries.usernames(ofAgents: present.map(\.agentID), on: db)
        var agentRows: [Wallboard.AgentRow] = []
        for current in present {
            guard let agent = agents[current.agentID] else { continue }
            var row = Wallboard.agent(number: agent.number, name: agent.name, team: agent.teamID.flatMap { teams[$0] },
                                      project: current.projectID.flatMap { codes[$0] }, state: current.state, reason: current.reason,
                                      since: current.since ?? now, now: now, busyAlert: alert,
                                      wrapUpLimit: current.projectID.flatMap { wrapUpLimits[$0] })
            if let phoneLines {
                let line: PhoneLine? = if let username = usernames[current.agentID] { await phoneLines(username) } else { nil }
                row.phone = line ?? PhoneLine(status: "not_configured")
            }
            agentRows.append(row)
        }
        agentRows.sort { $0.number < $1.number }
        // A vendor's wallboard counts its own agents' calls only; the center's see the whole project.
        let only: Set<UUID>? = if case .site = scope { Set(agents.keys) } else { nil }
        var projectRows: [Wallboard.ProjectRow] = []
        var figureAlerts: [FigureAlert] = []
        for record in projects {
            let id = try record.project.requireID()
            let dayStart = LocalTime.startOfDay(now, in: record.zone)
            let tally = try await WallboardDayTallies.tally(project: id, dayStart: dayStart, at: now, agents: only, recount: recount, on: db)
            projectRows.append(Wallboard.project(code: record.project.code, name: record.project.name, dialMode: record.project.dialMode.rawValue,
                                                 tally: tally, dispositions: try await DispositionQueries.inForce(project: id, on: db)))
            figureAlerts += try await AlertService.alerts(project: record.project, abandonRate: projectRows.last?.abandon_rate, at: now,
                                                       recount: recount, on: db)
        }
        return Snapshot(generated_at: now, busy_alert_minutes: busyAlertMinutes, alerts: agentRows.count(where: \.alert),
                        agents: agentRows, projects: projectRows, figure_alerts: figureAlerts)
    }
}
