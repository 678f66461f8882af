import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

extension SettlementFlowTests {
    /// Billing's usage fees of October on DEMO-VIP (RULES E-06): each customer counts for the vendor whose agent last sold to
    /// them; the rest of the file is refused by line; the commission of 华信's price list (5 %) lands on its October statement,
    /// worked out by hand; a second import replaces the first; an approved statement is not changed.
    @Test func usageFeesBecomeTheCommissionOfTheVendorWhoSold() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let db = app.db
            let vip = try #require(try await ProjectModel.query(on: db).filter(\.$code == "DEMO-VIP").first()).requireID()
            let a1021 = try #require(try await AgentModel.query(on: db).filter(\.$number == "A1021").first()).requireID()
            let own = try #require(try await AgentModel.query(on: db).filter(\.$number == "A1001").first()).requireID()
            func sale(_ agent: UUID, day: Int, _ disposition: String = "success") async throws -> String {
                try await Self.call(app, agent: agent, project: vip, day: day, disposition: disposition).phone
            }
            let sold = try await sale(a1021, day: 10), alsoSold = try await sale(a1021, day: 20)
            let ownSale = try await sale(own, day: 11), refused = try await sale(a1021, day: 12, "refused")
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let list = try await send(app, .POST, manager, "/api/v1/price-lists", ["project": "DEMO-VIP", "vendor": DemoVendors.huaxin, "starts_on": "2026-10-01",
                                                                                  "ends_on": "2026-10-31", "unit_price": "45", "usage_percent": 5])
            let listID = try list.content.decode(PriceListService.View.self).id
            #expect(try await send(app, .POST, manager, "/api/v1/price-lists/\(listID)/approve").status == .ok)

            func upload(_ month: String, _ body: String) async throws -> TestingHTTPResponse {
                var headers = jsonHeaders(manager)
                headers.replaceOrAdd(name: .contentType, value: "text/csv")
                return try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-VIP/usage-fees?month=\(month)", headers: headers, body: ByteBuffer(string: body))
            }
            let file = "号码,使用费\n\(sold),100\n\(alsoSold),50.50\n\(ownSale),80\n\(refused),20\n12345,10\n\(sold),30\n\(alsoSold),1.234\n"
            #expect(errorCode(try await upload("2026-12", file)) == "month_not_ended")
            let outcome = try await upload("2026-10", file).content.decode(UsageFeeService.Outcome.self)
            #expect(outcome.rows == 7 && outcome.accepted == 2)
            #expect(outcome.vendors.count == 1 && outcome.vendors[0].vendor == DemoVendors.huaxin && outcome.vendors[0].customers == 2 && outcome.vendors[0].fees == "150.50")
            #expect(outcome.refused.map(\.line) == [4, 5, 6, 7, 8])  // own site's sale, no sale, not a number, repeated, three decimals

            let huaxin = try #require(try await VendorModel.query(on: db).filter(\.$legalName == DemoVendors.huaxin).first()).requireID()
            func usage() async throws -> Int? {
                let model = try await SettlementService.run(vendor: huaxin, month: "2026-10", by: .console, at: Self.now, on: db)
                return model.computed?.usage.first { $0.code == "DEMO-VIP" }?.amountFen
            }
            // 5 % of ¥150.50 = ¥7.525, rounded half up to the fen: ¥7.53.
            #expect(try await usage() == 753)
            // Imported again with one customer: the month's fees are replaced, not added.
            #expect(try await upload("2026-10", "\(sold),200\n").content.decode(UsageFeeService.Outcome.self).accepted == 1)
            #expect(try await usage() == 1_000)

            // Once the statement is past its draft, its fees stay as they are.
            let statement = try #require(try await SettlementModel.query(on: db).filter(\.$vendorID == huaxin).filter(\.$month == "2026-10").first())
            statement.status = StatementStatus.approved.rawValue
            try await statement.save(on: db)
            let late = try await upload("2026-10", "\(sold),999\n")
            #expect(late.status == .conflict && errorCode(late) == "statement_state")
            #expect(try await UsageFeeModel.query(on: db).filter(\.$month == "2026-10").all().map(\.feeFen) == [20_000])
        }
    }
}
