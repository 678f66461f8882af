import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// What an allocation did: how many leads each target received.
public struct AllocationOutcome: Codable, Sendable {
    public var allocated: Int
    public var targets: [Line]
    /// The leads asked for (a count each, or a total); nil for "all there are". More than `allocated` when
    /// fewer leads were free: the rest were not there to give.
    public var requested: Int?

    /// Fewer given than asked.
    public var short: Bool { requested.map { allocated < $0 } ?? false }

    public struct Line: Codable, Sendable {
        public var team: String?
        public var agent: String?
        public var count: Int
    }
}

/// Allocating leads to teams and agents (数据分配): shared by the API, the project page and the CLI.
/// Every allocation is one transaction and one audit line.
package enum AllocationService {
    package struct Request: Sendable {
        package var targets: [AllocationTarget]
        package var source: AllocationSource = .pool
        package var mode: AllocationMode
        package var filter = LeadFilter()

        package init(targets: [AllocationTarget], source: AllocationSource = .pool, mode: AllocationMode,
                     filter: LeadFilter = LeadFilter()) {
            self.targets = targets
            self.source = source
            self.mode = mode
            self.filter = filter
        }
    }

    /// A target resolved to the rows it names.
    package struct Holder: Sendable {
        package var siteID: UUID
        package var teamID: UUID?
        package var agentID: UUID?
        package var line: AllocationOutcome.Line
    }

    package static func allocate(_ request: Request, in project: ProjectRecord, scope: AccessScope, actor: AuditEvent,
                                 at now: Date, on db: any Database) async throws -> AllocationOutcome {
        guard project.project.status.acceptsAllocation else {
            throw DomainError(.ruleRefused, code: "project_closed",
                              zh: "项目已结项或正在结项，不能再分配数据", en: "The project is closing or closed; its leads cannot be allocated")
        }
        let projectID = try project.project.requireID()
        var holders: [Holder] = []
        for target in request.targets {
            let holder = try await resolve(target, project: project, scope: scope, on: db)
            guard !holders.contains(where: { $0.teamID == holder.teamID && $0.agentID == holder.agentID }) else { continue }
            holders.append(holder)
        }
        try await checkSource(request.source, scope: scope, on: db)
        // No customer data to a vendor's agents without a qualification, a contract and an NDA (issue 18 item 3).
        let today = LocalDate(now, in: try await OrganisationQueries.timeZone(on: db))
        for site in Set(holders.map(\.siteID)) { try await VendorService.gate(site: site, on: today, db: db) }
        let targets = holders
        return try await StoreTransaction.write(db) { tx in
            let limit: Int? = switch request.mode {
            case .eachCount(let count): count * max(targets.count, 1)
            case .evenly(let limit): limit
            }
            let candidates = try await LeadAllocationQueries.candidates(
                project: projectID, source: request.source, filter: request.filter, limit: limit, on: tx)
            let quotas = try AllocationPlan.quotas(available: candidates.count, targets: targets.count, mode: request.mode)
            try AllocationPlan.requireLeads(candidates.count)
            var outcome = AllocationOutcome(allocated: 0, targets: [], requested: limit)
            for (holder, hand) in zip(targets, AllocationPlan.deal(candidates, quotas: quotas)) {
                var line = holder.line
                line.count = try await LeadAllocationQueries.assign(
                    hand, from: request.source, project: projectID, team: holder.teamID, agent: holder.agentID, at: now, on: tx)
                outcome.allocated += line.count
                outcome.targets.append(line)
            }
            var event = actor
            event.targetID = projectID.uuidString
            event.detail = "project=\(project.project.code) from=\(describe(request.source)) "
                + outcome.targets.map { "\($0.agent.map { "agent:\($0)" } ?? "team:\($0.team ?? "-")")×\($0.count)" }.joined(separator: ",")
                + describe(request.filter)
            try await AuditLog.append(event, at: now, on: tx)
            return outcome
        }
    }

    package static func resolve(_ target: AllocationTarget, project: ProjectRecord, scope: AccessScope,
                                on db: any Database) async throws -> Holder {
        switch target {
        case .team(let id):
            guard let team = try await TeamModel.find(id, on: db), scope.includesTeam(id, inSite: team.siteID) else {
                throw DomainError.notFound(LocalizedText(zh: "班组 \(id)", en: "team \(id)"))
            }
            try checkSite(team.siteID, of: project, name: team.name)
            return Holder(siteID: team.siteID, teamID: id, agentID: nil, line: .init(team: team.name, agent: nil, count: 0))
        case .agent(let id):
            guard let agent = try await AgentModel.find(id, on: db),
                  scope.includesAgent(id, team: agent.teamID, site: agent.siteID) else {
                throw DomainError.notFound(LocalizedText(zh: "坐席 \(id)", en: "agent \(id)"))
            }
            if let left = agent.leftOn, !left.isEmpty {
                throw DomainError(.ruleRefused, code: "agent_left",
                                  zh: "坐席 \(agent.number) 已于 \(left) 离职，不能分配数据",
                                  en: "Agent \(agent.number) left on \(left) and cannot receive leads")
            }
            try checkSite(agent.siteID, of: project, name: agent.number)
            let team = try await agent.teamID.asyncMap { try await TeamModel.find($0, on: db) }
            return Holder(siteID: agent.siteID, teamID: agent.teamID, agentID: id, line: .init(team: team??.name, agent: agent.number, count: 0))
        }
    }

    /// A project that names its sites takes agents and teams from those sites only.
    package static func checkSite(_ site: UUID, of project: ProjectRecord, name: String) throws {
        guard project.siteIDs.isEmpty || project.siteIDs.contains(site) else {
            throw DomainError(.ruleRefused, code: "site_not_in_project",
                              zh: "\(name) 所在职场未参与项目 \(project.project.code)",
                              en: "\(name) belongs to a site that does not take part in project \(project.project.code)")
        }
    }

    package static func checkSource(_ source: AllocationSource, scope: AccessScope, on db: any Database) async throws {
        switch source {
        case .pool: return
        case .team(let id):
            guard let team = try await TeamModel.find(id, on: db), scope.includesTeam(id, inSite: team.siteID) else {
                throw DomainError.notFound(LocalizedText(zh: "班组 \(id)", en: "team \(id)"))
            }
        case .agent(let id):
            guard let agent = try await AgentModel.find(id, on: db),
                  scope.includesAgent(id, team: agent.teamID, site: agent.siteID) else {
                throw DomainError.notFound(LocalizedText(zh: "坐席 \(id)", en: "agent \(id)"))
            }
        }
    }

    package static func describe(_ source: AllocationSource) -> String {
        switch source {
        case .pool: "pool"
        case .team(let id): "team:\(id)"
        case .agent(let id): "agent:\(id)"
        }
    }

    package static func describe(_ filter: LeadFilter) -> String {
        var parts: [String] = []
        if let batch = filter.batchID { parts.append("batch=\(batch)") }
        if let attribute = filter.attribute { parts.append("\(attribute.name)=\(attribute.value)") }
        return parts.isEmpty ? "" : " filter " + parts.joined(separator: " ")
    }
}

