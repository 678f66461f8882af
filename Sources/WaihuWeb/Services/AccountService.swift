import Fluent
import Vapor
import WaihuCore
import WaihuStore

/// Signing in, accounts and passwords: shared by the API, the pages and the CLI.
enum AccountService {
    /// Checks a username and password, applying the lockout rule and auditing the attempt.
    static func authenticate(username: String, password: String, ip: String?, at now: Date,
                             on db: any Database) async throws -> UserModel {
        let event = { (action: String, detail: String, user: UserModel?) in
            AuditEvent(actorID: user?.id, actorName: username, action: action, targetType: "user",
                       targetID: user?.id?.uuidString, detail: detail, ip: ip)
        }
        guard let user = try await UserQueries.user(username: username, on: db), user.active else {
            try await AuditLog.append(event("login.failure", "unknown or inactive user", nil), at: now, on: db)
            throw AuthErrors.badCredentials
        }
        let lockout = LoginLockout(failures: user.failedLogins, lockedUntil: user.lockedUntil)
        if lockout.isLocked(at: now) {
            try await AuditLog.append(event("login.locked", "refused: account locked", user), at: now, on: db)
            throw lockout.lockedError(at: now)
        }
        guard try Bcrypt.verify(password, created: user.passwordHash) else {
            let next = lockout.afterFailure(at: now)
            user.failedLogins = next.failures
            user.lockedUntil = next.lockedUntil
            try await user.save(on: db)
            try await AuditLog.append(event("login.failure", "wrong password (\(next.failures) in a row)", user), at: now, on: db)
            if next.isLocked(at: now) {
                try await AuditLog.append(event("user.locked", "locked after \(next.failures) failed logins", user), at: now, on: db)
                throw next.lockedError(at: now)
            }
            throw AuthErrors.badCredentials
        }
        user.failedLogins = 0
        user.lockedUntil = nil
        try await user.save(on: db)
        try await AuditLog.append(event("login.success", "", user), at: now, on: db)
        return user
    }

    /// Issues an API token for a user; the plain token is returned once.
    static func issueToken(for user: UserModel, at now: Date, on db: any Database) async throws -> String {
        let token = Tokens.make()
        try await APITokenModel(userID: try user.requireID(), tokenHash: Tokens.digest(token),
                                expiresAt: now.addingTimeInterval(Tokens.lifetime)).create(on: db)
        return token
    }

    /// Input for a new account.
    struct NewUser: Sendable {
        var username: String
        var displayName: String?
        var role: Role
        var password: String
        var siteID: UUID?
        var agentID: UUID?
        var mustChangePassword = false
    }

    /// Creates an account after checking its fields; 409 when the username is taken.
    static func create(_ input: NewUser, on db: any Database) async throws -> UserModel {
        let username = try UserFields.validateUsername(input.username)
        try PasswordRules.validate(input.password)
        if input.role == .vendor && input.siteID == nil {
            throw DomainError.missingField("site_id")
        }
        if let site = input.siteID, try await SiteModel.find(site, on: db) == nil {
            throw DomainError.invalidField("site_id", zh: "职场不存在", en: "no such site")
        }
        if let agent = input.agentID, try await AgentModel.find(agent, on: db) == nil {
            throw DomainError.invalidField("agent_id", zh: "坐席不存在", en: "no such agent")
        }
        guard try await UserQueries.user(username: username, on: db) == nil else {
            throw DomainError(.conflict, code: "username_taken",
                              zh: "用户名 \(username) 已存在", en: "The username \(username) is taken")
        }
        let user = UserModel(username: username, displayName: input.displayName?.trimmingWhitespace() ?? username,
                             role: input.role.rawValue, passwordHash: try Bcrypt.hash(input.password),
                             siteID: input.siteID, agentID: input.agentID,
                             mustChangePassword: input.mustChangePassword)
        try await user.create(on: db)
        return user
    }

    /// Gives a user another role; a vendor user must belong to a site. Audited.
    static func changeRole(of user: UserModel, to role: Role, request req: Request) async throws {
        if role == .vendor && user.siteID == nil { throw DomainError.missingField("site_id") }
        let detail = "role \(user.role)→\(role.rawValue)"
        user.role = role.rawValue
        try await StoreTransaction.write(req.db) { db in
            try await user.save(on: db)
            try await req.audit("user.update", targetType: "user", targetID: user.id?.uuidString, detail: detail, on: db)
        }
    }

    /// Clears a lock and the failed-login count. Audited.
    static func unlock(_ user: UserModel, request req: Request) async throws {
        user.failedLogins = 0
        user.lockedUntil = nil
        try await StoreTransaction.write(req.db) { db in
            try await user.save(on: db)
            try await req.audit("user.unlock", targetType: "user", targetID: user.id?.uuidString, on: db)
        }
    }

    /// Changes a password after checking the current one.
    static func changePassword(of user: UserModel, current: String, new: String, on db: any Database) async throws {
        guard try Bcrypt.verify(current, created: user.passwordHash) else {
            throw DomainError.invalidField("current_password", zh: "当前密码不正确", en: "the current password is wrong")
        }
        guard current != new else {
            throw DomainError.invalidField("new_password", zh: "新密码不能与当前密码相同", en: "the new password must differ from the current one")
        }
        try PasswordRules.validate(new)
        user.passwordHash = try Bcrypt.hash(new)
        user.mustChangePassword = false
        try await user.save(on: db)
    }
}
