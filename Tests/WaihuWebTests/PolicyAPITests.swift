import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Stores a finished call to a number, as a call-record import or the dialer would.
func recordCall(_ app: Application, phone: String, at: String, talk: Int = 60, product: String? = nil,
                disposition: String? = nil, project: String = "DEMO-MKT") async throws {
    let attempt = CallAttemptModel()
    attempt.phone = phone
    attempt.projectID = try await ProjectModel.query(on: app.db).filter(\.$code == project).first()?.id
    attempt.startedAt = ISO8601DateFormatter().date(from: at)!
    attempt.prepSeconds = 0
    attempt.talkSeconds = talk
    attempt.acwSeconds = 0
    attempt.product = product
    attempt.disposition = disposition
    attempt.testCall = false
    attempt.inProgress = false
    try await attempt.create(on: app.db)
}

@Suite struct PolicyAPITests {
    func check(_ app: Application, _ token: String, _ fields: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, "/api/v1/policy/check", headers: jsonHeaders(token), body: json(fields))
    }

    @Test func aCustomerCalledTwiceThisMonthWaitsForTheCooldown() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            // Two connected calls, in two different projects: the caps count across the organisation.
            try await recordCall(app, phone: "13812345678", at: "2026-11-03T10:00:00+08:00")
            try await recordCall(app, phone: "13812345678", at: "2026-11-10T10:00:00+08:00", project: "DEMO-SAT")
            // An unanswered attempt does not count by default.
            try await recordCall(app, phone: "13812345678", at: "2026-11-12T10:00:00+08:00", talk: 0)
            let response = try await check(app, manager, ["phone": "138-1234-5678", "project": "DEMO-MKT", "at": "2026-11-25T02:00:00Z"])
            #expect(response.status == .ok, "\(response.body.string)")
            let result = try response.content.decode(PolicyCheck.self)
            #expect(!result.allowed)
            #expect(result.reasons.map(\.code) == ["monthly_cap", "cooldown"])
            #expect(result.next_allowed_at == ISO8601DateFormatter().date(from: "2027-02-10T10:00:00+08:00"))
            #expect(result.rule_version == "org:0")
            let logged = try await PolicyDecisionModel.query(on: app.db).all()
            #expect(logged.map(\.reasons) == ["monthly_cap,cooldown"])
            #expect(logged.map(\.context) == ["check"])
        }
    }

    @Test func aProductRefusedThreeTimesIsRefusedForGood() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            for at in ["2026-06-01T10:00:00+08:00", "2026-08-01T10:00:00+08:00", "2026-10-01T10:00:00+08:00"] {
                try await recordCall(app, phone: "13812345678", at: at, product: "宽带", disposition: "refused")
            }
            let result = try await check(app, manager, ["phone": "13812345678", "project": "DEMO-MKT", "product": "宽带",
                                                        "at": "2026-11-25T02:00:00Z"]).content.decode(PolicyCheck.self)
            #expect(result.reasons.map(\.code) == ["product_refused"])
            #expect(result.next_allowed_at == nil)
            let raw = try await check(app, manager, ["phone": "13812345678", "project": "DEMO-MKT", "product": "宽带",
                                                     "at": "2026-11-25T02:00:00Z"]).body.string
            #expect(raw.contains("\"next_allowed_at\":null"))
        }
    }

    @Test func at22OClockAndOnTheListTheCallIsRefusedWithItsReasons() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let late = try await check(app, manager, ["phone": "13812345678", "project": "DEMO-MKT", "at": "2026-11-25T14:00:00Z"])
                .content.decode(PolicyCheck.self)
            #expect(late.reasons.map(\.code) == ["outside_window"])
            #expect(late.next_allowed_at == ISO8601DateFormatter().date(from: "2026-11-26T09:00:00+08:00"))

            let added = try await app.testing().sendRequest(.POST, "/api/v1/dnc", headers: jsonHeaders(manager),
                                                            body: json(["phone": "13812345678", "reason": "complaint"]))
            #expect(added.status == .created, "\(added.body.string)")
            let listed = try await check(app, manager, ["phone": "13812345678", "project": "DEMO-MKT", "at": "2026-11-25T02:00:00Z"])
                .content.decode(PolicyCheck.self)
            #expect(listed.reasons.map(\.code) == ["dnc"])
            #expect(listed.next_allowed_at == nil)

            // Taken off the list with a reason, the number may be called again; the entry stays.
            let id = try added.content.get(String.self, at: "id")
            let noReason = try await app.testing().sendRequest(.POST, "/api/v1/dnc/\(id)/remove", headers: jsonHeaders(manager),
                                                               body: json(["reason": " "]))
            #expect(errorCode(noReason) == "removal_reason_missing")
            let removed = try await app.testing().sendRequest(.POST, "/api/v1/dnc/\(id)/remove", headers: jsonHeaders(manager),
                                                              body: json(["reason": "客户撤回投诉"]))
            #expect(removed.status == .ok)
            #expect(try await check(app, manager, ["phone": "13812345678", "project": "DEMO-MKT", "at": "2026-11-25T02:00:00Z"])
                .content.decode(PolicyCheck.self).allowed)
            let entries = try await app.testing().sendRequest(.GET, "/api/v1/dnc?phone=13812345678", headers: jsonHeaders(manager))
                .content.decode([DoNotCallDTO].self)
            #expect(entries.map(\.removal_reason) == ["客户撤回投诉"])
            #expect(try await AuditLog.entries(AuditFilter(action: "dnc."), on: app.db).count == 2)
        }
    }

    @Test func aRefusalOfCallsIsListedForAtLeastSixMonths() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let soon = ISO8601DateFormatter().string(from: Date().addingTimeInterval(90 * 86_400))
            let short = try await app.testing().sendRequest(.POST, "/api/v1/dnc", headers: jsonHeaders(manager),
                                                            body: json(["phone": "13812345678", "reason": "refused_calls", "expires_at": soon]))
            #expect(short.status == .unprocessableEntity)
            #expect(errorCode(short) == "refusal_too_short")
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            let forbidden = try await app.testing().sendRequest(.POST, "/api/v1/dnc", headers: jsonHeaders(supervisor),
                                                                body: json(["phone": "13812345678", "reason": "complaint"]))
            #expect(forbidden.status == .forbidden)
            #expect(try await DoNotCallModel.query(on: app.db).count() == 0)
        }
    }

    @Test func ruleChangesMakeNewAuditedVersionsAndProjectsOverrideThem() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let organisation = try await app.testing().sendRequest(.PATCH, "/api/v1/policy/rules", headers: jsonHeaders(manager),
                                                                   body: json(["monthly_cap": 3, "schedule": ["weekdays": Array(repeating: ["09:00-20:00"], count: 7), "holidays": [:]]]))
            #expect(organisation.status == .ok, "\(organisation.body.string)")
            #expect(try organisation.content.get(String.self, at: "version") == "org:1")
            let project = try await app.testing().sendRequest(.PATCH, "/api/v1/projects/DEMO-MKT/policy", headers: jsonHeaders(manager),
                                                              body: json(["monthly_cap": 1]))
            #expect(try project.content.get(String.self, at: "version") == "org:1,project:2")
            #expect(try project.content.get(Int.self, at: "rules", "monthly_cap") == 1)
            // One earlier call: the project's cap of one refuses, the organisation's three would not.
            try await recordCall(app, phone: "13812345678", at: "2026-11-03T10:00:00+08:00")
            let mkt = try await check(app, manager, ["phone": "13812345678", "project": "DEMO-MKT", "at": "2026-11-25T02:00:00Z"])
                .content.decode(PolicyCheck.self)
            #expect(mkt.reasons.map(\.code) == ["monthly_cap", "cooldown"])
            #expect(mkt.rule_version == "org:1,project:2")
            // 20:30 is outside the organisation's new 09:00–20:00.
            let sat = try await check(app, manager, ["phone": "13812345678", "project": "DEMO-SAT", "at": "2026-11-25T12:30:00Z"])
                .content.decode(PolicyCheck.self)
            #expect(sat.reasons.map(\.code) == ["outside_window"])
            let bad = try await app.testing().sendRequest(.PATCH, "/api/v1/policy/rules", headers: jsonHeaders(manager),
                                                          body: json(["yearly_cap": 0]))
            #expect(bad.status == .badRequest)
            #expect(try await AuditLog.entries(AuditFilter(action: "policy.rules"), on: app.db).count == 2)
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            let refused = try await app.testing().sendRequest(.PATCH, "/api/v1/policy/rules", headers: jsonHeaders(supervisor),
                                                              body: json(["monthly_cap": 9]))
            #expect(refused.status == .forbidden)
        }
    }
}
