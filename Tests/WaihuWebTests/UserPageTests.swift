import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuWeb

/// The users page does what an administrator needs without the API: disable an account (its sign-ins end at
/// once; never one's own), and reset a password typed twice. The password change asks for the new one twice.
@Suite struct UserPageTests {
    @Test func anAdministratorDisablesAnAccountAndResetsAPassword() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let admin = try await login(app, "admin", adminPassword)
            let users = try await app.testing().sendRequest(.GET, "/api/v1/users", headers: jsonHeaders(admin))
            let list = try #require(try JSONSerialization.jsonObject(with: Data(buffer: users.body)) as? [[String: Any]])
            func id(_ username: String) throws -> String {
                try #require(list.first { $0["username"] as? String == username }?["id"] as? String)
            }
            let agentToken = try await login(app, "a1001", DemoOrganisation.password)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/projects", headers: jsonHeaders(agentToken)).status == .ok)
            var page = try await signIn(app, "admin", password: adminPassword)
            var form = try await page.get("/users").body.string
            #expect(form.contains("/users/\(try id("a1001"))/active"), "each user has a disable button")

            // Disabling ends the agent's sign-ins at once; the agent cannot sign in again.
            let disabled = try await page.post("/users/\(try id("a1001"))/active", form: ["active": "false"], csrfFrom: form)
            #expect(disabled.status == .seeOther)
            let after = try await app.testing().sendRequest(.GET, "/api/v1/projects", headers: jsonHeaders(agentToken))
            #expect(after.status == .unauthorized)
            let again = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: jsonHeaders(),
                                                            body: json(["username": "a1001", "password": DemoOrganisation.password]))
            #expect(again.status == .unauthorized)
            form = try await page.get("/users").body.string
            #expect(form.contains("已停用"))

            // Nobody disables their own account.
            let own = try await page.post("/users/\(try id("admin"))/active", form: ["active": "false"], csrfFrom: form)
            #expect(own.status == .conflict && own.body.string.contains("不能停用自己的账号"))

            // A reset typed differently twice changes nothing; typed alike, the user signs in with it and must change it.
            let mismatch = try await page.post("/users/\(try id("qa"))/password",
                                               form: ["password": "new-pass-2026", "confirm_password": "new-pass-2027"], csrfFrom: form)
            #expect(mismatch.status == .badRequest && mismatch.body.string.contains("两次输入的新密码不一致"))
            _ = try await login(app, "qa", DemoOrganisation.password)
            let reset = try await page.post("/users/\(try id("qa"))/password",
                                            form: ["password": "new-pass-2026", "confirm_password": "new-pass-2026"], csrfFrom: form)
            #expect(reset.status == .seeOther)
            var qa = try await signIn(app, "qa", password: "new-pass-2026")
            let first = try await qa.get("/")
            #expect(first.status == .seeOther && first.headers.first(name: .location) == "/password", "a reset password must be changed")

            // The change asks for the new password twice: typed differently, the old one stays.
            let change = try await qa.get("/password").body.string
            #expect(change.contains("name=\"confirm_password\""))
            let differs = try await qa.post("/password", form: ["current_password": "new-pass-2026", "new_password": "mine-2026-x",
                                                                "confirm_password": "mine-2026-y"], csrfFrom: change)
            #expect(differs.status == .badRequest)
            _ = try await login(app, "qa", "new-pass-2026")
        }
    }
}
