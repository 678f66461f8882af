import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

@Suite struct MaskingTests {
    /// Calls every GET route an agent may reach, through the API with a token and through the
    /// pages with a session, and fails on any stored phone number in a response.
    @Test func noAgentReachableResponseCarriesAFullNumber() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            var (headers, body) = multipart(Array("客户编号,手机号,备注\nC1,13812345678,13812345678\nC2,01061234567,\nC3,12345678901,\n".utf8))
            headers.bearerAuthorization = BearerAuthorization(token: manager)
            let batch = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/batches", headers: headers, body: body)
                .content.decode(CustomerImportService.Outcome.self).batch_id
            var stored = Set(try await LeadModel.query(on: app.db).all().compactMap(\.phone))
            stored.insert("12345678901")
            #expect(stored.count == 3)

            // The agent holds the accepted leads, so the routes that list an agent's leads have numbers to leak.
            let allocated = try await allocate(app, manager, ["agents": ["A1001"], "mode": "evenly"])
            #expect(try allocated.content.decode(AllocationOutcome.self).allocated == 2)

            let token = try await login(app, "a1001", DemoOrganisation.password)
            #expect(try await visibleLeads(app, token).count == 2)
            var browser = PageSession(app: app)
            let form = try await browser.get("/login")
            _ = try await browser.post("/login", form: ["username": "a1001", "password": DemoOrganisation.password], csrfFrom: form.body.string)
            let agentID = try #require(try await UserQueries.user(username: "a1001", on: app.db)?.agentID)
            let values = ["id": "DEMO-MKT", "batch": batch.uuidString, "lang": "zh"]

            var called = 0
            for route in app.routes.all where route.method == .GET {
                guard let rule = route.userInfo[AnySendableHashable(AccessRule.key)] as? AccessRule,
                      AccessPolicy.allows(.agent, rule.permission) else { continue }
                var path = "/" + route.path.map { component -> String in
                    guard case .parameter(let name) = component else { return component.description }
                    if route.path.first?.description == "api", route.path.contains(where: { $0.description == "agents" }) {
                        return agentID.uuidString
                    }
                    return values[name] ?? name
                }.joined(separator: "/")
                // An event stream runs until the client leaves: its first event is what it shows, then it ends.
                if route.path.last?.description == "stream" { path += "?events=1&seconds=5" }
                let response = rule.surface == .api
                    ? try await app.testing().sendRequest(.GET, path, headers: jsonHeaders(token))
                    : try await browser.get(path)
                called += 1
                for number in stored {
                    #expect(!response.body.string.contains(number), "\(path) shows \(number) to an agent")
                }
            }
            #expect(called >= 8)
        }
    }
}
