import Fluent
import Foundation
import Testing
import Vapor
import WaihuCore
import VaporTesting
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

let adminPassword = "admin-pass-1"

/// Builds the app exactly as `waihu serve` does, on an in-memory SQLite database with an
/// admin whose password is known, runs the test, shuts the app down.
func withWaihu(demo: Bool = false, database: DatabaseLocation = .sqliteMemory, clock: (@Sendable () -> Date)? = nil,
               phoneLines: PhoneLines? = nil, deskStreamLook: Duration? = nil, _ test: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    do {
        var settings = WaihuSettings(database: database, adminPassword: adminPassword, demo: demo, announce: { _ in },
                                     clock: clock ?? { Date() }, phoneLines: phoneLines)
        settings.deskStreamLook = deskStreamLook
        try await configure(app, settings)
        try await test(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// Encodes a JSON body.
func json(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object))
}

func jsonHeaders(_ token: String? = nil) -> HTTPHeaders {
    var headers: HTTPHeaders = ["Content-Type": "application/json"]
    if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
    return headers
}

/// Signs in through the API and returns the bearer token.
func login(_ app: Application, _ username: String, _ password: String) async throws -> String {
    let response = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: jsonHeaders(),
                                                       body: json(["username": username, "password": password]))
    #expect(response.status == .ok, "login of \(username): \(response.body.string)")
    return try response.content.get(String.self, at: "token")
}

/// Creates a user through the API as the admin and returns its id. An account an administrator
/// creates must change its password first; unless `mustChangePassword`, the setup clears that in the
/// store, as if the user had done it, so the test can use the password it chose.
@discardableResult
func createUser(_ app: Application, admin token: String, _ fields: [String: Any], mustChangePassword: Bool = false) async throws -> String {
    let response = try await app.testing().sendRequest(.POST, "/api/v1/users", headers: jsonHeaders(token), body: json(fields))
    #expect(response.status == .created, "create user: \(response.body.string)")
    let id = try response.content.get(String.self, at: "id")
    #expect(try response.content.get(Bool.self, at: "must_change_password"))
    if !mustChangePassword, let user = try await UserModel.find(UUID(uuidString: id), on: app.db) {
        user.mustChangePassword = false
        try await user.save(on: app.db)
    }
    return id
}

/// The `error.code` of an API error body.
func errorCode(_ response: TestingHTTPResponse) -> String? {
    try? response.content.get(String.self, at: "error", "code")
}

/// Signs in through the login form and returns the browser session.
func signIn(_ app: Application, _ username: String, password: String = DemoOrganisation.password) async throws -> PageSession {
    var browser = PageSession(app: app)
    let form = try await browser.get("/login")
    _ = try await browser.post("/login", form: ["username": username, "password": password], csrfFrom: form.body.string)
    return browser
}
