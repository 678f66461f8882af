import ArgumentParser
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

/// `waihu leads allocate|recycle|holdings`: allocation of customer data (数据分配与回收).
struct LeadsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leads", abstract: "Allocate a project's leads to teams and agents, take them back, see where they are.",
        subcommands: [Allocate.self, Recycle.self, Holdings.self])

    struct Allocate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Allocate leads by count (--count per target) or evenly (default, --limit in total); audited.")
        @OptionGroup var db: DatabaseOptions
        @Option var project: String
        @Option(name: .customLong("agent"), help: "An agent's employee number (工号); repeat for several.") var agents: [String] = []
        @Option(name: .customLong("team"), help: "A team's name, or site/team; repeat for several.") var teams: [String] = []
        @Option(help: "Leads per target.") var count: Int?
        @Option(help: "Evenly: at most this many in total.") var limit: Int?
        @Option(help: "pool (default), team:NAME or agent:NUMBER (re-allocation).") var from = "pool"
        @Option(help: "Only leads of this batch id.") var batch: String?
        @Option(help: "Only leads whose column NAME has VALUE, as NAME=VALUE (e.g. 地区=杭州).") var attribute: String?
        @Option var format: OutputFormat = .text

        func validate() throws {
            guard !agents.isEmpty || !teams.isEmpty else { throw ValidationError("name at least one --agent or --team") }
            guard count == nil || limit == nil else { throw ValidationError("--count and --limit exclude each other") }
            if let batch, UUID(uuidString: batch) == nil { throw ValidationError("--batch must be a batch id") }
            if let attribute, !attribute.contains("=") { throw ValidationError("--attribute must be NAME=VALUE") }
        }

        func run() async throws {
            let filter = attribute.map { text -> (name: String, value: String) in
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }
            let outcome = try await db.withStore { store in
                var targets: [AllocationTarget] = []
                for team in teams { targets.append(.team(try await AllocationService.teamID(team, on: store.db))) }
                for agent in agents { targets.append(.agent(try await AllocationService.agentID(agent, on: store.db))) }
                let request = AllocationService.Request(
                    targets: targets, source: try await AllocationService.source(from, on: store.db),
                    mode: count.map(AllocationMode.eachCount) ?? .evenly(limit: limit),
                    filter: LeadFilter(batchID: batch.flatMap(UUID.init(uuidString:)), attribute: filter))
                return try await AllocationService.allocate(request, in: try await store.project(project), scope: store.caller.scope,
                                                            actor: store.actor("lead.allocate", "project"), at: store.now, on: store.db)
            }
            if format == .json { try printJSON(outcome); return }
            print("allocated \(outcome.allocated) / 已分配 \(outcome.allocated)")
            for line in outcome.targets { print("  \(line.agent ?? "-")\t\(line.team ?? "-")\t\(line.count)") }
        }
    }

    struct Recycle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take allocated leads back into the pool (from all, team:NAME or agent:NUMBER), or run the scheduled recycling now (--due).")
        @OptionGroup var db: DatabaseOptions
        @Option var project: String?
        @Option(help: "all (default), team:NAME or agent:NUMBER.") var from = "all"
        @Flag(help: "Every project: what the recycling period and leavers make due now.") var due = false
        @Option var format: OutputFormat = .text

        func validate() throws {
            guard due || project != nil else { throw ValidationError("name --project, or use --due") }
        }

        func run() async throws {
            let outcome = try await db.withStore { store in
                if due { return try await RecyclingService.runDue(at: store.now, on: store.db) }
                guard let project else { throw DomainError.missingField("project") }
                let holder: AllocationSource? = from == "all" ? nil : try await AllocationService.source(from, on: store.db)
                return try await RecyclingService.takeBack(project: try await store.project(project), holder: holder,
                                                           scope: store.caller.scope, actor: store.actor("lead.recycle", "project"),
                                                           at: store.now, on: store.db)
            }
            if format == .json { try printJSON(outcome); return }
            print("taken back \(outcome.total) / 已回收 \(outcome.total) (period_elapsed \(outcome.period_elapsed), agent_left \(outcome.agent_left), on_demand \(outcome.on_demand))")
        }
    }

    struct Holdings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Where a project's leads are: pool, teams, agents.")
        @OptionGroup var db: DatabaseOptions
        @Option var project: String
        @Option var format: OutputFormat = .text

        func run() async throws {
            let holdings = try await db.withStore(readOnly: true) { store in
                try await HoldingsDTO.load(project: try await store.project(project), scope: store.caller.scope, on: store.db)
            }
            if format == .json { try printJSON(holdings); return }
            print("pool \(holdings.pool)  allocated \(holdings.allocated)  finished \(holdings.finished)  rejected \(holdings.rejected)  recycle after \(holdings.recycle_months) months")
            for team in holdings.teams where team.unassigned > 0 { print("  -\t\(team.name)\t\(team.unassigned)") }
            for agent in holdings.agents where agent.count > 0 { print("  \(agent.number)\t\(agent.team ?? "-")\t\(agent.count)") }
        }
    }
}
