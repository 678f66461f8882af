import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// What a role's home page shows: its own slice's key figures today beside yesterday, the projects' progress
/// to target, who is scheduled and not logged in, the callbacks an agent owes, the complaints waiting for a
/// judgement and the recent sensitive actions. Each part within the caller's scope.
package enum HomeService {
    package static let keyFigures: [MetricID] = [.calls_made, .connected_calls, .connect_rate, .successful_accounts,
                                                 .online_success_rate, .avg_talk_seconds]

    package struct Figure: Sendable {
        package var id: MetricID
        package var today: Double?
        package var yesterday: Double?
    }

    /// The key figures of everything the scope sees, today and yesterday (local days).
    package static func figures(scope: AccessScope, at now: Date, on db: any Database) async throws -> [Figure] {
        let today = try await DashboardService.today(at: now, on: db)
        func day(_ date: LocalDate) async throws -> MetricRow? {
            let parameters = MetricsService.Parameters(from: date.description, to: date.description,
                                                       metrics: keyFigures.map(\.rawValue).joined(separator: ","))
            return try await MetricsService.compute(parameters, scope: scope, at: now, on: db).rows.first
        }
        let (current, before) = (try await day(today), try await day(today.addingDays(-1)))
        return keyFigures.map { Figure(id: $0, today: current?.value($0), yesterday: before?.value($0)) }
    }

    package struct Progress: Sendable {
        package var code: String
        package var name: String
        package var status: ProjectStatus
        package var target: Int?
        /// completed_accounts: the figure the target counts.
        package var completed: Double
        /// target_progress of the catalog: completed accounts ÷ target; nil without a target.
        package var progress: Double?
    }

    /// The projects the scope sees that are not closed, with their completed accounts to date against their target.
    package static func progress(scope: AccessScope, at now: Date, on db: any Database) async throws -> [Progress] {
        let projects = try await ProjectQueries.projects(in: scope, on: db).filter { $0.project.status != .closed }
        guard !projects.isEmpty else { return [] }
        let parameters = MetricsService.Parameters(project: projects.map(\.project.code).joined(separator: ","), by: "project",
                                                   metrics: "completed_accounts,target_progress")
        let rows = try await MetricsService.compute(parameters, scope: scope, at: now, on: db).rows
        return projects.map { record in
            let row = rows.first { $0.key.project == record.project.code }
            return Progress(code: record.project.code, name: record.project.name,
                            status: record.project.status, target: record.project.target,
                            completed: row?.value(.completed_accounts) ?? 0, progress: row?.value(.target_progress))
        }
    }

    /// The agents of the scope scheduled to attend today who have not logged in since midnight.
    package static func notLoggedIn(scope: AccessScope, at now: Date, on db: any Database) async throws -> [AgentModel] {
        let zone = try await OrganisationQueries.timeZone(on: db)
        let today = LocalTime(now, in: zone).date.description
        let agents = try await AgentQueries.agents(in: scope, on: db)
        let scheduled = Set(try await WorkScheduleModel.query(on: db).filter(\.$date == today).filter(\.$scheduledToAttend == true)
            .all().map(\.agentID))
        guard !scheduled.isEmpty else { return [] }
        let present = Set(try await AgentStateIntervalModel.query(on: db)
            .filter(\.$startedAt >= LocalTime.startOfDay(now, in: zone))
            .filter(\.$state != AgentState.logged_out.rawValue).all().map(\.agentID))
        return agents.filter { agent in agent.id.map { scheduled.contains($0) && !present.contains($0) } ?? false }
    }

    package struct Callback: Sendable {
        package var project: String
        package var name: String
        package var at: Date
        package var overdue: Bool
    }

    /// The callbacks the agent holds that fall due by the end of today, the overdue first.
    package static func callbacks(agent: UUID, at now: Date, on db: any Database) async throws -> [Callback] {
        let zone = try await OrganisationQueries.timeZone(on: db)
        let leads = try await LeadModel.query(on: db).filter(\.$agentID == agent)
            .filter(\.$deferral == LeadDeferral.callback.rawValue)
            .filter(\.$nextAttemptAt < LocalTime.startOfDay(now, in: zone, plusDays: 1))
            .sort(\.$nextAttemptAt).limit(50).all()
        var names: [UUID: String] = [:]
        for id in Set(leads.map(\.projectID)) { names[id] = try await ProjectModel.find(id, on: db)?.name }
        return leads.compactMap { lead in
            guard let at = lead.nextAttemptAt else { return nil }
            return Callback(project: names[lead.projectID] ?? "", name: lead.name ?? lead.customerID ?? "", at: at, overdue: at < now)
        }
    }

    /// Complaints registered and not judged yet, oldest first.
    package static func unjudgedComplaints(on db: any Database) async throws -> [ComplaintModel] {
        try await ComplaintModel.query(on: db).filter(\.$judgedAt == nil).sort(\.$registeredAt).limit(20).all()
    }

    /// The actions an auditor looks at first: numbers revealed, data exported, passwords and rules changed, sign-ins refused.
    package static let sensitiveActions = ["lead.reveal", "dnc.reveal", "export.customers", "export.rejects", "export.audit",
                                           "user.password_reset", "user.update", "user.unlock", "policy.rules", "policy.holidays",
                                           "login.failure", "login.throttled"]

    package static func sensitive(on db: any Database) async throws -> [AuditEntryModel] {
        try await AuditEntryModel.query(on: db).filter(\.$action ~~ sensitiveActions).sort(\.$at, .descending).limit(15).all()
    }
}
