import ArgumentParser
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore
import WaihuWeb

/// `waihu policy check|rules`: the contact policy (呼叫频次与禁止呼叫规则).
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Check whether a number may be called, and show the contact rules.",
        subcommands: [Check.self, Rules.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "May this number be called for the project now (or --at)? Prints every rule that refuses it and when it may be called.")
        @OptionGroup var db: DatabaseOptions
        @Option var phone: String
        @Option var project: String
        @Option var product: String?
        @Option(help: "An ISO 8601 instant with offset, e.g. 2026-11-25T22:00:00+08:00 (default: now).") var at: String?
        @Option var format: OutputFormat = .text

        func validate() throws {
            if let at, ISO8601DateFormatter().date(from: at) == nil {
                throw ValidationError("--at must be ISO 8601 with an offset, e.g. 2026-11-25T22:00:00+08:00")
            }
        }

        func run() async throws {
            let instant = at.flatMap { ISO8601DateFormatter().date(from: $0) }
            let check = try await db.withStore(readOnly: true) { store in
                try await PolicyService.check(phone: phone, project: try await store.project(project), product: product,
                                              at: instant ?? store.now, on: store.db)
            }
            if format == .json { try printJSON(check); return }
            print(check.allowed ? "allowed / 可以呼叫" : "refused / 不可呼叫")
            for reason in check.reasons {
                print("  \(reason.code): \(reason.message_zh) | \(reason.message_en)")
            }
            if !check.allowed {
                print("next allowed at / 最早可呼叫: " + (check.next_allowed_at.map { ISO8601DateFormatter().string(from: $0) } ?? "never / 不再呼叫"))
            }
        }
    }

    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the contact rules in force (the organisation's, or a project's).")
        @OptionGroup var db: DatabaseOptions
        @Option var project: String?

        func run() async throws {
            let shown = try await db.withStore(readOnly: true) { store in
                let projectID = try await project.asyncMap { try await store.project($0).project.requireID() }
                return try await PolicyQueries.rules(project: projectID, on: store.db)
            }
            print("version \(shown.version)")
            try printJSON(shown.rules)
        }
    }
}
