import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

@Suite struct OrganisationAPITests {
    /// The page said "文件未导入" over an empty table when the roster was stored (the report's `stored` was not
    /// in its JSON): a good file now says it is done, a bad one lists its rows.
    @Test func theAgentsPageSaysAGoodRosterWasImported() async throws {
        try await withWaihu { app in
            var admin = try await signIn(app, "admin", password: adminPassword)
            let page = try await admin.get("/agents").body.string
            #expect(page.contains(">导入</button>"), "the import button says 导入")
            let good = "agent,name,site,team,skill,hired_on\nB1,白一,总部,一组,outbound,2025-01-01\n"
            let done = try await admin.upload("/agents/import", file: Array(good.utf8), name: "agents.csv", csrfFrom: page)
            // Imported: the list again (a reload imports nothing), saying how many, once.
            #expect(done.status == .seeOther && done.headers.first(name: .location) == "/agents", "\(done.body.string.prefix(300))")
            let listed = try await admin.get("/agents").body.string
            #expect(listed.contains("导入完成") && listed.contains("白一") && !listed.contains("文件未导入"))
            #expect(!(try await admin.get("/agents").body.string.contains("导入完成")), "said once")
            let bad = "agent,name,site,team,skill,hired_on\nB2,白二,总部,一组,outbound,not-a-date\n"
            let refused = try await admin.upload("/agents/import", file: Array(bad.utf8), name: "agents.csv", csrfFrom: page)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("文件未导入"))
        }
    }

    @Test func duplicatesAre409AndUnknownRolesAre400() async throws {
        try await withWaihu { app in
            let token = try await login(app, "admin", adminPassword)
            try await createUser(app, admin: token, ["username": "mgr", "role": "manager", "password": "abc12345"])
            let again = try await app.testing().sendRequest(.POST, "/api/v1/users", headers: jsonHeaders(token),
                                                            body: json(["username": "mgr", "role": "manager", "password": "abc12345"]))
            #expect(again.status == .conflict)
            let role = try await app.testing().sendRequest(.POST, "/api/v1/users", headers: jsonHeaders(token),
                                                           body: json(["username": "x1", "role": "boss", "password": "abc12345"]))
            #expect(role.status == .badRequest)
            #expect(role.body.string.contains("role"))
            let vendorWithoutSite = try await app.testing().sendRequest(
                .POST, "/api/v1/users", headers: jsonHeaders(token), body: json(["username": "v1", "role": "vendor", "password": "abc12345"]))
            #expect(vendorWithoutSite.status == .badRequest)
            #expect(vendorWithoutSite.body.string.contains("请填写职场"), "the missing field named in words")
        }
    }

    @Test func projectsAreCreatedChangedAndAudited() async throws {
        try await withWaihu { app in
            let token = try await login(app, "admin", adminPassword)
            let body = json(["code": "P1", "name": "宽带营销", "type": "marketing", "target": 500])
            let created = try await app.testing().sendRequest(.POST, "/api/v1/projects", headers: jsonHeaders(token), body: body)
            #expect(created.status == .created)
            let project = try created.content.decode(ProjectDTO.self)
            #expect(project.status == "requirement")
            #expect(project.time_zone == "Asia/Shanghai")

            let duplicate = try await app.testing().sendRequest(.POST, "/api/v1/projects", headers: jsonHeaders(token), body: body)
            #expect(duplicate.status == .conflict)
            let badType = try await app.testing().sendRequest(.POST, "/api/v1/projects", headers: jsonHeaders(token),
                                                              body: json(["code": "P2", "name": "x", "type": "spam"]))
            #expect(badType.status == .badRequest)

            let kickoff = try await app.testing().sendRequest(.POST, "/api/v1/projects/P1/status", headers: jsonHeaders(token),
                                                              body: json(["status": "kickoff"]))
            #expect(try kickoff.content.get(String.self, at: "status") == "kickoff")
            let skip = try await app.testing().sendRequest(.POST, "/api/v1/projects/P1/status", headers: jsonHeaders(token),
                                                           body: json(["status": "running"]))
            #expect(skip.status == .unprocessableEntity)
            #expect(errorCode(skip) == "invalid_transition")
            let stored = try await ProjectQueries.project("P1", in: .organisation, on: app.db)
            #expect(stored?.project.status == .kickoff)

            let actions = try await AuditLog.entries(AuditFilter(targetType: "project"), on: app.db).map(\.action)
            #expect(actions.sorted() == ["project.create", "project.status"])
        }
    }

    @Test func agentsImportIsAllOrNothing() async throws {
        try await withWaihu { app in
            let token = try await login(app, "admin", adminPassword)
            var headers = jsonHeaders(token)
            headers.contentType = .init(type: "text", subType: "csv")
            let bad = "agent,name,site,team,skill,hired_on,left_on\nA1,甲,总部,一组,dual,2025-01-01,\nA2,乙,总部,一组,dual,2025-02-30,\n"
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/agents/import", headers: headers, body: ByteBuffer(string: bad))
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.content.get(Int.self, at: "rejected", 0, "line") == 3)
            #expect(try await AgentModel.query(on: app.db).count() == 0)
            #expect(try await SiteModel.query(on: app.db).count() == 0)

            let good = "agent,name,site,team,skill,hired_on,left_on\nA1,甲,总部,一组,dual,2025-01-01,\nA2,乙,华信,,outbound,2025-02-03,\n"
            let stored = try await app.testing().sendRequest(.POST, "/api/v1/agents/import", headers: headers, body: ByteBuffer(string: good))
            #expect(stored.status == .ok)
            #expect(try stored.content.get(Int.self, at: "created") == 2)
            #expect(try stored.content.get(Int.self, at: "sites_created") == 2)
            #expect(try stored.content.get(Int.self, at: "teams_created") == 1)

            let update = "agent,name,site,team,skill,hired_on,left_on\nA2,乙,华信,,outbound,2025-02-03,2026-06-30\n"
            let updated = try await app.testing().sendRequest(.POST, "/api/v1/agents/import", headers: headers, body: ByteBuffer(string: update))
            #expect(try updated.content.get(Int.self, at: "updated") == 1)
            #expect(try await AgentQueries.agent(number: "A2", on: app.db)?.leftOn == "2026-06-30")
            #expect(try await AgentModel.query(on: app.db).count() == 2)
        }
    }

    @Test func roleChangesAndTeamSupervisorsAreAuditedAndTakeEffect() async throws {
        try await withWaihu { app in
            let admin = try await login(app, "admin", adminPassword)
            let site = try await app.testing().sendRequest(.POST, "/api/v1/sites", headers: jsonHeaders(admin),
                                                           body: json(["name": "总部", "kind": "own"]))
            let siteID = try site.content.get(String.self, at: "id")
            let badKind = try await app.testing().sendRequest(.POST, "/api/v1/sites", headers: jsonHeaders(admin),
                                                              body: json(["name": "X", "kind": "franchise"]))
            #expect(badKind.status == .badRequest)
            let team = try await app.testing().sendRequest(.POST, "/api/v1/teams", headers: jsonHeaders(admin),
                                                           body: json(["site_id": siteID, "name": "一组"]))
            let teamID = try team.content.get(String.self, at: "id")
            let userID = try await createUser(app, admin: admin, ["username": "lead", "role": "qa", "password": "abc12345", "site_id": siteID])

            let notYet = try await app.testing().sendRequest(.PATCH, "/api/v1/teams/\(teamID)", headers: jsonHeaders(admin),
                                                             body: json(["supervisor_id": userID]))
            #expect(notYet.status == .badRequest, "a QA account cannot lead a team")

            let promoted = try await app.testing().sendRequest(.PATCH, "/api/v1/users/\(userID)", headers: jsonHeaders(admin),
                                                               body: json(["role": "supervisor"]))
            #expect(try promoted.content.get(String.self, at: "role") == "supervisor")
            let assigned = try await app.testing().sendRequest(.PATCH, "/api/v1/teams/\(teamID)", headers: jsonHeaders(admin),
                                                               body: json(["supervisor_id": userID]))
            #expect(assigned.status == .ok)

            let lead = try await login(app, "lead", "abc12345")
            let teams = try await app.testing().sendRequest(.GET, "/api/v1/teams", headers: jsonHeaders(lead))
            #expect(try teams.content.decode([TeamDTO].self).map(\.name) == ["一组"])

            let entries = try await AuditLog.entries(AuditFilter(action: "user.update"), on: app.db)
            #expect(entries.map(\.detail) == ["role qa→supervisor"])
            #expect(try await AuditLog.entries(AuditFilter(action: "team.update"), on: app.db).count == 1)
        }
    }
}
