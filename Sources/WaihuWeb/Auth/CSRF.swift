import Vapor
import WaihuApp

/// Cross-site request forgery protection for forms: a random token in the session,
/// repeated in every form as `_csrf`.
enum CSRF {
    static let field = "_csrf"

    /// The session's token, created on first use.
    static func token(_ request: Request) -> String {
        if let existing = request.session.data["csrf"] { return existing }
        let token = Tokens.randomText(bytes: 24)
        request.session.data["csrf"] = token
        return token
    }

    /// A page's script sends the token in this header instead of a form field.
    static let header = "X-CSRF-Token"

    static func verify(_ request: Request) throws {
        let sent = request.headers.first(name: header) ?? (try? request.content.get(String.self, at: field))
        guard request.hasSession, let expected = request.session.data["csrf"], let sent, sent == expected else {
            throw AuthErrors.csrf
        }
    }
}
