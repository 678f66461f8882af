import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// What happens on the first start with an empty database: the `admin` account and, when asked, the demo.
enum Bootstrap {
    static func firstStart(_ app: Application, _ settings: WaihuSettings) async throws {
        let db = app.db
        _ = try await OrganisationQueries.settings(on: db)
        let isEmpty = try await UserQueries.count(on: db) == 0
        if isEmpty {
            try await createAdmin(settings, on: db)
        }
        if settings.demo {
            if try await DemoOrganisation.isPresent(on: db) {
                settings.announce("Demo organisation already present; logins: see the README (password \(DemoOrganisation.password)).")
            } else {
                let logins = try await DemoOrganisation.seed(at: settings.clock(), on: db)
                try await DemoScripts.seed(at: settings.clock(), on: db)
                try await DemoVendors.seed(at: settings.clock(), on: db)
                try await DemoWorkforce.seed(at: settings.clock(), on: db)
                // The calling floor comes with the dialer, which runs with the background services.
                if settings.backgroundServices {
                    try await DemoCalling.seed(at: settings.clock(), on: db)
                    try await DemoHistory.seed(app, at: settings.clock())
                    try await DemoQuality.seed(app, at: settings.clock())
                    try await DemoVendors.settle(app, at: settings.clock())
                }
                settings.announce(DemoOrganisation.describe(logins))
            }
        }
    }

    static func createAdmin(_ settings: WaihuSettings, on db: any Database) async throws {
        let given = settings.adminPassword.flatMap { $0.isEmpty ? nil : $0 }
        let password = given ?? randomPassword()
        let user = UserModel(username: "admin", displayName: "Administrator", role: .admin,
                             passwordHash: try Bcrypt.hash(password), mustChangePassword: given == nil)
        try await user.create(on: db)
        try await AuditLog.append(AuditEvent(actorID: nil, actorName: "system", action: "user.create",
                                             targetType: "user", targetID: user.id?.uuidString,
                                             detail: "first start: admin account"), at: settings.clock(), on: db)
        if given == nil {
            settings.announce("""
                ================================================================
                 管理员账号已创建 / Administrator account created
                   username: admin
                   password: \(password)
                 此密码只显示一次，首次登录须修改。Shown once; change it at first login.
                ================================================================
                """)
        } else {
            settings.announce("Administrator account 'admin' created with the password from WAIHU_ADMIN_PASSWORD.")
        }
    }

    /// 16 characters from an alphabet without look-alikes, with letters and digits.
    static func randomPassword() -> String {
        let letters = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ")
        let digits = Array("23456789")
        var generator = SystemRandomNumberGenerator()
        var characters = (0..<12).map { _ in letters.randomElement(using: &generator)! }
        characters += (0..<4).map { _ in digits.randomElement(using: &generator)! }
        return String(characters.shuffled(using: &generator))
    }
}
