import Fluent
import Vapor
import WaihuCore
import WaihuStore

/// The signed-in user of a request, with the scope they may see.
struct CurrentUser: Authenticatable, Sendable {
    var id: UUID
    var username: String
    var displayName: String
    var role: Role
    var scope: AccessScope
    var language: Language?
    var mustChangePassword: Bool
    /// How they proved who they are: a bearer token or the web session.
    var viaToken: Bool

    static func load(_ user: UserModel, viaToken: Bool, on db: any Database) async throws -> CurrentUser? {
        guard user.active, let id = user.id else { return nil }
        let role = user.role
        return CurrentUser(id: id, username: user.username, displayName: user.displayName, role: role,
                           scope: try await UserQueries.scope(of: user, on: db),
                           language: user.language.flatMap(Language.init(rawValue:)),
                           mustChangePassword: user.mustChangePassword, viaToken: viaToken)
    }
}

extension Request {
    /// The signed-in user, or a 401.
    func currentUser() throws -> CurrentUser {
        guard let user = auth.get(CurrentUser.self) else { throw AuthErrors.notSignedIn }
        return user
    }

    /// The language of the response: the user's setting, then Accept-Language, then Chinese.
    var language: Language {
        if let query = try? self.query.get(String.self, at: "lang"), let lang = Language(rawValue: query) { return lang }
        if let chosen = auth.get(CurrentUser.self)?.language { return chosen }
        if let cookie = cookies["waihu_lang"]?.string, let lang = Language(rawValue: cookie) { return lang }
        return Language.preferred(acceptLanguage: headers.first(name: .acceptLanguage))
    }

    /// The audit actor for this request.
    func auditEvent(_ action: String, targetType: String, targetID: String? = nil, detail: String = "") -> AuditEvent {
        let user = auth.get(CurrentUser.self)
        return AuditEvent(actorID: user?.id, actorName: user?.username ?? "-", action: action,
                          targetType: targetType, targetID: targetID, detail: detail,
                          ip: remoteAddress?.ipAddress)
    }

    func audit(_ action: String, targetType: String, targetID: String? = nil, detail: String = "", on db: (any Database)? = nil) async throws {
        try await AuditLog.append(auditEvent(action, targetType: targetType, targetID: targetID, detail: detail),
                                  at: now, on: db ?? self.db)
    }
}

enum AuthErrors {
    static let notSignedIn = DomainError(.unauthenticated, code: "unauthenticated",
                                         zh: "请先登录（缺少或无效的令牌）", en: "Sign in first (missing or invalid token)")
    static let badCredentials = DomainError(.unauthenticated, code: "bad_credentials",
                                            zh: "用户名或密码错误", en: "Wrong username or password")
    static let passwordChangeRequired = DomainError(
        .forbidden, code: "password_change_required",
        zh: "请先修改密码（POST /api/v1/me/password 或网页“修改密码”），之后才能使用其他功能",
        en: "Change your password first (POST /api/v1/me/password or the Change password page); nothing else is allowed until then")
    static let csrf = DomainError(.forbidden, code: "csrf",
                                  zh: "表单已过期，请刷新页面后重试", en: "The form has expired; reload the page and try again")
    static let tokenRequired = DomainError(.unauthenticated, code: "token_required",
                                           zh: "修改数据的 API 请求须使用 Bearer 令牌", en: "API requests that change data need a Bearer token")
}
