import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

@Suite struct AuthorisationTests {
    @Test func everyRouteHasAnExplicitAccessRule() async throws {
        try await withWaihu { app in
            #expect(app.routes.all.count > 20)
            for route in app.routes.all {
                let rule = route.userInfo[AnySendableHashable(AccessRule.key)] as? AccessRule
                #expect(rule != nil, "route \(route.method) /\(route.path.map(\.description).joined(separator: "/")) has no access rule")
            }
        }
    }

    @Test func anAgentGets403OnUserManagement() async throws {
        try await withWaihu(demo: true) { app in
            let token = try await login(app, "a1001", DemoOrganisation.password)
            let list = try await app.testing().sendRequest(.GET, "/api/v1/users", headers: jsonHeaders(token))
            #expect(list.status == .forbidden)
            #expect(errorCode(list) == "forbidden")
            let create = try await app.testing().sendRequest(
                .POST, "/api/v1/users", headers: jsonHeaders(token),
                body: json(["username": "sneaky", "role": "admin", "password": "abc12345"]))
            #expect(create.status == .forbidden)
            #expect(try await UserQueries.user(username: "sneaky", on: app.db) == nil)
        }
    }

    @Test func aVendorUserNeverSeesAnotherSite() async throws {
        try await withWaihu(demo: true) { app in
            let token = try await login(app, "vendor", DemoOrganisation.password)
            let vendorSite = try #require(try await OrganisationQueries.site(named: "华信外呼公司", on: app.db)?.id)
            let ownSite = try #require(try await OrganisationQueries.site(named: "总部呼叫中心", on: app.db)?.id)

            let sites = try await app.testing().sendRequest(.GET, "/api/v1/sites", headers: jsonHeaders(token))
            #expect(try sites.content.decode([SiteDTO].self).map(\.id) == [vendorSite])

            let agents = try await app.testing().sendRequest(.GET, "/api/v1/agents", headers: jsonHeaders(token))
            let visible = try agents.content.decode([AgentDTO].self)
            let expected = try await AgentModel.query(on: app.db).filter(\.$siteID == vendorSite).count()
            #expect(visible.count == expected && expected > 0)
            #expect(visible.allSatisfy { $0.site_id == vendorSite })

            let foreign = try #require(try await AgentModel.query(on: app.db).filter(\.$siteID == ownSite).first()?.id)
            let peek = try await app.testing().sendRequest(.GET, "/api/v1/agents/\(foreign)", headers: jsonHeaders(token))
            #expect(peek.status == .notFound)
            let otherSite = try await app.testing().sendRequest(.GET, "/api/v1/sites/\(ownSite)", headers: jsonHeaders(token))
            #expect(otherSite.status == .notFound)

            let projects = try await app.testing().sendRequest(.GET, "/api/v1/projects", headers: jsonHeaders(token))
            #expect(try projects.content.decode([ProjectDTO].self).map(\.code).sorted() == ["DEMO-MKT", "DEMO-VIP"])
            let survey = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-SAT", headers: jsonHeaders(token))
            #expect(survey.status == .notFound)
        }
    }

    @Test func aSupervisorSeesTheAgentsOfTheirTeams() async throws {
        try await withWaihu(demo: true) { app in
            let token = try await login(app, "supervisor", DemoOrganisation.password)
            let agents = try await app.testing().sendRequest(.GET, "/api/v1/agents", headers: jsonHeaders(token))
            let visible = try agents.content.decode([AgentDTO].self)
            let supervisor = try #require(try await UserQueries.user(username: "supervisor", on: app.db)?.id)
            let teams = try await OrganisationQueries.supervisedTeams(by: supervisor, on: app.db)
            #expect(!teams.isEmpty)
            #expect(visible.count == 20)
            #expect(visible.allSatisfy { $0.team_id.map(teams.contains) ?? false })
        }
    }

    @Test func unsafeAPICallsWithASessionCookieButNoTokenAreRefused() async throws {
        try await withWaihu { app in
            let response = try await app.testing().sendRequest(.POST, "/api/v1/projects", headers: jsonHeaders(),
                                                               body: json(["code": "X", "name": "x", "type": "marketing"]))
            #expect(response.status == .unauthorized)
        }
    }
}
