import ArgumentParser
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore
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
            let id = try await db.withStore { store in
                var siteID: UUID?
                if let site {
                    guard let found = try await OrganisationQueries.site(named: site, on: store.db) else {
                        throw DomainError.invalidField("site", zh: "职场“\(site)”不存在", en: "no site named '\(site)'")
                    }
                    siteID = found.id
                }
                let user = try await AccountService.create(
                    .init(username: username, displayName: displayName, role: try Role.parse(role), password: password, siteID: siteID),
                    by: store.caller, at: store.now, passwords: store.passwords, on: store.db)
                return try user.requireID()
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
            try await db.withStore { store in
                try await AccountService.resetPassword(username: username, password: password, by: store.caller, at: store.now,
                                                       passwords: store.passwords, on: store.db)
            }
            print("password of \(username) reset")
        }
    }
}
