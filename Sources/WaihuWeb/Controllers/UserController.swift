import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Users and their roles: `/api/v1/users`.
enum UserController {
    struct CreateInput: Content {
        var username: String
        var display_name: String?
        var role: String
        var password: String
        var site_id: UUID?
        var agent_id: UUID?
    }

    struct UpdateInput: Content {
        var display_name: String?
        var role: String?
        var site_id: UUID?
        var agent_id: UUID?
        var active: Bool?
        var language: String?
    }

    static func register(_ app: Application) {
        let users = app.grouped("api", "v1", "users")
        users.endpoint(.GET, permission: .viewUsers, surface: .api, use: list)
        users.endpoint(.POST, permission: .manageUsers, surface: .api, use: create)
        users.endpoint(.GET, ":id", permission: .viewUsers, surface: .api, use: show)
        users.endpoint(.PATCH, ":id", permission: .manageUsers, surface: .api, use: update)
        users.endpoint(.POST, ":id", "unlock", permission: .manageUsers, surface: .api, use: unlock)
    }

    static func list(_ req: Request) async throws -> [UserDTO] {
        let blocked = try await LoginThrottleQueries.blockedUntil(at: req.now, on: req.db)
        return try await UserQueries.users(on: req.db).map { UserDTO($0, lockedUntil: blocked[$0.username.lowercased()]) }
    }

    static func show(_ req: Request) async throws -> UserDTO {
        try await dto(try await find(req), req)
    }

    /// A user as the API shows it, with the throttle's wait on their username.
    static func dto(_ user: UserModel, _ req: Request) async throws -> UserDTO {
        let blocked = try await LoginThrottleQueries.blockedUntil(at: req.now, on: req.db)
        return UserDTO(user, lockedUntil: blocked[user.username.lowercased()])
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.content.decode(CreateInput.self)
        let user = try await AccountService.create(.init(
            username: input.username, displayName: input.display_name, role: try Role.parse(input.role),
            password: input.password, siteID: input.site_id, agentID: input.agent_id,
            mustChangePassword: true), by: req.caller, at: req.now, passwords: BcryptPasswords.shared, on: req.db)
        return try await UserDTO(user).encodeResponse(status: .created, for: req)
    }

    static func update(_ req: Request) async throws -> UserDTO {
        let input = try req.content.decode(UpdateInput.self)
        let user = try await find(req)
        var changes: [String] = []
        if let name = input.display_name {
            user.displayName = try ProjectFields.validateName(name, field: "display_name")
            changes.append("display_name")
        }
        if let raw = input.role {
            let role = try Role.parse(raw)
            changes.append("role \(user.role.rawValue)→\(role.rawValue)")
            user.role = role
        }
        if let site = input.site_id {
            guard try await SiteModel.find(site, on: req.db) != nil else {
                throw DomainError.invalidField("site_id", zh: "职场不存在", en: "no such site")
            }
            user.siteID = site
            changes.append("site_id=\(site)")
        }
        if let agent = input.agent_id { user.agentID = agent; changes.append("agent_id=\(agent)") }
        if let active = input.active {
            if try !active && user.id == req.currentUser().id { throw AccountService.ownAccount }
            user.active = active
            changes.append("active=\(active)")
        }
        if let raw = input.language {
            guard let language = Language(rawValue: raw) else {
                throw DomainError.invalidField("language", zh: "可选 zh 或 en", en: "expected zh or en")
            }
            user.language = language.rawValue
            changes.append("language=\(raw)")
        }
        if user.role == .vendor && user.siteID == nil { throw DomainError.missingField("site_id") }
        let detail = changes.joined(separator: "; ")
        try await StoreTransaction.write(req.db) { db in
            try await user.save(on: db)
            if input.active == false, let id = user.id {
                try await WebSessionQueries.revoke(user: id, keeping: nil, on: db)
                try await UserQueries.revokeTokens(user: id, keeping: nil, on: db)
            }
            try await req.audit("user.update", targetType: "user", targetID: user.id?.uuidString,
                                detail: detail, on: db)
        }
        return try await dto(user, req)
    }

    static func unlock(_ req: Request) async throws -> UserDTO {
        let user = try await find(req)
        try await AccountService.unlock(user, by: req.caller, at: req.now, on: req.db)
        return try await dto(user, req)
    }

    static func find(_ req: Request) async throws -> UserModel {
        guard let id = req.parameters.get("id", as: UUID.self), let user = try await UserModel.find(id, on: req.db) else {
            throw DomainError.notFound(LocalizedText(zh: "用户", en: "user"))
        }
        return user
    }
}
