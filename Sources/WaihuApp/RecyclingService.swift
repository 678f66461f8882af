import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// What one recycling run took back, by cause (RecycleCause).
public struct RecyclingOutcome: Codable, Sendable, Equatable {
    public var period_elapsed = 0
    public var agent_left = 0
    public var on_demand = 0

    public var total: Int { period_elapsed + agent_left + on_demand }
}

/// Taking allocated leads back into the project pool (数据回收): after the project's recycling
/// period, when the agent holding them has left, and on demand. Every run is audited with its counts.
package enum RecyclingService {
    /// The scheduled run: every project's expired allocations, and every leaver's leads.
    package static func runDue(at now: Date, on db: any Database) async throws -> RecyclingOutcome {
        let organisationZone = TimeZone(identifier: try await OrganisationQueries.settings(on: db).timeZone) ?? .current
        return try await StoreTransaction.write(db) { tx in
            var outcome = RecyclingOutcome()
            for project in try await ProjectModel.query(on: tx).all() {
                let period = (try? RecyclingPeriod(months: project.recycleMonths)) ?? .default
                let zone = TimeZone(identifier: project.timeZone) ?? organisationZone
                outcome.period_elapsed += try await LeadAllocationQueries.recycle(
                    project: try project.requireID(), holder: nil, allocatedAtOrBefore: period.cutoff(at: now, timeZone: zone),
                    agentsLeftBy: nil, on: tx)
            }
            outcome.agent_left = try await LeadAllocationQueries.recycle(
                project: nil, holder: nil, allocatedAtOrBefore: nil, agentsLeftBy: LocalDate(now, in: organisationZone), on: tx)
            try await AuditLog.append(AuditEvent(actorID: nil, actorName: "system", action: "lead.recycle", targetType: "lead",
                                                 detail: "scheduled period_elapsed=\(outcome.period_elapsed) agent_left=\(outcome.agent_left)"),
                                      at: now, on: tx)
            return outcome
        }
    }

    /// Takes back what a team or an agent holds in a project, or everything the caller's scope
    /// holds when no holder is named.
    package static func takeBack(project: ProjectRecord, holder: AllocationSource?, scope: AccessScope, actor: AuditEvent,
                                 at now: Date, on db: any Database) async throws -> RecyclingOutcome {
        let projectID = try project.project.requireID()
        // The pool holds nothing to take back: naming it means everyone in the caller's scope.
        let holder = holder == .pool ? nil : holder
        var holders: [AllocationSource?] = [holder]
        if let holder {
            try await AllocationService.checkSource(holder, scope: scope, on: db)
        } else {
            switch scope {
            case .organisation: break
            case .site(let site):
                holders = try await TeamModel.query(on: db).filter(\.$siteID == site).all().compactMap(\.id).map { .team($0) }
                holders += try await AgentModel.query(on: db).filter(\.$siteID == site).all().compactMap(\.id).map { .agent($0) }
            case .teams(let teams, _): holders = teams.map { .team($0) }
            case .ownAgent: throw DomainError.notFound(LocalizedText(zh: "项目", en: "project"))
            }
        }
        let taken = holders
        return try await StoreTransaction.write(db) { tx in
            var outcome = RecyclingOutcome()
            for holder in taken {
                outcome.on_demand += try await LeadAllocationQueries.recycle(
                    project: projectID, holder: holder, allocatedAtOrBefore: nil, agentsLeftBy: nil, on: tx)
            }
            var event = actor
            event.targetID = projectID.uuidString
            event.detail = "project=\(project.project.code) on_demand=\(outcome.on_demand) from="
                + (holder.map(AllocationService.describe) ?? "all")
            try await AuditLog.append(event, at: now, on: tx)
            return outcome
        }
    }
}
