import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// A vendor's October settled through the API against a hand computation: successes priced by the list in force on
/// their day (the project's ¥40, then 华信's own ¥45 from the 16th), one success found not valid, an unqualified ticket
/// and a valid complaint at the contract's ¥50 and ¥100, a manual deduction and a reward from the ledger; the vendor's
/// count disputed, settled by the manager, approved, paid and downloaded.
@Suite struct SettlementFlowTests {
    static let now = ISO8601DateFormatter().date(from: "2026-12-06T10:00:00+08:00")!

    func send(_ app: Application, _ method: HTTPMethod, _ token: String, _ path: String, _ body: [String: Any]? = nil) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, path, headers: jsonHeaders(token), body: body.map { json($0) } ?? ByteBuffer())
    }

    /// A call of October at 10:00 local time on `day`.
    static func call(_ app: Application, agent: UUID, project: UUID, day: Int, disposition: String, test: Bool = false) async throws -> CallAttemptModel {
        let call = CallAttemptModel()
        call.projectID = project
        call.agentID = agent
        call.phone = "1390000\(String(format: "%04d", Int.random(in: 0 ..< 10_000)))"
        call.startedAt = ISO8601DateFormatter().date(from: "2026-10-\(String(format: "%02d", day))T10:00:00+08:00")!
        call.answeredAt = call.startedAt.addingTimeInterval(10)
        call.endedAt = call.startedAt.addingTimeInterval(130)
        call.prepSeconds = 5
        call.talkSeconds = 120
        call.acwSeconds = 20
        call.disposition = disposition
        call.testCall = test
        call.inProgress = false
        try await call.create(on: app.db)
        return call
    }

    @Test func aVendorsMonthIsSettledAsWorkedOutByHand() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let db = app.db
            let vip = try #require(try await ProjectModel.query(on: db).filter(\.$code == "DEMO-VIP").first()).requireID()
            let vendorAgents = try await AgentModel.query(on: db).filter(\.$number ~~ ["A1021", "A1022"]).sort(\.$number).all().map { try $0.requireID() }
            let ownAgent = try #require(try await AgentModel.query(on: db).filter(\.$number == "A1001").first()).requireID()
            var tenth: [CallAttemptModel] = []
            for index in 0 ..< 5 { tenth.append(try await Self.call(app, agent: vendorAgents[index % 2], project: vip, day: 10, disposition: "success")) }
            var twentieth: [CallAttemptModel] = []
            for _ in 0 ..< 3 { twentieth.append(try await Self.call(app, agent: vendorAgents[1], project: vip, day: 20, disposition: "success")) }
            // Not billable: refusals, a test call, the own site's success, a success of November.
            for _ in 0 ..< 4 { _ = try await Self.call(app, agent: vendorAgents[0], project: vip, day: 12, disposition: "refused") }
            _ = try await Self.call(app, agent: vendorAgents[0], project: vip, day: 12, disposition: "success", test: true)
            _ = try await Self.call(app, agent: ownAgent, project: vip, day: 12, disposition: "success")

            let manager = try await login(app, "manager", DemoOrganisation.password)
            // 华信's own price from the 16th; an overlapping second list is refused.
            let own = try await send(app, .POST, manager, "/api/v1/price-lists",
                                     ["project": "DEMO-VIP", "vendor": DemoVendors.huaxin, "starts_on": "2026-10-16", "ends_on": "2026-10-31", "unit_price": "45"])
            #expect(own.status == .created)
            let ownID = try own.content.decode(PriceListService.View.self).id
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/price-lists",
                                             ["project": "DEMO-VIP", "vendor": DemoVendors.huaxin, "starts_on": "2026-10-31", "unit_price": "50"])) == "price_list_overlap")
            #expect(try await send(app, .POST, manager, "/api/v1/price-lists/\(ownID)/approve").status == .ok)

            // One success of the 10th found not valid by a verification.
            let site = try #require(try await OrganisationQueries.site(named: "华信外呼公司", on: db)).requireID()
            let check = SpotCheckModel()
            check.kind = SpotCheckKind.successes.rawValue
            check.siteID = site
            check.month = "2026-10"
            check.seed = 1
            check.createdBy = "qa"
            check.createdAt = Self.now
            try await check.create(on: db)
            let item = SpotCheckItemModel()
            item.checkID = try check.requireID()
            item.attemptID = try tenth[0].requireID()
            item.verified = false
            item.reason = "客户否认办理"
            try await item.create(on: db)
            // An unqualified ticket and a valid complaint on the vendor's calls.
            let review = QAReviewModel()
            review.attemptID = try tenth[1].requireID()
            review.scorecardCode = "sales"
            review.scorecardVersion = 0
            review.inspector = "qa"
            review.reviewedAt = Self.now
            review.score = 0
            review.grade = ReviewGrade.unqualified.rawValue
            review.fatal = "[]"
            review.marks = "{}"
            try await review.create(on: db)
            let complaint = ComplaintModel()
            complaint.phone = tenth[2].phone
            complaint.channel = ComplaintChannel.allCases[0].rawValue
            complaint.kind = ComplaintKind.allCases[0].rawValue
            complaint.valid = true
            complaint.attemptID = try tenth[2].requireID()
            complaint.note = "态度差"
            complaint.registeredBy = "qa"
            complaint.registeredAt = Self.now
            complaint.type = ComplaintType.complaint.rawValue
            complaint.stepsJSON = "[]"
            try await complaint.create(on: db)
            // The ledger: a manual deduction of ¥30 and a reward of ¥200 on the vendor in October; a voided one counts not.
            for (code, ledger, amount, voided) in [("vendor.manual", PenaltyLedger.vendorDeduction, 30.0, false), ("vendor.reward", .reward, 200.0, false),
                                                    ("vendor.manual", .vendorDeduction, 70.0, true)] {
                let entry = PenaltyEntryModel()
                entry.ruleCode = code
                entry.ruleNameZh = code
                entry.ruleNameEn = code
                entry.ledger = ledger.rawValue
                entry.subjectKind = PenaltySubject.vendor.rawValue
                entry.subjectID = site
                entry.subjectName = "华信外呼公司"
                entry.siteID = site
                entry.month = "2026-10"
                entry.amount = amount
                entry.occurrence = 1
                entry.occurredAt = Self.now
                entry.bookedAt = Self.now
                entry.bookedBy = "manager"
                entry.source = "manual"
                entry.evidence = "test"
                entry.voidedAt = voided ? Self.now : nil
                try await entry.create(on: db)
            }

            // A month not ended is refused; October is computed.
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/settlements", ["vendor": DemoVendors.huaxin, "month": "2026-12"])) == "month_not_ended")
            let run = try await send(app, .POST, manager, "/api/v1/settlements", ["vendor": "华信外呼公司", "month": "2026-10"])
            #expect(run.status == .created)
            let statement = try run.content.decode(SettlementReads.View.self)
            // By hand: the 10th 5 − 1 = 4 × ¥40 = 160; the 20th 3 × ¥45 = 135; deductions 50 + 100 + 30 = 180; reward 200.
            #expect(statement.projects.map { [$0.units, $0.not_verified, $0.billable] } == [[5, 1, 4], [3, 0, 3]])
            #expect(statement.projects.map(\.unit_price) == [40, 45] && statement.projects.map(\.amount) == [160, 135])
            #expect(statement.deductions.map(\.amount).reduce(0, +) == 180 && statement.rewards.map(\.amount) == [200])
            #expect(statement.total == Decimal(160 + 135 - 180 + 200))

            // Side by side: 华信's agents made 12 calls in October (the test call and the own site's call are not theirs), 德诚's none.
            let compared = try await VendorComparison.rows(month: "2026-10", scope: .organisation, now: Self.now, language: .zh, on: db)
            #expect(compared.map(\.vendor) == [DemoVendors.huaxin, DemoVendors.decheng].sorted())
            #expect(compared.first { $0.vendor == DemoVendors.huaxin }?.values["calls_made"] == 12.0)
            var page = try await signIn(app, "manager")
            #expect(try await page.get("/vendors/compare?month=2026-10").body.string.contains(DemoVendors.huaxin))

            // The line drills down to its calls: the 8 successes, with what set three of them apart.
            let calls = try await send(app, .GET, manager, "/api/v1/settlements/\(statement.id)/calls?project=DEMO-VIP").content.decode([SettlementReads.Call].self)
            let marked = try tenth.prefix(3).map { try $0.requireID() }
            #expect(calls.count == 8 && calls.filter(\.not_verified).map(\.attempt_id) == [marked[0]])
            #expect(calls.filter(\.unqualified).map(\.attempt_id) == [marked[1]] && calls.filter(\.complained).map(\.attempt_id) == [marked[2]])
            #expect(calls.allSatisfy { $0.phone.contains("****") })

            // The vendor's count: 20 is 13 more than Waihu's 7, beyond max(1 %, 5): disputed; bad counts refused.
            let vendor = try await login(app, "vendor", DemoOrganisation.password)
            let path = "/api/v1/settlements/\(statement.id)"
            #expect(errorCode(try await send(app, .POST, vendor, path + "/counts", ["counts": ["DEMO-VIP": -1]])) == "invalid_field")
            #expect(errorCode(try await send(app, .POST, vendor, path + "/counts", ["counts": ["DEMO-VIP": 7, "DEMO-MKT": 3]])) == "project_not_worked")
            let counted = try await send(app, .POST, vendor, path + "/counts", ["counts": ["DEMO-VIP": 20]]).content.decode(SettlementReads.View.self)
            #expect(counted.reconciliation.map(\.outcome) == ["disputed"] && counted.reconciliation.first?.tolerance == 5)
            #expect(errorCode(try await send(app, .POST, manager, path + "/approve")) == "disputed_lines")
            #expect(try await send(app, .POST, vendor, path + "/approve").status == .forbidden, "the vendor does not approve its own")
            #expect(try await send(app, .PUT, vendor, "/api/v1/vendors/\(statement.vendor_id)", ["legal_name": "x", "model": "general", "categories": "marketing"])
                .status == .forbidden, "nor edit its own record")
            #expect(errorCode(try await send(app, .POST, manager, path + "/settle", ["project": "DEMO-VIP", "units": 8, "reason": " "])) == "invalid_field")
            let settled = try await send(app, .POST, manager, path + "/settle", ["project": "DEMO-VIP", "units": 8, "reason": "核对录音后认可 8 条"])
                .content.decode(SettlementReads.View.self)
            // One unit more than Waihu's count, at the month's last price ¥45.
            #expect(settled.status == "reconciled" && settled.adjustment == 45 && settled.total == Decimal(315 + 45))
            #expect(try await send(app, .POST, manager, path + "/approve").content.decode(SettlementReads.View.self).status == "approved")
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/settlements", ["vendor": DemoVendors.huaxin, "month": "2026-10"])) == "statement_state")
            #expect(try await send(app, .POST, manager, path + "/paid").content.decode(SettlementReads.View.self).status == "paid")

            // The vendor downloads it; another vendor's user sees nothing of it.
            let file = try await send(app, .GET, vendor, path + "/download?format=xlsx")
            #expect(file.status == .ok && file.body.readableBytesView.starts(with: [0x50, 0x4B]))
            let csv = try await send(app, .GET, vendor, path + "/download?format=csv").body.string
            #expect(csv.contains("合计") && csv.contains("360"))
            let audit = try await AuditEntryModel.query(on: db).filter(\.$action ~~ ["settlement.compute", "settlement.counts", "settlement.settle",
                                                                                      "settlement.approve", "settlement.paid"]).count()
            #expect(audit == 5, "compute, counts, settle, approve, paid; the refused requests wrote nothing")
        }
    }
}
