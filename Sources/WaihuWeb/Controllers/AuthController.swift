import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`, `GET /api/v1/me`, `POST /api/v1/me/password`.
enum AuthController {
    struct LoginInput: Content {
        var username: String
        var password: String
    }

    struct TokenOutput: Content {
        var token: String
        var expires_at: Date
        var user: UserDTO
    }

    struct PasswordInput: Content {
        var current_password: String
        var new_password: String
    }

    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.POST, "auth", "login", permission: .public, surface: .api, use: login)
        api.endpoint(.POST, "auth", "logout", permission: .signedIn, surface: .api, use: logout)
        api.endpoint(.GET, "me", permission: .signedIn, surface: .api, use: me)
        api.endpoint(.POST, "me", "password", permission: .signedIn, surface: .api, use: changePassword)
    }

    static func login(_ req: Request) async throws -> TokenOutput {
        let input = try req.content.decode(LoginInput.self)
        let now = req.now
        let user = try await AccountService.authenticate(username: input.username, password: input.password,
                                                         ip: req.remoteAddress?.ipAddress, passwords: BcryptPasswords.shared,
                                                         at: now, on: req.db)
        let token = try await AccountService.issueToken(for: user, at: now, on: req.db)
        return TokenOutput(token: token, expires_at: now.addingTimeInterval(Tokens.lifetime), user: UserDTO(user))
    }

    static func logout(_ req: Request) async throws -> HTTPStatus {
        if let bearer = req.headers.bearerAuthorization {
            try await UserQueries.deleteToken(hash: Tokens.digest(bearer.token), on: req.db)
        }
        try await req.audit("logout", targetType: "user", targetID: try req.currentUser().id.uuidString)
        return .noContent
    }

    static func me(_ req: Request) async throws -> UserDTO {
        guard let user = try await UserModel.find(try req.currentUser().id, on: req.db) else { throw AuthErrors.notSignedIn }
        return UserDTO(user)
    }

    static func changePassword(_ req: Request) async throws -> HTTPStatus {
        let input = try req.content.decode(PasswordInput.self)
        guard let user = try await UserModel.find(try req.currentUser().id, on: req.db) else { throw AuthErrors.notSignedIn }
        try await AccountService.changePassword(of: user, current: input.current_password, new: input.new_password,
                                                keepingSession: nil, keepingToken: req.headers.bearerAuthorization.map { Tokens.digest($0.token) },
                                                passwords: BcryptPasswords.shared, on: req.db)
        try await req.audit("user.password_change", targetType: "user", targetID: user.id?.uuidString)
        return .noContent
    }
}

/// A user as the API shows it; never the password hash.
struct UserDTO: Content {
    var id: UUID?
    var username: String
    var display_name: String
    var role: String
    var site_id: UUID?
    var agent_id: UUID?
    var language: String?
    var active: Bool
    var locked_until: Date?
    var must_change_password: Bool

    /// `lockedUntil`: until when sign-ins of the username are refused after failed ones (`LoginThrottle`).
    init(_ user: UserModel, lockedUntil: Date? = nil) {
        id = user.id
        username = user.username
        display_name = user.displayName
        role = user.role.rawValue
        site_id = user.siteID
        agent_id = user.agentID
        language = user.language
        active = user.active
        locked_until = lockedUntil
        must_change_password = user.mustChangePassword
    }
}
