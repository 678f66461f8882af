import ArgumentParser
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore
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
            let project = try await db.withStore { store in
                ProjectLine(try await ProjectService.create(
                    .init(code: code, name: name, type: try ProjectType.parse(type), target: target, timeZone: timeZone),
                    actor: store.actor("project.create", "project"), at: store.now, on: store.db))
            }
            if format == .json { try printJSON(project) } else { print("project \(project.code) created") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the projects.")
        @OptionGroup var db: DatabaseOptions
        @Option var format: OutputFormat = .text

        func run() async throws {
            let projects = try await db.withStore(readOnly: true) { store in
                try await ProjectQueries.projects(in: store.caller.scope, on: store.db).map(ProjectLine.init)
            }
            if format == .json { try printJSON(projects); return }
            print(["code", "status", "type", "target", "name"].joined(separator: "\t"))
            for p in projects {
                print([p.code, p.status, p.type, p.target.map(String.init) ?? "-", p.name].joined(separator: "\t"))
            }
        }
    }
}

/// A project as `waihu project` prints it.
struct ProjectLine: Encodable {
    var code: String
    var name: String
    var type: String
    var status: String
    var target: Int?
    var time_zone: String

    init(_ record: ProjectRecord) {
        let project = record.project
        code = project.code
        name = project.name
        type = project.type.rawValue
        status = project.status.rawValue
        target = project.target
        time_zone = project.timeZone
    }
}
