import Fluent
import Foundation
import Vapor
import WaihuCore
import WaihuStore

/// What the `waihu` command line does with a configured application: the same services
/// as the API, with the console as the audit actor.
public enum ConsoleActions {
    static func actor(_ action: String, _ type: String) -> AuditEvent {
        AuditEvent(actorID: nil, actorName: "console", action: action, targetType: type)
    }

    /// Creates an account; returns its id.
    public static func createUser(_ app: Application, username: String, displayName: String?, role: String,
                                  password: String, site: String?) async throws -> UUID {
        var siteID: UUID?
        if let site {
            guard let found = try await OrganisationQueries.site(named: site, on: app.db) else {
                throw DomainError.invalidField("site", zh: "职场“\(site)”不存在", en: "no site named '\(site)'")
            }
            siteID = found.id
        }
        let user = try await AccountService.create(.init(username: username, displayName: displayName,
                                                          role: try Role.parse(role), password: password,
                                                          siteID: siteID), on: app.db)
        var event = actor("user.create", "user")
        event.targetID = user.id?.uuidString
        event.detail = "username=\(user.username) role=\(user.role)"
        try await AuditLog.append(event, at: app.now, on: app.db)
        return try user.requireID()
    }

    /// Sets a new password (to be changed at the next web login) and clears a lock.
    public static func resetPassword(_ app: Application, username: String, password: String) async throws {
        guard let user = try await UserQueries.user(username: username, on: app.db) else {
            throw DomainError.notFound(LocalizedText(zh: "用户 \(username)", en: "user \(username)"))
        }
        try PasswordRules.validate(password)
        user.passwordHash = try Bcrypt.hash(password)
        user.mustChangePassword = true
        let id = try user.requireID()
        try await StoreTransaction.write(app.db) { db in
            try await user.save(on: db)
            try await LoginThrottleQueries.clear(username: username, on: db)
            try await WebSessionQueries.revoke(user: id, keeping: nil, on: db)
            try await UserQueries.revokeTokens(user: id, keeping: nil, on: db)
        }
        var event = actor("user.password_reset", "user")
        event.targetID = user.id?.uuidString
        try await AuditLog.append(event, at: app.now, on: app.db)
    }

    /// The outcome of an agents file, as the CLI prints it.
    public struct AgentImport: Encodable, Sendable {
        public var stored: Bool
        public var rows: Int
        public var created: Int
        public var updated: Int
        public var sites_created: Int
        public var teams_created: Int
        public var rejected: [RowRejection]
    }

    public static func importAgents(_ app: Application, csv: String) async throws -> AgentImport {
        let report = try await AgentService.importRoster(csv: csv, actor: actor("agent.import", "agent"), at: app.now, on: app.db)
        return AgentImport(stored: report.stored, rows: report.rows, created: report.created, updated: report.updated,
                           sites_created: report.sites_created, teams_created: report.teams_created,
                           rejected: report.rejected)
    }

    /// A project as the CLI prints it.
    public struct ProjectLine: Encodable, Sendable {
        public var code: String
        public var name: String
        public var type: String
        public var status: String
        public var target: Int?
        public var time_zone: String
    }

    static func line(_ record: ProjectRecord) -> ProjectLine {
        let p = record.project
        return ProjectLine(code: p.code, name: p.name, type: p.type.rawValue, status: p.status.rawValue, target: p.target, time_zone: p.timeZone)
    }

    public static func createProject(_ app: Application, code: String, name: String, type: String,
                                     target: Int?, timeZone: String?) async throws -> ProjectLine {
        let record = try await ProjectService.create(
            .init(code: code, name: name, type: try ProjectType.parse(type), target: target, timeZone: timeZone),
            actor: actor("project.create", "project"), at: app.now, on: app.db)
        return line(record)
    }

    public static func listProjects(_ app: Application) async throws -> [ProjectLine] {
        try await ProjectQueries.projects(in: .organisation, on: app.db).map(line)
    }
}
