import ArgumentParser
import Foundation
import WaihuApp
import WaihuWeb

/// `waihu import agents FILE`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import files into Waihu.", subcommands: [Agents.self, Customers.self, DoNotCall.self, Records.self, States.self, Schedules.self, Orders.self, Transcripts.self, Reviews.self, Recordings.self])

    struct Agents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import agents (columns agent, name, site, team, skill, hired_on, left_on); a file with any bad row imports nothing.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "CSV file (UTF-8).") var file: String
        @Option var format: OutputFormat = .text

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let text = String(decoding: data, as: UTF8.self)
            let report = try await db.withStore { store in
                try await AgentService.importRoster(csv: text, actor: store.actor("agent.import", "agent"), at: store.now, on: store.db)
            }
            if format == .json {
                try printJSON(report)
            } else if report.stored {
                print("agents: \(report.rows) rows, \(report.created) created, \(report.updated) updated; sites created \(report.sites_created), teams created \(report.teams_created)")
            } else {
                print("文件未导入 / nothing imported: \(report.rejected.count) bad rows")
                for rejection in report.rejected {
                    print("  \(rejection.reason.zh) | \(rejection.reason.en)")
                }
            }
            if !report.stored { throw ExitCode(Exit.rejected) }
        }
    }
}
