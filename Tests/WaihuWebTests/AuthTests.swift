import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import WaihuApp
import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

@Suite struct AuthTests {
    @Test func healthAnswers() async throws {
        try await withWaihu { app in
            let response = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(response.status == .ok)
            #expect(try response.content.get(String.self, at: "database") == "ok")
        }
    }

    @Test func adminSignsInAndReadsOwnProfile() async throws {
        try await withWaihu { app in
            let token = try await login(app, "admin", adminPassword)
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: jsonHeaders(token))
            #expect(me.status == .ok)
            #expect(try me.content.get(String.self, at: "role") == "admin")
            #expect(!me.body.string.contains("password_hash"))
        }
    }

    @Test func requestsWithoutOrWithABadTokenGet401() async throws {
        try await withWaihu { app in
            let none = try await app.testing().sendRequest(.GET, "/api/v1/me")
            #expect(none.status == .unauthorized)
            #expect(errorCode(none) == "unauthenticated")
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: jsonHeaders("not-a-token"))
            #expect(bad.status == .unauthorized)
        }
    }

    @Test func logoutRevokesTheToken() async throws {
        try await withWaihu { app in
            let token = try await login(app, "admin", adminPassword)
            let out = try await app.testing().sendRequest(.POST, "/api/v1/auth/logout", headers: jsonHeaders(token))
            #expect(out.status == .noContent)
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: jsonHeaders(token))
            #expect(me.status == .unauthorized)
        }
    }

    /// Five failures from one address for one username make the sixth attempt wait (429, even with the
    /// right password), and an unknown username is answered exactly the same way.
    @Test func fiveWrongPasswordsMakeTheAddressWaitAndAreAudited() async throws {
        try await withWaihu { app in
            for username in ["admin", "nobody-here"] {
                for attempt in 1...5 {
                    let response = try await app.testing().sendRequest(
                        .POST, "/api/v1/auth/login", headers: jsonHeaders(), body: json(["username": username, "password": "wrong\(attempt)"]))
                    #expect(response.status == .unauthorized, "\(username) attempt \(attempt)")
                    #expect(errorCode(response) == "bad_credentials")
                }
                let waiting = try await app.testing().sendRequest(
                    .POST, "/api/v1/auth/login", headers: jsonHeaders(), body: json(["username": username, "password": adminPassword]))
                #expect(waiting.status == .tooManyRequests, "\(username)")
                #expect(errorCode(waiting) == "too_many_attempts")
                // The fifth failure waits 30 s (LoginThrottle.firstDelay), less what the sixth attempt took to come.
                #expect(waiting.body.string.contains(" seconds") && waiting.body.string.contains(" 秒"))
            }
            let failures = try await AuditLog.entries(AuditFilter(action: "login.failure"), on: app.db)
            #expect(failures.count == 10)
            #expect(failures.filter { $0.actorName == "admin" }.count == 5)
            let refusals = try await AuditLog.entries(AuditFilter(action: "login.throttled"), on: app.db)
            #expect(refusals.count == 2)
        }
    }

    /// Wrong passwords typed from one address do not keep the user out from another.
    @Test func failuresFromOneAddressDoNotLockTheAccountElsewhere() async throws {
        try await withWaihu { app in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let passwords = BcryptPasswords.shared
            for _ in 1...8 {
                await #expect(throws: DomainError.self) {
                    _ = try await AccountService.authenticate(username: "admin", password: "nope", ip: "198.51.100.7", passwords: passwords, at: now, on: app.db)
                }
            }
            let refused = await #expect(throws: DomainError.self) {
                _ = try await AccountService.authenticate(username: "admin", password: adminPassword, ip: "198.51.100.7", passwords: passwords, at: now, on: app.db)
            }
            #expect(refused?.code == "too_many_attempts")
            let user = try await AccountService.authenticate(username: "admin", password: adminPassword, ip: "203.0.113.9", passwords: passwords, at: now, on: app.db)
            #expect(user.username == "admin")
            // Attempts 6–8 were refused while waiting and count for nothing: 5 failures, a wait of 30 s; the
            // waiting address may sign in again once it is over.
            await #expect(throws: DomainError.self) {
                _ = try await AccountService.authenticate(username: "admin", password: adminPassword, ip: "198.51.100.7", passwords: passwords,
                                                          at: now.addingTimeInterval(29), on: app.db)
            }
            _ = try await AccountService.authenticate(username: "admin", password: adminPassword, ip: "198.51.100.7", passwords: passwords,
                                                      at: now.addingTimeInterval(30), on: app.db)
        }
    }

    @Test func aSuccessBetweenFailuresResetsTheCount() async throws {
        try await withWaihu { app in
            for _ in 1...4 {
                _ = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: jsonHeaders(),
                                                        body: json(["username": "admin", "password": "wrong"]))
            }
            _ = try await login(app, "admin", adminPassword)
            let again = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: jsonHeaders(),
                                                            body: json(["username": "admin", "password": "wrong"]))
            #expect(again.status == .unauthorized)
        }
    }

    @Test func malformedLoginBodiesNameTheField() async throws {
        try await withWaihu { app in
            let broken = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: jsonHeaders(),
                                                             body: ByteBuffer(string: "{not json"))
            #expect(broken.status == .badRequest)
            let missing = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: jsonHeaders(),
                                                              body: json(["username": "admin"]))
            #expect(missing.status == .badRequest)
            #expect(errorCode(missing) == "missing_field")
            #expect(missing.body.string.contains("password"))
            let wrongType = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: jsonHeaders(),
                                                                body: json(["username": 42, "password": "x"]))
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.body.string.contains("username"))
        }
    }

    @Test func anAdministratorUnlocksALockedAccount() async throws {
        try await withWaihu { app in
            let admin = try await login(app, "admin", adminPassword)
            let id = try await createUser(app, admin: admin, ["username": "mgr", "role": "manager", "password": "abc12345"])
            for _ in 1...5 {
                _ = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: jsonHeaders(),
                                                        body: json(["username": "mgr", "password": "nope"]))
            }
            let locked = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: jsonHeaders(),
                                                             body: json(["username": "mgr", "password": "abc12345"]))
            #expect(locked.status == .tooManyRequests)
            // The API says until when: the throttle's wait on the username, not a column nobody writes.
            let shown = try await app.testing().sendRequest(.GET, "/api/v1/users/\(id)", headers: jsonHeaders(admin))
            let until = try shown.content.decode(UserDTO.self).locked_until
            #expect(until.map { $0 > app.now } == true, "\(shown.body.string)")
            let listed = try await app.testing().sendRequest(.GET, "/api/v1/users", headers: jsonHeaders(admin))
            #expect(try listed.content.decode([UserDTO].self).first { $0.username == "mgr" }?.locked_until == until)
            let unlocked = try await app.testing().sendRequest(.POST, "/api/v1/users/\(id)/unlock", headers: jsonHeaders(admin))
            #expect(unlocked.status == .ok)
            #expect(try unlocked.content.decode(UserDTO.self).locked_until == nil)
            _ = try await login(app, "mgr", "abc12345")
            #expect(try await AuditLog.entries(AuditFilter(action: "user.unlock"), on: app.db).count == 1)
        }
    }
}
