import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Signing in, accounts and passwords: shared by the API, the pages and the CLI.
package enum AccountService {
    /// Checks a username and password under the failed-login throttle (`LoginThrottle`), auditing the
    /// attempt. An unknown or inactive username costs the same work (a hash is verified) and gets the
    /// same answer as a wrong password, so neither the answer nor its time tells which usernames exist.
    package static func authenticate(username: String, password: String, ip: String?, passwords: any PasswordHashing,
                                     at now: Date, on db: any Database) async throws -> UserModel {
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
        let matches = try passwords.verify(password, against: user?.passwordHash ?? passwords.unusableHash)
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

    /// Issues an API token for a user; the plain token is returned once.
    package static func issueToken(for user: UserModel, at now: Date, on db: any Database) async throws -> String {
        let token = Tokens.make()
        try await APITokenModel(userID: try user.requireID(), tokenHash: Tokens.digest(token),
                                expiresAt: now.addingTimeInterval(Tokens.lifetime)).create(on: db)
        return token
    }

    /// Input for a new account.
    package struct NewUser: Sendable {
        package var username: String
        package var displayName: String?
        package var role: Role
        package var password: String
        package var siteID: UUID?
        package var agentID: UUID?
        package var mustChangePassword = false

        package init(username: String,
                     displayName: String? = nil,
                     role: Role,
                     password: String,
                     siteID: UUID? = nil,
                     agentID: UUID? = nil,
                     mustChangePassword: Bool = false) {
            self.username = username
            self.displayName = displayName
            self.role = role
            self.password = password
            self.siteID = siteID
            self.agentID = agentID
            self.mustChangePassword = mustChangePassword
        }
    }

    /// Creates an account after checking its fields; 409 when the username is taken.
    package static func create(_ input: NewUser, passwords: any PasswordHashing, on db: any Database) async throws -> UserModel {
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
                             role: input.role, passwordHash: try passwords.hash(input.password),
                             siteID: input.siteID, agentID: input.agentID,
                             mustChangePassword: input.mustChangePassword)
        try await user.create(on: db)
        return user
    }

    /// Creates an account and writes it to the audit log, in one transaction.
    package static func create(_ input: NewUser, by caller: Caller, at now: Date, passwords: any PasswordHashing,
                               on db: any Database) async throws -> UserModel {
        try await StoreTransaction.write(db) { db in
            let user = try await create(input, passwords: passwords, on: db)
            try await caller.audit("user.create", targetType: "user", targetID: user.id?.uuidString,
                                   detail: "username=\(user.username) role=\(user.role.rawValue)", at: now, on: db)
            return user
        }
    }

    /// Sets a new password that must be changed at the next sign-in, clears the failed-login counts and
    /// ends every sign-in of the user. Audited.
    package static func resetPassword(username: String, password: String, by caller: Caller, at now: Date,
                                      passwords: any PasswordHashing, on db: any Database) async throws {
        guard let user = try await UserQueries.user(username: username, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "用户 \(username)", en: "user \(username)"))
        }
        try PasswordRules.validate(password)
        user.passwordHash = try passwords.hash(password)
        user.mustChangePassword = true
        let id = try user.requireID()
        try await StoreTransaction.write(db) { db in
            try await user.save(on: db)
            try await LoginThrottleQueries.clear(username: username, on: db)
            try await WebSessionQueries.revoke(user: id, keeping: nil, on: db)
            try await UserQueries.revokeTokens(user: id, keeping: nil, on: db)
            try await caller.audit("user.password_reset", targetType: "user", targetID: id.uuidString, at: now, on: db)
        }
    }

    /// Gives a user another role; a vendor user must belong to a site. Audited.
    package static func changeRole(of user: UserModel, to role: Role, by caller: Caller, at now: Date,
                                   on db: any Database) async throws {
        if role == .vendor && user.siteID == nil { throw DomainError.missingField("site_id") }
        let detail = "role \(user.role.rawValue)→\(role.rawValue)"
        user.role = role
        try await StoreTransaction.write(db) { db in
            try await user.save(on: db)
            try await caller.audit("user.update", targetType: "user", targetID: user.id?.uuidString, detail: detail,
                                   at: now, on: db)
        }
    }

    /// Nobody disables their own account.
    package static let ownAccount = DomainError(.conflict, code: "own_account", zh: "不能停用自己的账号：请由另一位管理员操作",
                                                en: "You cannot disable your own account: ask another administrator")

    /// Enables or disables an account; disabling ends every sign-in of it at once. Nobody disables their own
    /// account (the last administrator would lock everyone out). Audited.
    package static func setActive(_ user: UserModel, _ active: Bool, by caller: Caller, at now: Date, on db: any Database) async throws {
        let id = try user.requireID()
        if !active && caller.userID == id { throw ownAccount }
        user.active = active
        try await StoreTransaction.write(db) { db in
            try await user.save(on: db)
            if !active {
                try await WebSessionQueries.revoke(user: id, keeping: nil, on: db)
                try await UserQueries.revokeTokens(user: id, keeping: nil, on: db)
            }
            try await caller.audit("user.update", targetType: "user", targetID: id.uuidString, detail: "active=\(active)", at: now, on: db)
        }
    }

    /// Clears the failed-login counts of a username from every address. Audited.
    package static func unlock(_ user: UserModel, by caller: Caller, at now: Date, on db: any Database) async throws {
        let username = user.username
        try await StoreTransaction.write(db) { db in
            try await LoginThrottleQueries.clear(username: username, on: db)
            try await caller.audit("user.unlock", targetType: "user", targetID: user.id?.uuidString, at: now, on: db)
        }
    }

    /// Changes a password after checking the current one, and ends the user's other sign-ins: every web
    /// session and API token but the one the change came through (`keepingSession`, `keepingToken`:
    /// their digests).
    package static func changePassword(of user: UserModel, current: String, new: String, keepingSession: String?,
                                       keepingToken: String?, passwords: any PasswordHashing,
                                       on db: any Database) async throws {
        guard try passwords.verify(current, against: user.passwordHash) else {
            throw DomainError.invalidField("current_password", zh: "当前密码不正确", en: "the current password is wrong")
        }
        guard current != new else {
            throw DomainError.invalidField("new_password", zh: "新密码不能与当前密码相同", en: "the new password must differ from the current one")
        }
        try PasswordRules.validate(new)
        user.passwordHash = try passwords.hash(new)
        user.mustChangePassword = false
        let id = try user.requireID()
        try await StoreTransaction.write(db) { db in
            try await user.save(on: db)
            try await WebSessionQueries.revoke(user: id, keeping: keepingSession, on: db)
            try await UserQueries.revokeTokens(user: id, keeping: keepingToken, on: db)
        }
    }
}
