import ArgumentParser
import Foundation
import WaihuCore

/// `waihu` — the one executable: server, migrations, accounts, imports, projects.
struct Waihu: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waihu",
        abstract: "Waihu (外呼): operations platform for outbound call centers.",
        subcommands: [Serve.self, Migrate.self, UserCommand.self, ImportCommand.self, ProjectCommand.self, LeadsCommand.self, PolicyCommand.self,
                      SimulateCommand.self, MetricsCommand.self, CatalogCommand.self, QualityCommand.self,
                      SettlementCommand.self, SitesCommand.self, StaffingCommand.self, SIPCommand.self]
    )
}

/// Exit codes of every command: 0 ok, 1 failure, 2 bad usage, 3 input rejected.
enum Exit {
    static let failure: Int32 = 1
    static let usage: Int32 = 2
    static let rejected: Int32 = 3
}

@main
enum Main {
    static func main() async {
        do {
            var command = try Waihu.parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let error as DomainError {
            FileHandle.standardError.write(Data("\(error.message.zh)\n\(error.message.en)\n".utf8))
            let rejected: Set<DomainError.Kind> = [.badInput, .ruleRefused, .conflict]
            exit(rejected.contains(error.kind) ? Exit.rejected : Exit.failure)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch {
            let code = Waihu.exitCode(for: error)
            if code == .success {
                Waihu.exit(withError: error)
            }
            FileHandle.standardError.write(Data((Waihu.fullMessage(for: error) + "\n").utf8))
            exit(code == .validationFailure ? Exit.usage : Exit.failure)
        }
    }
}
