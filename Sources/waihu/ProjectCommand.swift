import ArgumentParser
import Foundation
import WaihuWeb

/// `waihu project create|list`.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project", abstract: "Create and list projects.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a project (status: requirement).")
        @OptionGroup var db: DatabaseOptions
        @Option var code: String
        @Option var name: String
        @Option(help: "marketing, satisfaction_survey, return_visit, data_verification, questionnaire, meeting_invitation, vip_care, retention")
        var type: String
        @Option var target: Int?
        @Option(name: .customLong("time-zone")) var timeZone: String?
        @Option var format: OutputFormat = .text

        func run() async throws {
            let project = try await db.withApplication { app in
                try await ConsoleActions.createProject(app, code: code, name: name, type: type, target: target, timeZone: timeZone)
            }
            if format == .json { try printJSON(project) } else { print("project \(project.code) created") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the projects.")
        @OptionGroup var db: DatabaseOptions
        @Option var format: OutputFormat = .text

        func run() async throws {
            let projects = try await db.withApplication(readOnly: true) { app in try await ConsoleActions.listProjects(app) }
            if format == .json { try printJSON(projects); return }
            print(["code", "status", "type", "target", "name"].joined(separator: "\t"))
            for p in projects {
                print([p.code, p.status, p.type, p.target.map(String.init) ?? "-", p.name].joined(separator: "\t"))
            }
        }
    }
}
