import ArgumentParser
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore

/// `waihu qa`: quality inspection from the console.
struct QualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa", abstract: "Quality inspection (质检): sample calls for review, list forbidden-phrase hits.",
        subcommands: [QualitySample.self, QualityPhrases.self])
}

/// `waihu qa sample`: chooses a project's connected calls of a period for review, seeded and reproducible, never a call
/// sampled before; prints the chosen attempt ids and creates the review tasks.
struct QualitySample: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Sample a project's connected calls for review (抽检) and create the tasks.",
        discussion: "Default: max(5, 1% of the agent's connected calls) per agent. The same plan and seed choose the same calls.")

    @Option(help: "Project code.") var project: String
    @Option(help: "First day, YYYY-MM-DD (the organisation's days).") var from: String
    @Option(help: "Last day, YYYY-MM-DD.") var to: String
    @Option(name: .customLong("per-agent"), help: "Calls per agent.") var perAgent: Int?
    @Option(help: "Share of each agent's connected calls (0.01 = 1%), at least 5.") var share: Double?
    @Option(name: .customLong("min-talk"), help: "Only calls talked at least this many seconds.") var minTalk: Int = 0
    @Option(help: "Only calls ending in these results, comma-separated codes.") var dispositions: String?
    @Option(help: "Inspectors' usernames, comma-separated (default: every active QA inspector).") var inspectors: String?
    @Option(help: "Only the agents of this site (its name).") var site: String?
    @Option(help: "Only the agents of this team (its name).") var team: String?
    @Option(help: "Seed of the choice: the same seed, the same calls.") var seed: UInt64
    @Option var format: OutputFormat = .text
    @OptionGroup var db: DatabaseOptions

    func validate() throws {
        if perAgent != nil && share != nil { throw ValidationError("--per-agent and --share exclude each other") }
        if LocalDate(from) == nil || LocalDate(to) == nil { throw ValidationError("--from and --to must be YYYY-MM-DD") }
    }

    func run() async throws {
        let amount: SamplingPlan.Amount = perAgent.map { .perAgent($0) } ?? share.map { .share($0, minimum: 5) } ?? SamplingPlan.defaultAmount
        let plan = try SamplingPlan(amount: amount, minimumTalk: minTalk,
                                    dispositions: dispositions.map { Set($0.split(separator: ",").map { String($0).trimmingWhitespace() }) }, seed: seed)
        let outcome = try await db.withStore { store in
            try await QualityService.sample(project: try await store.project(project), from: LocalDate(from)!, to: LocalDate(to)!, plan: plan,
                                            inspectors: inspectors.map { $0.split(separator: ",").map { String($0).trimmingWhitespace() } },
                                            site: site, team: team, actor: store.actor("qa.sample", "project"), at: store.now, on: store.db)
        }
        if format == .json {
            try printJSON(outcome)
        } else {
            for id in outcome.attempt_ids { print(id.uuidString) }
            print("sampled / 已抽检: \(outcome.attempt_ids.count) calls; tasks by inspector / 按质检员: "
                  + outcome.by_inspector.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }
}

/// `waihu qa phrases`: the forbidden phrases and missing courtesy phrases found on the agent's side of transcripts.
struct QualityPhrases: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phrases", abstract: "List forbidden-phrase hits (服务忌语) found in transcripts.")

    @Option(help: "Project code (all projects when absent).") var project: String?
    @Option(help: "First day of the calls, YYYY-MM-DD.") var from: String?
    @Option(help: "Last day of the calls, YYYY-MM-DD.") var to: String?
    @Option var format: OutputFormat = .text
    @OptionGroup var db: DatabaseOptions

    func validate() throws {
        if let from, LocalDate(from) == nil { throw ValidationError("--from must be YYYY-MM-DD") }
        if let to, LocalDate(to) == nil { throw ValidationError("--to must be YYYY-MM-DD") }
    }

    func run() async throws {
        let hits = try await db.withStore(readOnly: true) { store in
            let zone = try await OrganisationQueries.timeZone(on: store.db)
            return try await PhraseQueries.hits(project: try await project.asyncMap { try await store.project($0).project.requireID() },
                                                from: from.flatMap(LocalDate.init).map { LocalTime.instant($0, in: zone) },
                                                to: to.flatMap(LocalDate.init).map { LocalTime.instant($0.addingDays(1), in: zone) }, on: store.db)
        }
        if format == .json { return try printJSON(hits) }
        for hit in hits {
            let category = PhraseCategory(rawValue: hit.category)?.name ?? LocalizedText(zh: hit.category, en: hit.category)
            print("\(hit.attempt_id.uuidString)  \(hit.start_ms / 1000)s  \(hit.phrase)  \(category.zh) / \(category.en)")
        }
        print("hits / 命中: \(hits.count)")
    }
}
