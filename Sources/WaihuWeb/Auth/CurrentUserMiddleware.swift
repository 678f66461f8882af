import Crypto
import Vapor
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

/// API tokens: random, shown once, stored as a SHA-256 digest.
enum Tokens {
    static let lifetime: TimeInterval = 30 * 24 * 3600

    static func make() -> String {
        [UInt8].random(count: 32).base64URLEncoded()
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }
}

extension Array where Element == UInt8 {
    func base64URLEncoded() -> String {
        Data(self).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
