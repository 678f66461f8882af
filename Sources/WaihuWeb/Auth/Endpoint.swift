import Vapor
import WaihuApp
import WaihuCore

/// Whether a route answers machines (JSON), people (HTML pages), or the script of a live page
/// (JSON to a signed-in browser: session and CSRF token like a page, errors in JSON like the API).
enum Surface: String, Sendable {
    case api
    case page
    case script
}

/// The authorisation rule attached to a route; every route has one.
struct AccessRule: Sendable, Hashable {
    static let key = "waihu.access"
    var permission: Permission
    var surface: Surface
}

extension RoutesBuilder {
    /// Registers a route together with its access rule, which is checked before the handler runs.
    @discardableResult
    func endpoint<R: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: PathComponent..., permission: Permission, surface: Surface,
        body: HTTPBodyStreamStrategy = .collect,
        use handler: @escaping @Sendable (Request) async throws -> R
    ) -> Route {
        let rule = AccessRule(permission: permission, surface: surface)
        let route = on(method, path, body: body) { request async throws -> Response in
            request.storage[SurfaceKey.self] = surface
            try Access.check(request, rule)
            return try await handler(request).encodeResponse(for: request)
        }
        route.userInfo[AnySendableHashable(AccessRule.key)] = rule
        return route
    }
}

struct SurfaceKey: StorageKey {
    typealias Value = Surface
}

/// The one place where a request is admitted or refused.
enum Access {
    /// The pages and API routes a user who must change their password may still reach.
    static let passwordChangePaths: Set<String> = ["/password", "/logout", "/api/v1/me", "/api/v1/me/password", "/api/v1/auth/logout"]

    static func check(_ request: Request, _ rule: AccessRule) throws {
        guard rule.permission != .public else { return }
        let user = try request.currentUser()
        let unsafe = ![.GET, .HEAD].contains(request.method)
        if rule.surface == .api, unsafe, !user.viaToken { throw AuthErrors.tokenRequired }
        if rule.surface != .api, unsafe { try CSRF.verify(request) }
        if user.mustChangePassword, !passwordChangePaths.contains(request.url.path) {
            if rule.surface == .page { throw Redirect(to: "/password") }
            throw AuthErrors.passwordChangeRequired
        }
        try AccessPolicy.require(user.role, rule.permission)
    }
}

/// A page that answers with a redirect instead of an error.
struct Redirect: Error {
    var to: String
}
