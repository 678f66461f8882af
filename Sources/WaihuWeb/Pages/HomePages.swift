import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Sign-in, sign-out, password change, language switch and the home page.
enum HomePages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "login", permission: .public, surface: .page, use: loginForm)
        app.endpoint(.POST, "login", permission: .public, surface: .page, use: login)
        app.endpoint(.POST, "logout", permission: .signedIn, surface: .page, use: logout)
        app.endpoint(.GET, "password", permission: .signedIn, surface: .page, use: passwordForm)
        app.endpoint(.POST, "password", permission: .signedIn, surface: .page, use: changePassword)
        app.endpoint(.GET, "language", ":lang", permission: .public, surface: .page, use: switchLanguage)
        app.endpoint(.GET, permission: .signedIn, surface: .page, use: HomePage.home)
        AdminPages.register(app)
        ProjectPages.register(app)
        LeadPages.register(app)
        PolicyPages.register(app)
    }

    struct LoginData: Encodable {
        var next: String
        var username: String
    }

    static func loginForm(_ req: Request) async throws -> View {
        try await PageRenderer.render("login", titleKey: "login_title",
                                      data: LoginData(next: safeNext(req.query["next"]), username: ""), for: req)
    }

    struct LoginForm: Content {
        var username: String
        var password: String
        var next: String?
    }

    static func login(_ req: Request) async throws -> Response {
        try CSRF.verify(req)
        let form = try req.content.decode(LoginForm.self)
        do {
            let user = try await AccountService.authenticate(username: form.username, password: form.password,
                                                             ip: req.remoteAddress?.ipAddress, passwords: BcryptPasswords.shared,
                                                             at: req.now, on: req.db)
            try await req.beginSignedInSession(user: try user.requireID())
            return req.redirect(to: user.mustChangePassword ? "/password" : safeNext(form.next))
        } catch let error as DomainError {
            let view = try await PageRenderer.render(
                "login", titleKey: "login_title", data: LoginData(next: safeNext(form.next), username: form.username),
                error: error.message.text(req.language), for: req)
            let response = try await view.encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    static func logout(_ req: Request) async throws -> Response {
        try await req.audit("logout", targetType: "user", targetID: try req.currentUser().id.uuidString)
        req.session.destroy()
        return req.redirect(to: "/login")
    }

    static func passwordForm(_ req: Request) async throws -> View {
        try await PageRenderer.render("password", titleKey: "nav_password",
                                      data: ["must": try req.currentUser().mustChangePassword], for: req)
    }

    struct PasswordForm: Content {
        var current_password: String
        var new_password: String
        var confirm_password: String?
    }

    static func changePassword(_ req: Request) async throws -> Response {
        let form = try req.content.decode(PasswordForm.self)
        guard let user = try await UserModel.find(try req.currentUser().id, on: req.db) else { throw AuthErrors.notSignedIn }
        do {
            if let confirm = form.confirm_password, confirm != form.new_password { throw PasswordPages.mismatch }
            try await AccountService.changePassword(of: user, current: form.current_password, new: form.new_password,
                                                    keepingSession: req.sessionKeyHash, keepingToken: nil,
                                                    passwords: BcryptPasswords.shared, on: req.db)
        } catch let error as DomainError {
            let view = try await PageRenderer.render("password", titleKey: "nav_password", data: ["must": user.mustChangePassword],
                                                     error: error.message.text(req.language), for: req)
            let response = try await view.encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
        try await req.audit("user.password_change", targetType: "user", targetID: user.id?.uuidString)
        return req.redirect(to: "/?notice=password_changed")
    }

    static func switchLanguage(_ req: Request) async throws -> Response {
        let lang = Language(rawValue: req.parameters.get("lang") ?? "") ?? .zh
        let response = req.redirect(to: safeNext(req.query["next"]))
        response.cookies["waihu_lang"] = HTTPCookies.Value(string: lang.rawValue, maxAge: 365 * 86_400, path: "/", sameSite: .lax)
        if let user = req.auth.get(CurrentUser.self), let model = try await UserModel.find(user.id, on: req.db) {
            model.language = lang.rawValue
            try await model.save(on: req.db)
        }
        return response
    }

    /// Only paths of this site, so a login link cannot send the user elsewhere: browsers read `/\\host`
    /// and `/<tab>/host` as `//host`, so a backslash, a control character or a space anywhere refuses it.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"),
              !next.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F || $0.properties.isWhitespace })
        else { return "/" }
        return next
    }
}

/// What the password forms share.
enum PasswordPages {
    static let mismatch = DomainError.invalidField("confirm_password", zh: "两次输入的新密码不一致", en: "the two new passwords differ")
}