extension Optional {
    package func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension AllocationService {
    /// An agent named by employee number (工号) or id.
    package static func agentID(_ key: String, on db: any Database) async throws -> UUID {
        if let id = UUID(uuidString: key) { return id }
        guard let agent = try await AgentQueries.agent(number: key, on: db), let id = agent.id else {
            throw DomainError.notFound(LocalizedText(zh: "坐席 \(key)", en: "agent \(key)"))
        }
        return id
    }

    /// A team by id, by name when only one site has it, or as `site/team`.
    package static func teamID(_ key: String, on db: any Database) async throws -> UUID {
        if let id = UUID(uuidString: key) { return id }
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        var teams = try await TeamModel.query(on: db).filter(\.$name == parts.last ?? key).all()
        if parts.count == 2, let site = try await OrganisationQueries.site(named: parts[0], on: db) {
            teams = teams.filter { $0.siteID == site.id }
        }
        guard teams.count == 1, let id = teams[0].id else {
            throw teams.isEmpty
                ? DomainError.notFound(LocalizedText(zh: "班组 \(key)", en: "team \(key)"))
                : DomainError.invalidField("team", zh: "多个职场有班组“\(key)”，请写成 职场/班组",
                                           en: "several sites have a team '\(key)'; write site/team")
        }
        return id
    }

    /// Where leads are taken from, written `pool`, `team:NAME` or `agent:NUMBER`.
    package static func source(_ text: String, on db: any Database) async throws -> AllocationSource {
        if text == "pool" { return .pool }
        if text.hasPrefix("team:") { return .team(try await teamID(String(text.dropFirst(5)), on: db)) }
        if text.hasPrefix("agent:") { return .agent(try await agentID(String(text.dropFirst(6)), on: db)) }
        throw DomainError.invalidField("from", zh: "须为 pool、team:班组名 或 agent:工号", en: "expected pool, team:NAME or agent:NUMBER")
    }
}
