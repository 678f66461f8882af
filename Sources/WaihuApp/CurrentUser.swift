import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The signed-in user of a web request, with the scope they may see.
package struct CurrentUser: Sendable {
    package var id: UUID
    package var username: String
    package var displayName: String
    package var role: Role
    package var scope: AccessScope
    package var language: Language?
    package var mustChangePassword: Bool
    /// How they proved who they are: a bearer token or the web session.
    package var viaToken: Bool

    package static func load(_ user: UserModel, viaToken: Bool, on db: any Database) async throws -> CurrentUser? {
        guard user.active, let id = user.id else { return nil }
        return CurrentUser(id: id, username: user.username, displayName: user.displayName, role: user.role,
                           scope: try await UserQueries.scope(of: user, on: db),
                           language: user.language.flatMap(Language.init(rawValue:)),
                           mustChangePassword: user.mustChangePassword, viaToken: viaToken)
    }

    /// This user as the caller of a use case.
    package func caller(ip: String?) -> Caller {
        Caller(userID: id, name: username, role: role, scope: scope, ip: ip)
    }
}

/// The refusals of signing in, shared by the API, the pages and the CLI.
package enum AuthErrors {
    package static let notSignedIn = DomainError(.unauthenticated, code: "unauthenticated",
                                                 zh: "请先登录（缺少或无效的令牌）", en: "Sign in first (missing or invalid token)")
    package static let badCredentials = DomainError(.unauthenticated, code: "bad_credentials",
                                                    zh: "用户名或密码错误", en: "Wrong username or password")
    package static let passwordChangeRequired = DomainError(
        .forbidden, code: "password_change_required",
        zh: "请先修改密码（POST /api/v1/me/password 或网页“修改密码”），之后才能使用其他功能",
        en: "Change your password first (POST /api/v1/me/password or the Change password page); nothing else is allowed until then")
    package static let csrf = DomainError(.forbidden, code: "csrf",
                                          zh: "表单已过期，请刷新页面后重试", en: "The form has expired; reload the page and try again")
    package static let tokenRequired = DomainError(.unauthenticated, code: "token_required",
                                                   zh: "修改数据的 API 请求须使用 Bearer 令牌", en: "API requests that change data need a Bearer token")
}
