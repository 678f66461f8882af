import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Sessions, forced password changes and the headers every answer carries.
@Suite struct SessionSecurityTests {
    func cookieValue(_ session: PageSession) -> String? {
        session.cookie.map { String($0.dropFirst("waihu_session=".count)) }
    }

    @Test func signingInGivesANewSessionKeyAndStoresOnlyItsDigest() async throws {
        try await withWaihu { app in
            var browser = PageSession(app: app)
            let form = try await browser.get("/login")
            let before = try #require(cookieValue(browser))
            _ = try await browser.post("/login", form: ["username": "admin", "password": adminPassword], csrfFrom: form.body.string)
            let after = try #require(cookieValue(browser))
            #expect(after != before, "the key the browser had before signing in is not the signed-in one")
            #expect(try await browser.get("/").status == .ok)

            // The key from before signing in no longer opens anything.
            var fixated = PageSession(app: app, cookie: "waihu_session=\(before)")
            #expect(try await fixated.get("/").status == .seeOther)

            let stored = try await WebSessionModel.query(on: app.db).all()
            #expect(!stored.contains { $0.keyHash == after || $0.keyHash == before })
            #expect(stored.contains { $0.keyHash == Tokens.digest(after) && $0.userID != nil })
        }
    }

    @Test func anExpiredSessionSignsNobodyInAndIsPurged() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        try await withWaihu(clock: { clock.now }) { app in
            let browser = try await signIn(app, "admin", password: adminPassword)
            var later = browser
            clock.advance(StoredSessions.lifetime + 1)
            #expect(try await later.get("/").status == .seeOther)
            #expect(try await WebSessionQueries.purgeExpired(at: clock.now, on: app.db) == 1)
            #expect(try await WebSessionModel.query(on: app.db).count() == 0)
        }
    }

    @Test func anAccountAnAdministratorCreatedMustChangeItsPasswordBeforeUsingTheAPI() async throws {
        try await withWaihu { app in
            let admin = try await login(app, "admin", adminPassword)
            try await createUser(app, admin: admin, ["username": "mgr", "role": "manager", "password": "abc12345"],
                                 mustChangePassword: true)
            let token = try await login(app, "mgr", "abc12345")
            let refused = try await app.testing().sendRequest(.GET, "/api/v1/projects", headers: jsonHeaders(token))
            #expect(refused.status == .forbidden)
            #expect(errorCode(refused) == "password_change_required")
            let export = try await app.testing().sendRequest(.POST, "/api/v1/dnc", headers: jsonHeaders(token),
                                                             body: json(["phone": "13812345678"]))
            #expect(export.status == .forbidden)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: jsonHeaders(token)).status == .ok)
            let changed = try await app.testing().sendRequest(.POST, "/api/v1/me/password", headers: jsonHeaders(token),
                                                              body: json(["current_password": "abc12345", "new_password": "xyz98765"]))
            #expect(changed.status == .noContent)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/projects", headers: jsonHeaders(token)).status == .ok)
        }
    }

    @Test func changingThePasswordEndsTheUsersOtherTokensAndSessions() async throws {
        try await withWaihu { app in
            let first = try await login(app, "admin", adminPassword)
            let second = try await login(app, "admin", adminPassword)
            var elsewhere = try await signIn(app, "admin", password: adminPassword)
            #expect(try await elsewhere.get("/").status == .ok)
            let changed = try await app.testing().sendRequest(.POST, "/api/v1/me/password", headers: jsonHeaders(first),
                                                              body: json(["current_password": adminPassword, "new_password": "new-pass-77"]))
            #expect(changed.status == .noContent)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: jsonHeaders(first)).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: jsonHeaders(second)).status == .unauthorized)
            #expect(try await elsewhere.get("/").status == .seeOther)

            // Through the page: the page's own session stays, the API token made above goes.
            var browser = try await signIn(app, "admin", password: "new-pass-77")
            let token = try await login(app, "admin", "new-pass-77")
            let form = try await browser.get("/password")
            let done = try await browser.post("/password", form: ["current_password": "new-pass-77", "new_password": "third-pass-88"],
                                              csrfFrom: form.body.string)
            #expect(done.status == .seeOther)
            #expect(try await browser.get("/").status == .ok)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: jsonHeaders(token)).status == .unauthorized)
        }
    }

    @Test(arguments: ["/\\evil.example", "/\t/evil.example", "//evil.example", "https://evil.example", "/%09/evil.example", "/ /x"])
    func theLoginPageSendsOnlyToPathsOfThisSite(_ next: String) {
        #expect(HomePages.safeNext(next.removingPercentEncoding) == "/")
    }

    @Test func aLocalPathIsKeptAsTheNextPage() async throws {
        #expect(HomePages.safeNext("/projects/P1/leads?tab=2") == "/projects/P1/leads?tab=2")
        try await withWaihu { app in
            var browser = PageSession(app: app)
            let page = try await browser.get("/login?next=/%5Cevil.example")
            #expect(page.body.string.contains("name=\"next\" value=\"/\""))
        }
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        try await withWaihu { app in
            for path in ["/login", "/api/v1/me", "/no-such-page"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            }
        }
    }

    @Test func theSessionCookieIsSecureWhenServedOverTLS() async throws {
        let app = try await Application.make(.testing)
        do {
            try await configure(app, WaihuSettings(database: .sqliteMemory, adminPassword: adminPassword, announce: { _ in },
                                                   secureCookies: true))
            let page = try await app.testing().sendRequest(.GET, "/login")
            #expect(page.headers.setCookie?["waihu_session"]?.isSecure == true)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
