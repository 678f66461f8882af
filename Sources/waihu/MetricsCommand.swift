import ArgumentParser
import Foundation
import WaihuApp
import WaihuCore
import WaihuWeb

/// `waihu metrics`: any metric of the catalog for any slice, as a table, JSON or CSV.
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Compute the metrics of METRICS.md for a slice (lists are comma-separated; --to is inclusive).")
    @OptionGroup var db: DatabaseOptions
    @Option(help: "Project codes.") var project: String?
    @Option(help: "Site names.") var site: String?
    @Option(help: "Team names.") var team: String?
    @Option(help: "Agents' employee numbers.") var agent: String?
    @Option(help: "First local date, YYYY-MM-DD.") var from: String?
    @Option(help: "Last local date, YYYY-MM-DD (inclusive).") var to: String?
    @Option(help: "Split by project,site,team,agent and one of hour,day,week,month.") var by: String?
    @Option(help: "Metric ids, or all (default).") var metrics: String?
    @Option(help: "table, json or csv.") var format: MetricsFormat = .table

    enum MetricsFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    func run() async throws {
        let parameters = MetricsService.Parameters(project: project, site: site, team: team, agent: agent, from: from, to: to,
                                                   by: by, metrics: metrics)
        let result: MetricsService.Result
        do {
            result = try await db.withStore(readOnly: true) { store in
                try await MetricsService.compute(parameters, scope: store.caller.scope, at: store.now, on: store.db)
            }
        } catch let error as DomainError where error.kind == .badInput || error.kind == .notFound {
            // A slice that cannot be read is a usage error: say why, exit 2.
            FileHandle.standardError.write(Data("\(error.message.zh)\n\(error.message.en)\n".utf8))
            throw ExitCode(Exit.usage)
        }
        switch format {
        case .json: try printJSON(result)
        case .csv: print(MetricsExport.csv(result), terminator: "")
        case .table: print(MetricsExport.table(result), terminator: "")
        }
    }
}
