import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuWeb

/// The home page is each role's own: the agent's callbacks due and figures, the supervisor's floor, the
/// manager's projects, QA's complaints to judge, the auditor's sensitive actions; each within its scope.
@Suite struct HomePageTests {
    @Test func eachRoleFindsWhatWaitsForIt() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 3])
            let a1001 = try await login(app, "a1001", DemoOrganisation.password)
            func at(_ minutes: Int) -> String {
                ISO8601DateFormatter().string(from: deskMorning.addingTimeInterval(Double(minutes) * 60))
            }
            // 10:00 — K0 booked for 10:05 today, K1 for tomorrow 10:00: only K0 is due today.
            let k0 = try await takeNext(app, a1001)
            #expect(try await finish(app, a1001, k0.attempt_id, ["disposition": "callback", "callback_at": at(5)]).status == .ok)
            let k1 = try await takeNext(app, a1001)
            #expect(try await finish(app, a1001, k1.attempt_id, ["disposition": "callback", "callback_at": at(24 * 60)]).status == .ok)
            let qa = try await login(app, "qa", DemoOrganisation.password)
            let complaint = try await app.testing().sendRequest(.POST, "/api/v1/complaints", headers: jsonHeaders(qa),
                                                                body: json(["phone": "138 0000 0105", "channel": "call", "kind": "harassment", "note": ""]))
            #expect(complaint.status == .created)
            let refused = try await app.testing().sendRequest(.POST, "/api/v1/auth/login", headers: jsonHeaders(),
                                                              body: json(["username": "supervisor", "password": "wrong-password"]))
            #expect(refused.status == .unauthorized)
            clock.advance(10 * 60)

            // The agent: the desk, the callback due (now overdue), not tomorrow's; two calls made today.
            var agent = try await signIn(app, "a1001")
            let agentHome = try await agent.get("/").body.string
            #expect(agentHome.contains("href=\"/desk\""))
            let callbacks = try section(agentHome, "home-callbacks")
            #expect(callbacks.contains("2026-11-25 10:05") && callbacks.contains("客户0") && callbacks.contains("已过期"))
            #expect(!callbacks.contains("客户1"), "tomorrow's callback is not due today")
            let figures = try section(agentHome, "home-figures")
            #expect(figures.contains(">\(MetricID.calls_made.definition.name.zh)</td><td><b>2</b>"), "two calls made today")
            #expect(!agentHome.contains("id=\"home-projects\"") && !agentHome.contains("id=\"home-sensitive\""))

            // QA: the complaint waiting for a judgement, its number masked.
            var inspector = try await signIn(app, "qa")
            let complaints = try section(try await inspector.get("/").body.string, "home-complaints")
            #expect(complaints.contains("138****0105") && complaints.contains(ComplaintKind.harassment.name.zh))

            // The auditor: the refused sign-in among the sensitive actions.
            var auditor = try await signIn(app, "auditor")
            let sensitive = try section(try await auditor.get("/").body.string, "home-sensitive")
            #expect(sensitive.contains("登录失败") && sensitive.contains("supervisor"))

            // The manager: the projects with their progress, the floor; the supervisor: the floor, no audit.
            var boss = try await signIn(app, "manager")
            let managerHome = try await boss.get("/").body.string
            #expect(try section(managerHome, "home-projects").contains("宽带升级电话营销"))
            #expect(managerHome.contains("id=\"home-floor\""))
            var supervisor = try await signIn(app, "supervisor")
            let supervisorHome = try await supervisor.get("/").body.string
            #expect(supervisorHome.contains("id=\"home-floor\"") && !supervisorHome.contains("id=\"home-sensitive\""))

            // The vendor sees its own site's figures and projects, not complaints or the audit.
            var vendor = try await signIn(app, "vendor")
            let vendorHome = try await vendor.get("/").body.string
            #expect(vendorHome.contains("id=\"home-figures\"") && !vendorHome.contains("id=\"home-complaints\"")
                    && !vendorHome.contains("id=\"home-sensitive\""))
            #expect(try section(vendorHome, "home-figures").contains(">\(MetricID.calls_made.definition.name.zh)</td><td><b>0</b>"),
                    "A1001's calls are not the vendor's")
        }
    }

    /// The HTML of the card with this id.
    func section(_ html: String, _ id: String) throws -> String {
        let start = try #require(html.range(of: "id=\"\(id)\""), "no \(id)")
        let rest = html[start.upperBound...]
        return String(rest[..<(rest.range(of: "<div class=\"card\"")?.lowerBound ?? rest.endIndex)])
    }
}
