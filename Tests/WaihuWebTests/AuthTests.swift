import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
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

    @Test func fiveWrongPasswordsLockTheAccountAndAreAudited() async throws {
        try await withWaihu { app in
            for attempt in 1...5 {
                let response = try await app.testing().sendRequest(
                    .POST, "/api/v1/auth/login", headers: jsonHeaders(), body: json(["username": "admin", "password": "wrong\(attempt)"]))
                #expect(response.status == (attempt < 5 ? .unauthorized : .locked), "attempt \(attempt)")
            }
            let locked = try await app.testing().sendRequest(
                .POST, "/api/v1/auth/login", headers: jsonHeaders(), body: json(["username": "admin", "password": adminPassword]))
            #expect(locked.status == .locked)
            #expect(errorCode(locked) == "account_locked")
            let failures = try await AuditLog.entries(AuditFilter(action: "login.failure"), on: app.db)
            #expect(failures.count == 5)
            #expect(failures.allSatisfy { $0.actorName == "admin" })
            let refusals = try await AuditLog.entries(AuditFilter(action: "login.locked"), on: app.db)
            #expect(refusals.count == 1)
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
            #expect(locked.status == .locked)
            let unlocked = try await app.testing().sendRequest(.POST, "/api/v1/users/\(id)/unlock", headers: jsonHeaders(admin))
            #expect(unlocked.status == .ok)
            _ = try await login(app, "mgr", "abc12345")
            #expect(try await AuditLog.entries(AuditFilter(action: "user.unlock"), on: app.db).count == 1)
        }
    }
}
