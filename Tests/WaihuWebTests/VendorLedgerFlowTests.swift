import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// A vendor's deposit, franchise fee and points through the API, and the contract's service-quality table on a
/// statement, against hand computations: 华信 is the demo's exclusive agent (a deposit of ¥50,000 due, qualified to
/// 2026-12-31), 德诚 its general agent (a franchise fee of ¥200,000 due).
@Suite struct VendorLedgerFlowTests {
    func send(_ app: Application, _ method: HTTPMethod, _ token: String, _ path: String, _ body: [String: Any]? = nil) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, path, headers: jsonHeaders(token), body: body.map { json($0) } ?? ByteBuffer())
    }

    func vendorID(_ app: Application, _ name: String) async throws -> UUID {
        try #require(try await VendorModel.query(on: app.db).filter(\.$legalName == name).first()).requireID()
    }

    @Test func depositFeeAndPointsFollowTheSeedsRules() async throws {
        try await withWaihu(demo: true, clock: { VendorFlowTests.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let huaxin = try await vendorID(app, DemoVendors.huaxin), decheng = try await vendorID(app, DemoVendors.decheng)
            let ledger = "/api/v1/vendors/\(huaxin)/ledger"
            // The demo recorded 华信's ¥50,000 deposit in January 2025 and 德诚's 20 points.
            #expect(try await send(app, .POST, manager, ledger, ["kind": "deposit_deducted", "amount": "1200.50", "note": "2026-06 整改超期"]).status == .created)
            // Held: 50,000 − 1,200.50 = 48,799.50. More than that cannot be refunded; and the term (to 2026-12-31) has not ended.
            #expect(errorCode(try await send(app, .POST, manager, ledger, ["kind": "deposit_refunded", "amount": "48799.51", "note": "期满"])) == "deposit_short")
            #expect(errorCode(try await send(app, .POST, manager, ledger, ["kind": "deposit_refunded", "amount": "100", "note": "期满"])) == "term_not_ended")
            // The exclusive agent pays no franchise fee, the general agent no deposit.
            #expect(errorCode(try await send(app, .POST, manager, ledger, ["kind": "franchise_fee_paid", "amount": "100", "note": "x"])) == "no_franchise_fee")
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/vendors/\(decheng)/ledger",
                                             ["kind": "deposit_paid", "amount": "100", "note": "x"])) == "no_deposit")
            let dechengLedger = try await send(app, .POST, manager, "/api/v1/vendors/\(decheng)/ledger", ["kind": "franchise_fee_paid", "amount": "0.50", "note": "滞纳"])
                .content.decode(VendorLedgerReads.Ledger.self)
            #expect(dechengLedger.franchise_fee_paid == "200000.50" && dechengLedger.points == 20)
            // Bad input: nothing saved.
            let before = try await VendorLedgerModel.query(on: app.db).count()
            for (body, code) in [(["kind": "points_awarded", "amount": "1.5", "note": "x"], "invalid_field"),
                                 (["kind": "deposit_paid", "amount": "abc", "note": "x"], "invalid_field"),
                                 (["kind": "deposit_paid", "amount": "0", "note": "x"], "invalid_field"),
                                 (["kind": "deposit_paid", "amount": "10", "note": " "], "invalid_field"),
                                 (["kind": "bonus", "amount": "10", "note": "x"], "invalid_field"),
                                 (["kind": "deposit_paid", "amount": "10", "day": "2026-12-07", "note": "x"], "invalid_field"),
                                 (["kind": "points_redeemed", "amount": "1", "note": "x"], "missing_field")] {
                #expect(errorCode(try await send(app, .POST, manager, ledger, body)) == code, "\(body)")
            }
            #expect(try await VendorLedgerModel.query(on: app.db).count() == before)

            // Points: 30 awarded; 40 cannot be redeemed; 25 on October's statement at ¥1, then 5 at ¥2.50.
            #expect(try await send(app, .POST, manager, ledger, ["kind": "points_awarded", "amount": "30", "note": "2026 Q3 考核优秀"]).status == .created)
            #expect(errorCode(try await send(app, .POST, manager, ledger, ["kind": "points_redeemed", "amount": "40", "month": "2026-10", "note": "兑换"])) == "points_short")
            let draft = try await send(app, .POST, manager, "/api/v1/settlements", ["vendor": DemoVendors.huaxin, "month": "2026-10"])
                .content.decode(SettlementReads.View.self)
            #expect(try await send(app, .POST, manager, ledger, ["kind": "points_redeemed", "amount": "25", "month": "2026-10", "note": "兑换"]).status == .created)
            #expect(errorCode(try await send(app, .PUT, manager, "/api/v1/vendor-point-value", ["point_value": "0"])) == "invalid_field")
            #expect(try await send(app, .PUT, manager, "/api/v1/vendor-point-value", ["point_value": "2.50"]).status == .ok)
            let read = try await send(app, .POST, manager, ledger, ["kind": "points_redeemed", "amount": "5", "month": "2026-10", "note": "兑换"])
                .content.decode(VendorLedgerReads.Ledger.self)
            #expect(read.deposit_held == "48799.50" && read.deposit_required == "50000.00" && read.points == 0 && read.points_redeemed == 30)
            #expect(read.entries.compactMap(\.cash) == ["25.00", "12.50"])
            // The draft was computed again with the redemptions: 25 × ¥1 + 5 × ¥2.50 = ¥37.50 more.
            let statement = try await send(app, .GET, manager, "/api/v1/settlements/\(draft.id)").content.decode(SettlementReads.View.self)
            #expect(statement.rewards.first { $0.kind == "points_redeemed" }.map { [$0.count] } == [2])
            #expect(statement.rewards.first { $0.kind == "points_redeemed" }?.amount == Decimal(string: "37.5"))
            #expect(statement.total == draft.total + Decimal(string: "37.5")!)
            // A statement past its draft takes no more points.
            let model = try #require(try await SettlementModel.find(draft.id, on: app.db))
            model.status = StatementStatus.approved.rawValue
            try await model.save(on: app.db)
            #expect(try await send(app, .POST, manager, ledger, ["kind": "points_awarded", "amount": "3", "note": "x"]).status == .created)
            #expect(errorCode(try await send(app, .POST, manager, ledger, ["kind": "points_redeemed", "amount": "3", "month": "2026-10", "note": "x"])) == "statement_state")

            // The vendor reads its own ledger, never another's, and records nothing.
            let vendor = try await login(app, "vendor", DemoOrganisation.password)
            #expect(try await send(app, .GET, vendor, ledger).status == .ok)
            #expect(try await send(app, .GET, vendor, "/api/v1/vendors/\(decheng)/ledger").status == .notFound)
            #expect(try await send(app, .POST, vendor, ledger, ["kind": "points_awarded", "amount": "100", "note": "x"]).status == .forbidden)
            var session = try await signIn(app, "manager")
            let page = try await session.get("/vendors/\(huaxin)").body.string
            #expect(page.contains("vendor-ledger") && page.contains("48799.50"))
        }
    }

    @Test func theContractsQualityTableMovesTheCommission() async throws {
        try await withWaihu(demo: true, clock: { VendorFlowTests.now }) { app in
            let db = app.db
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let huaxin = try await vendorID(app, DemoVendors.huaxin)
            let vip = try #require(try await ProjectModel.query(on: db).filter(\.$code == "DEMO-VIP").first()).requireID()
            let agent = try #require(try await AgentModel.query(on: db).filter(\.$number == "A1021").first()).requireID()
            var calls: [CallAttemptModel] = []
            for _ in 0 ..< 4 { calls.append(try await SettlementFlowTests.call(app, agent: agent, project: vip, day: 10, disposition: "success")) }
            for (call, score) in zip(calls, [95, 85]) {
                let review = QAReviewModel()
                review.attemptID = try call.requireID()
                review.scorecardCode = "sales"
                review.scorecardVersion = 0
                review.inspector = "qa"
                review.reviewedAt = VendorFlowTests.now
                review.score = score
                review.grade = score >= 90 ? ReviewGrade.excellent.rawValue : ReviewGrade.qualified.rawValue
                review.fatal = "[]"
                review.marks = "{}"
                try await review.create(on: db)
            }
            let contracts = "/api/v1/vendors/\(huaxin)/contracts"
            let base: [String: Any] = ["starts_on": "2026-10-01", "ends_on": "2028-12-31", "nda_signed_on": "2026-10-01"]
            for bands in ["abc", "90: +5\n90: 0", "101: 5", "90: +120"] {
                #expect(errorCode(try await send(app, .POST, manager, contracts, base.merging(["number": "HX-Q-\(bands.count)", "quality_bands": bands]) { $1 }))
                        == "invalid_field", "\(bands)")
            }
            #expect(try await send(app, .POST, manager, contracts, base.merging(["number": "HX-Q", "quality_bands": "90: +5\n60：0\n0: -10%"]) { $1 }).status == .created)
            let run = try await send(app, .POST, manager, "/api/v1/settlements", ["vendor": DemoVendors.huaxin, "month": "2026-10"])
            let statement = try run.content.decode(SettlementReads.View.self)
            // By hand: 4 successes × ¥40 = ¥160; the mean of 95 and 85 is 90.0, the band from 90: +5 % of ¥160 = ¥8.
            #expect(statement.projects.map(\.amount) == [160])
            #expect(statement.quality?.reviews == 2 && statement.quality?.mean_score == "90.0" && statement.quality?.amount == 8)
            #expect(statement.total == 168)
            let csv = try await send(app, .GET, manager, "/api/v1/settlements/\(statement.id)/download?format=csv").body.string
            #expect(csv.contains("服务质量调整"))
            var session = try await signIn(app, "manager")
            let page = try await session.get("/vendors/\(huaxin)").body.string
            #expect(page.contains("≥ 90: +5.00%"))
        }
    }
}
