import ArgumentParser
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore

/// `waihu sites`: sites' monthly assessment.
struct SitesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites", abstract: "Sites' assessment scorecards (现场考核).", subcommands: [SitesScorecard.self])
}

/// `waihu sites scorecard`: the month's 54-line scorecard of a site.
struct SitesScorecard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard", abstract: "Print a site's scorecard of a month: each line's occurrences and points, the deductions and the score.",
        discussion: "Computed lines come from the roster, the agent states, the staff records and the submissions; the rest from inspectors' findings. "
            + "A running month counts up to now.")

    @Option(help: "The site's name or id.") var site: String
    @Option(help: "The month, YYYY-MM (the organisation's time zone).") var month: String
    @Option var format: OutputFormat = .text
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let card = try await db.withStore(readOnly: true) { store in
            let found = try await SiteService.resolve(site, caller: store.caller, on: store.db)
            return try await ScorecardService.card(site: try found.requireID(), month: month, caller: store.caller, at: store.now, on: store.db)
        }
        if format == .json {
            struct Line: Encodable { var line: String, points: Double, occurrences: Int }
            struct Output: Encodable { var site: String, month: String, lines: [Line], deductions: Double, score: Double, provisional: Bool }
            return try printJSON(Output(site: card.site, month: card.month,
                                        lines: card.lines.map { Line(line: $0.line, points: Double($0.points) ?? 0, occurrences: $0.occurrences) },
                                        deductions: Double(card.deductions) ?? 0, score: Double(card.score) ?? 0, provisional: card.provisional))
        }
        print("\(card.site) \(card.month)\(card.provisional ? "（进行中 provisional）" : "")")
        print("line\toccurrences\tpoints")
        for line in card.lines where line.occurrences > 0 { print("\(line.line)\t\(line.occurrences)\t-\(line.points)") }
        print("deductions / 扣分\t-\(card.deductions)")
        print("score / 得分\t\(card.score) / \(card.base)")
    }
}

/// `waihu staffing erlang`: agents for a queue by Erlang C, or Erlang A with a patience.
struct StaffingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staffing", abstract: "Staffing calculations (人力测算).", subcommands: [StaffingErlang.self])
}

struct StaffingErlang: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erlang", abstract: "Agents for a queue (callbacks, inbound) by Erlang C, or Erlang A when callers' patience is given.",
        discussion: "Prints agents (raw), scheduled (with shrinkage), wait_probability, service_level, asa_seconds, occupancy, "
            + "and abandon_probability with a patience. With --agents, the figures of that many agents.")

    @Option(help: "Calls offered in the interval.") var calls: Double
    @Option(help: "The interval's length in minutes.") var intervalMinutes: Double = 30
    @Option(help: "Average handle time in seconds.") var aht: Double
    @Option(help: "The share to answer within --within seconds, e.g. 0.8.") var targetSl: Double = 0.8
    @Option(help: "The service level's answer time in seconds.") var within: Double = 20
    @Option(help: "The highest occupancy allowed, e.g. 0.85.") var maxOccupancy: Double?
    @Option(help: "The share of paid time agents are unavailable, e.g. 0.3.") var shrinkage: Double = 0
    @Option(help: "Callers' mean patience in seconds (Erlang A).") var patience: Double?
    @Option(help: "The figures of this many agents instead.") var agents: Int?
    @Option var format: OutputFormat = .text

    func run() throws {
        let result: StaffingResult
        do {
            result = try Staffing.erlang(StaffingRequest(calls: calls, intervalMinutes: intervalMinutes, ahtSeconds: aht, targetServiceLevel: targetSl,
                                                         withinSeconds: within, maxOccupancy: maxOccupancy, shrinkage: shrinkage,
                                                         patienceSeconds: patience, agents: agents))
        } catch {
            throw ValidationError("\(error.message.zh)\n\(error.message.en)")
        }
        if format == .json { return try printJSON(result) }
        print("model\t\(result.model)")
        print("offered_load\t\(String(format: "%.3f", result.offeredLoad))")
        print("agents\t\(result.agents)")
        print("scheduled\t\(result.scheduled)")
        print("wait_probability\t\(String(format: "%.4f", result.waitProbability))")
        print("service_level\t\(String(format: "%.4f", result.serviceLevel))")
        print("asa_seconds\t\(String(format: "%.1f", result.asaSeconds))")
        print("occupancy\t\(String(format: "%.4f", result.occupancy))")
        if let abandon = result.abandonProbability { print("abandon_probability\t\(String(format: "%.4f", abandon))") }
    }
}
