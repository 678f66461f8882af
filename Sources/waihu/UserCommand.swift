import ArgumentParser
import Foundation
import WaihuWeb

/// `waihu user create|reset-password`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage user accounts.",
        subcommands: [Create.self, ResetPassword.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account.")
        @OptionGroup var db: DatabaseOptions
        @Option var username: String
        @Option(help: "admin, manager, supervisor, qa, agent, vendor or auditor") var role: String
        @Option(help: "At least 8 characters with letters and digits.") var password: String
        @Option(name: .customLong("display-name")) var displayName: String?
        @Option(help: "Site name (required for vendor users).") var site: String?

        func run() async throws {
            let id = try await db.withApplication { app in
                try await ConsoleActions.createUser(app, username: username, displayName: displayName, role: role,
                                                    password: password, site: site)
            }
            print("user \(username) created (\(id))")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new password, to be changed at the next login; unlocks the account.")
        @OptionGroup var db: DatabaseOptions
        @Option var username: String
        @Option var password: String

        func run() async throws {
            try await db.withApplication { app in
                try await ConsoleActions.resetPassword(app, username: username, password: password)
            }
            print("password of \(username) reset")
        }
    }
}
