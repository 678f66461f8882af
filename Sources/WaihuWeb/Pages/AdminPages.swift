import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Administrators' pages: users, sites and teams, agents (the audit log is `AuditPage`).
enum AdminPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "users", permission: .viewUsers, surface: .page, use: users)
        app.endpoint(.POST, "users", permission: .manageUsers, surface: .page, use: createUser)
        app.endpoint(.POST, "users", ":id", "unlock", permission: .manageUsers, surface: .page, use: unlockUser)
        app.endpoint(.POST, "users", ":id", "role", permission: .manageUsers, surface: .page, use: changeRole)
        app.endpoint(.POST, "users", ":id", "active", permission: .manageUsers, surface: .page, use: setActive)
        app.endpoint(.POST, "users", ":id", "password", permission: .manageUsers, surface: .page, use: resetPassword)
        app.endpoint(.GET, "sites", permission: .viewOrganisation, surface: .page, use: sites)
        app.endpoint(.POST, "sites", permission: .manageSites, surface: .page, use: createSite)
        app.endpoint(.POST, "teams", permission: .manageSites, surface: .page, use: createTeam)
        app.endpoint(.POST, "teams", ":id", permission: .manageSites, surface: .page, use: updateTeam)
        AuditPage.register(app)
        AgentPages.register(app)
    }

    struct Option: Codable {
        var value: String
        var label: String
    }

    struct UsersData: Encodable {
        var users: [Row]
        var roles: [Option]
        var sites: [Option]
        var canManage: Bool
        struct Row: Encodable {
            var id: String
            var username: String
            var displayName: String
            var role: String
            var roleID: String
            var site: String
            var active: Bool
            var locked: Bool
        }
    }

    static func users(_ req: Request) async throws -> View { try await usersPage(req, error: nil) }

    static func usersPage(_ req: Request, error: String?) async throws -> View {
        let lang = req.language
        let sites = try await OrganisationQueries.sites(in: .organisation, on: req.db)
        let siteNames = Dictionary(uniqueKeysWithValues: sites.compactMap { s in s.id.map { ($0, s.name) } })
        let blocked = try await LoginThrottleQueries.blockedUsernames(at: req.now, on: req.db)
        let rows = try await UserQueries.users(on: req.db).map { user in
            UsersData.Row(id: user.id?.uuidString ?? "", username: user.username, displayName: user.displayName,
                          role: user.role.name.text(lang), roleID: user.role.rawValue,
                          site: user.siteID.flatMap { siteNames[$0] } ?? "",
                          active: user.active, locked: blocked.contains(user.username.lowercased()))
        }
        let data = UsersData(users: rows, roles: Role.allCases.map { Option(value: $0.rawValue, label: $0.name.text(lang)) },
                             sites: sites.map { Option(value: $0.id?.uuidString ?? "", label: $0.name) },
                             canManage: AccessPolicy.allows(try req.currentUser().role, .manageUsers))
        return try await PageRenderer.render("users", titleKey: "nav_users", data: data, error: error, for: req)
    }

    struct UserForm: Content {
        var username: String
        var display_name: String?
        var role: String
        var password: String
        var site_id: String?
    }

    static func createUser(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/users", action: {
            let form = try req.content.decode(UserForm.self)
            _ = try await AccountService.create(.init(
                username: form.username, displayName: FormFlow.optional(form.display_name), role: try Role.parse(form.role),
                password: form.password, siteID: FormFlow.optional(form.site_id).flatMap(UUID.init(uuidString:)),
                mustChangePassword: true), by: req.caller, at: req.now, passwords: BcryptPasswords.shared, on: req.db)
        }, page: { try await usersPage(req, error: $0) })
    }

    static func unlockUser(_ req: Request) async throws -> Response {
        try await AccountService.unlock(try await UserController.find(req), by: req.caller, at: req.now, on: req.db)
        return req.redirect(to: "/users?notice=saved")
    }

    struct RoleForm: Content {
        var role: String
    }

    static func changeRole(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/users", action: {
            let role = try Role.parse(try req.content.decode(RoleForm.self).role)
            try await AccountService.changeRole(of: try await UserController.find(req), to: role, by: req.caller, at: req.now, on: req.db)
        }, page: { try await usersPage(req, error: $0) })
    }

    struct ActiveForm: Content {
        var active: String
    }

    static func setActive(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/users", action: {
            let active = try req.content.decode(ActiveForm.self).active == "true"
            try await AccountService.setActive(try await UserController.find(req), active, by: req.caller, at: req.now, on: req.db)
        }, page: { try await usersPage(req, error: $0) })
    }

    struct ResetForm: Content {
        var password: String
        var confirm_password: String
    }

    /// A new password set by the administrator, to be changed at the user's next sign-in.
    static func resetPassword(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/users", action: {
            let form = try req.content.decode(ResetForm.self)
            guard form.password == form.confirm_password else { throw PasswordPages.mismatch }
            try await AccountService.resetPassword(username: try await UserController.find(req).username, password: form.password,
                                                   by: req.caller, at: req.now, passwords: BcryptPasswords.shared, on: req.db)
        }, page: { try await usersPage(req, error: $0) })
    }

    struct SitesData: Encodable {
        var sites: [SiteRow]
        var kinds: [Option]
        var supervisors: [Option]
        var canManage: Bool
        struct SiteRow: Encodable {
            var id: String
            var name: String
            var kind: String
            var teams: [TeamRow]
        }
        struct TeamRow: Encodable {
            var id: String
            var name: String
            var supervisorID: String
            var supervisor: String
        }
    }

    static func sites(_ req: Request) async throws -> View { try await sitesPage(req, error: nil) }

    static func sitesPage(_ req: Request, error: String?) async throws -> View {
        let lang = req.language
        let scope = try req.currentUser().scope
        let teams = try await OrganisationQueries.teams(in: scope, on: req.db)
        let supervisors = try await UserModel.query(on: req.db).filter(\.$roleCode == Role.supervisor.rawValue).all()
        let supervisorNames = Dictionary(uniqueKeysWithValues: supervisors.compactMap { user in user.id.map { ($0, user.displayName) } })
        let rows = try await OrganisationQueries.sites(in: scope, on: req.db).map { site in
            SitesData.SiteRow(id: site.id?.uuidString ?? "", name: site.name,
                              kind: site.kind.name.text(lang),
                              teams: teams.filter { $0.siteID == site.id }.map { team in
                                  SitesData.TeamRow(id: team.id?.uuidString ?? "", name: team.name,
                                                    supervisorID: team.supervisorID?.uuidString ?? "",
                                                    supervisor: team.supervisorID.flatMap { supervisorNames[$0] } ?? "")
                              })
        }
        let data = SitesData(sites: rows, kinds: SiteKind.allCases.map { Option(value: $0.rawValue, label: $0.name.text(lang)) },
                             supervisors: supervisors.map { Option(value: $0.id?.uuidString ?? "", label: $0.displayName) },
                             canManage: AccessPolicy.allows(try req.currentUser().role, .manageSites))
        return try await PageRenderer.render("sites", titleKey: "nav_sites", data: data, error: error, for: req)
    }

    struct SiteForm: Content {
        var name: String
        var kind: String
    }

    static func createSite(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/sites", action: {
            let form = try req.content.decode(SiteForm.self)
            _ = try await OrganisationService.createSite(name: form.name, kind: try SiteKind.parse(form.kind), by: req.caller, at: req.now, on: req.db)
        }, page: { try await sitesPage(req, error: $0) })
    }

    struct TeamForm: Content {
        var site_id: String
        var name: String
        var supervisor_id: String?
    }

    static func createTeam(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/sites", action: {
            let form = try req.content.decode(TeamForm.self)
            guard let site = UUID(uuidString: form.site_id) else { throw DomainError.missingField("site_id") }
            _ = try await OrganisationService.createTeam(
                siteID: site, name: form.name,
                supervisorID: FormFlow.optional(form.supervisor_id).flatMap(UUID.init(uuidString:)), by: req.caller, at: req.now, on: req.db)
        }, page: { try await sitesPage(req, error: $0) })
    }

    struct TeamChange: Content {
        var name: String
        var supervisor_id: String?
    }

    /// A team renamed or given another supervisor.
    static func updateTeam(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/sites", action: {
            let form = try req.content.decode(TeamChange.self)
            guard let id = req.parameters.get("id", as: UUID.self), let team = try await TeamModel.find(id, on: req.db) else {
                throw DomainError.notFound(LocalizedText(zh: "班组", en: "team"))
            }
            try await OrganisationService.updateTeam(team, name: form.name,
                                                     supervisorID: FormFlow.optional(form.supervisor_id).flatMap(UUID.init(uuidString:)),
                                                     by: req.caller, at: req.now, on: req.db)
        }, page: { try await sitesPage(req, error: $0) })
    }
}
