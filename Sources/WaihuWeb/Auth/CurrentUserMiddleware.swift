import Vapor
import WaihuApp
import WaihuStore

/// Finds the user of a request: a `Bearer` token first, then the web session.
struct CurrentUserMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            if let user = try await UserQueries.user(tokenHash: Tokens.digest(bearer.token), at: request.now, on: request.db),
               let current = try await CurrentUser.load(user, viaToken: true, on: request.db) {
                request.auth.login(current)
            }
        } else if request.hasSession, let raw = request.session.data["user_id"], let id = UUID(uuidString: raw),
                  let user = try await UserModel.find(id, on: request.db),
                  let current = try await CurrentUser.load(user, viaToken: false, on: request.db) {
            request.auth.login(current)
        }
        return try await next.respond(to: request)
    }
}
