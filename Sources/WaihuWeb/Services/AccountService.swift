import Fluent
import Vapor
import WaihuCore
import WaihuStore

/// Signing in, accounts and passwords: shared by the API, the pages and the CLI.
enum AccountService {
    /// Checks a username and password under the failed-login throttle (`LoginThrottle`), auditing the
    /// attempt. An unknown or inactive username costs the same work (a hash is verified) and gets the
    /// same answer as a wrong password, so neither the answer nor its time tells which usernames exist.
    static func authenticate(username: String, password: String, ip: String?, at now: Date,
                             on db: any Database) async throws -> UserModel {
        let event = { (action: String, detail: String, user: UserModel?) in
            AuditEvent(actorID: user?.id, actorName: username, action: action, targetType: "user",
                       targetID: user?.id?.uuidString, detail: detail, ip: ip)
        }
        let pair = LoginThrottleQueries.Key(address: ip, username: username)
        let address = LoginThrottleQueries.Key(address: ip, username: nil)
        let blocked = [try await LoginThrottleQueries.throttle(pair, on: db).blockedUntil(.addressAndUsername),
                       try await LoginThrottleQueries.throttle(address, on: db).blockedUntil(.address)]
            .compactMap { $0 }.filter { now < $0 }.max()
        if let blocked {
            try await AuditLog.append(event("login.throttled", "refused: too many failed logins", nil), at: now, on: db)
            throw LoginThrottle.refusal(until: blocked, at: now)
        }
        let user = try await UserQueries.user(username: username, on: db).flatMap { $0.active ? $0 : nil }
        let matches = try Bcrypt.verify(password, created: user?.passwordHash ?? Self.unusableHash)
        guard let user, matches else {
            let failures = try await LoginThrottleQueries.recordFailure(pair, at: now, on: db)
            try await LoginThrottleQueries.recordFailure(address, at: now, on: db)
            let detail = user == nil ? "unknown or inactive user" : "wrong password (\(failures.failures) in a row)"
            try await AuditLog.append(event("login.failure", detail, user), at: now, on: db)
            throw AuthErrors.badCredentials
        }
        try await LoginThrottleQueries.clear(pair, on: db)
        try await AuditLog.append(event("login.success", "", user), at: now, on: db)
        return user
    }

    /// A hash no password matches, verified for unknown usernames so that they take as long as known ones.
    static let unusableHash = try! Bcrypt.hash([UInt8].random(count: 24).base64URLEncoded())

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
                             role: input.role, passwordHash: try Bcrypt.hash(input.password),
                             siteID: input.siteID, agentID: input.agentID,
                             mustChangePassword: input.mustChangePassword)
        try await user.create(on: db)
        return user
    }

    /// Gives a user another role; a vendor user must belong to a site. Audited.
    static func changeRole(of user: UserModel, to role: Role, request req: Request) async throws {
        if role == .vendor && user.siteID == nil { throw DomainError.missingField("site_id") }
        let detail = "role \(user.role.rawValue)→\(role.rawValue)"
        user.role = role
        try await StoreTransaction.write(req.db) { db in
            try await user.save(on: db)
            try await req.audit("user.update", targetType: "user", targetID: user.id?.uuidString, detail: detail, on: db)
        }
    }

    /// Clears the failed-login counts of a username from every address. Audited.
    static func unlock(_ user: UserModel, request req: Request) async throws {
        let username = user.username
        try await StoreTransaction.write(req.db) { db in
            try await LoginThrottleQueries.clear(username: username, on: db)
            try await req.audit("user.unlock", targetType: "user", targetID: user.id?.uuidString, on: db)
        }
    }

    /// Changes a password after checking the current one, and ends the user's other sign-ins: every web
    /// session and API token but the one the change came through (`keepingSession`, `keepingToken`:
    /// their digests).
    static func changePassword(of user: UserModel, current: String, new: String, keepingSession: String?,
                               keepingToken: String?, on db: any Database) async throws {
        guard try Bcrypt.verify(current, created: user.passwordHash) else {
            throw DomainError.invalidField("current_password", zh: "当前密码不正确", en: "the current password is wrong")
        }
        guard current != new else {
            throw DomainError.invalidField("new_password", zh: "新密码不能与当前密码相同", en: "the new password must differ from the current one")
        }
        try PasswordRules.validate(new)
        user.passwordHash = try Bcrypt.hash(new)
        user.mustChangePassword = false
        let id = try user.requireID()
        try await StoreTransaction.write(db) { db in
            try await user.save(on: db)
            try await WebSessionQueries.revoke(user: id, keeping: keepingSession, on: db)
            try await UserQueries.revokeTokens(user: id, keeping: keepingToken, on: db)
        }
    }
}
