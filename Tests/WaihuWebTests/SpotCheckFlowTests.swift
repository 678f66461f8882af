import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// A vendor's month spot-checked: the number audit re-decides each call against the do-not-call list as it stood
/// then (a listing made before the call is a violation, one made after is not); the vendor is told on its home page,
/// acknowledges and reports the fix; successes are verified one by one and those that do not stand are set aside.
@Suite struct SpotCheckFlowTests {
    func post(_ app: Application, _ token: String, _ path: String, _ body: [String: Any] = [:]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, path, headers: jsonHeaders(token), body: json(body))
    }

    @Test func aVendorsMonthIsCheckedAndTheVendorAnswers() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            try await DemoCalling.seed(at: now, on: app.db)
            try await DemoHistory.seed(app, at: now)
            // One day of the demo's calls made the vendor's (华信, A1021), so that it has a month to check.
            let vendorAgent = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1021").first())
            let day = try await CallAttemptModel.query(on: app.db).filter(\.$agentID != nil).sort(\.$startedAt).limit(40).all()
            for call in day {
                call.agentID = try vendorAgent.requireID()
                try await call.save(on: app.db)
            }
            let ids = day.compactMap(\.id)
            let picked = SamplingPlan.pick(ids, count: 10, seed: 7)
            let listedBefore = try #require(day.first { $0.id == picked[0] })
            let listedAfter = try #require(day.first { $0.id == picked[1] && $0.phone != listedBefore.phone })
            for (call, offset) in [(listedBefore, -86_400.0), (listedAfter, 3_600.0)] {
                let entry = DoNotCallModel()
                entry.phone = call.phone
                entry.reason = DoNotCallReason.refusedCalls.rawValue
                entry.source = "manual"
                entry.addedBy = "test"
                entry.addedAt = call.startedAt.addingTimeInterval(offset)
                try await entry.create(on: app.db)
            }

            let qa = try await login(app, "qa", DemoOrganisation.password)
            let started = try await post(app, qa, "/api/v1/qa/checks", ["kind": "numbers", "site": "华信外呼公司", "month": "2026-11", "size": 10, "seed": 7])
            #expect(started.status == .created)
            let check = try started.content.decode(SpotCheckReads.View.self)
            let items = try #require(check.items)
            #expect(Set(items.map(\.attempt_id)) == Set(picked), "the seed's ten calls")
            let before = try #require(items.first { $0.attempt_id == listedBefore.id })
            let after = try #require(items.first { $0.attempt_id == listedAfter.id })
            #expect(before.violations.contains { $0.contains("禁止呼叫名单") }, "listed before the call: a violation")
            #expect(!after.violations.contains { $0.contains("禁止呼叫名单") }, "listed an hour after: not then")
            #expect(check.findings == items.filter { !$0.violations.isEmpty }.count)

            // Bad input: a month that is not one, a site outside the organisation, no calls at all.
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/checks", ["kind": "numbers", "site": "华信外呼公司", "month": "11/2026", "seed": 1])) == "invalid_field")
            #expect(try await post(app, qa, "/api/v1/qa/checks", ["kind": "numbers", "site": "无此现场", "month": "2026-11", "seed": 1]).status == .notFound)
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/checks", ["kind": "numbers", "site": "华信外呼公司", "month": "2026-10", "seed": 1]))
                    == "spot_check_no_calls")

            // The vendor: the notice on its home, acknowledged, then the fix reported (a note needed).
            var vendorPage = try await signIn(app, "vendor")
            #expect(try await vendorPage.get("/").body.string.contains("/qa/checks/\(check.id)"))
            let vendor = try await login(app, "vendor", DemoOrganisation.password)
            #expect(errorCode(try await post(app, vendor, "/api/v1/qa/checks/\(check.id)/fixed", ["note": "x"])) == "check_not_acknowledged")
            #expect(try await post(app, vendor, "/api/v1/qa/checks/\(check.id)/acknowledge").status == .ok)
            #expect(errorCode(try await post(app, vendor, "/api/v1/qa/checks/\(check.id)/fixed", ["note": " "])) == "missing_field")
            let fixed = try await post(app, vendor, "/api/v1/qa/checks/\(check.id)/fixed", ["note": "已对坐席 A1021 培训免打扰规则"])
            #expect(try fixed.content.decode(SpotCheckReads.View.self).fix_note == "已对坐席 A1021 培训免打扰规则")
            #expect(!(try await vendorPage.get("/").body.string.contains("/qa/checks/\(check.id)")), "acknowledged: no longer a notice")
            // The own site's supervisor does not see the vendor's checks.
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/qa/checks", headers: jsonHeaders(supervisor))
                .content.decode([SpotCheckReads.View].self).isEmpty)

            // Success verification: the vendor's successes, each verified; one that does not stand is set aside.
            let successes = day.filter { ($0.disposition.flatMap(DispositionCategory.of)) == .success }.compactMap(\.id)
            try #require(!successes.isEmpty, "the demo day has successes")
            let verification = try await post(app, qa, "/api/v1/qa/checks", ["kind": "successes", "site": "华信外呼公司", "month": "2026-11",
                                                                              "size": successes.count, "seed": 3]).content.decode(SpotCheckReads.View.self)
            let toVerify = try #require(verification.items)
            #expect(Set(toVerify.map(\.attempt_id)) == Set(successes) && verification.unchecked == successes.count)
            let first = toVerify[0]
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/checks/items/\(first.id)/verify", ["verified": false])) == "verification_reason_required")
            #expect(try await post(app, qa, "/api/v1/qa/checks/items/\(first.id)/verify", ["verified": false, "reason": "客户否认订购"]).status == .ok)
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/checks/items/\(first.id)/verify", ["verified": true])) == "already_verified")
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/checks/items/\(items[0].id)/verify", ["verified": true])) == "not_a_verification")
            let site = try #require(try await SiteModel.query(on: app.db).filter(\.$name == "华信外呼公司").first()?.id)
            #expect(try await SpotCheckReads.invalidSuccesses(site: site, month: "2026-11", on: app.db) == [first.attempt_id])
            // Every success was taken: a second verification of the month finds none.
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/checks", ["kind": "successes", "site": "华信外呼公司", "month": "2026-11", "seed": 4]))
                    == "spot_check_no_calls")

            var qaPage = try await signIn(app, "qa")
            let html = try await qaPage.get("/qa/checks/\(verification.id)").body.string
            #expect(html.contains("客户否认订购") && html.contains("开通量核实"))
        }
    }
}
