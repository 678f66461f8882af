import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

extension VendorFlowTests {
    /// Named approvers (D-48, E-07): once a level names its users only they decide there; the final level also approves
    /// price lists. Unknown users and roles that cannot decide are refused, and nothing is saved.
    @Test func namedApproversAloneDecideTheirLevelAndThePriceLists() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let admin = try await login(app, "admin", adminPassword)
            let manager = try await login(app, "manager", DemoOrganisation.password)
            _ = try await createUser(app, admin: admin, ["username": "vp", "role": "manager", "password": "vp-pass-2026"])
            let deputy = try await login(app, "vp", "vp-pass-2026")
            let path = "/api/v1/vendor-approvers"
            #expect(errorCode(try await send(app, .PUT, manager, path, ["center": ["nobody"], "marketing": [], "deputy_manager": []])) == "invalid_field")
            #expect(errorCode(try await send(app, .PUT, manager, path, ["center": ["manager"], "marketing": ["a1001"], "deputy_manager": []])) == "invalid_field")
            #expect(try await send(app, .GET, manager, path).content.decode(ApproverService.Levels.self) == .init())
            let saved = try await send(app, .PUT, manager, path, ["center": ["manager"], "marketing": ["admin"], "deputy_manager": ["vp"]])
            #expect(try saved.content.decode(ApproverService.Levels.self) == .init(center: ["manager"], marketing: ["admin"], deputy_manager: ["vp"]))

            let vendors = try await send(app, .GET, manager, "/api/v1/vendors").content.decode([VendorReads.View].self)
            let decheng = try #require(vendors.first { $0.legal_name == DemoVendors.decheng })
            let opened = try await send(app, .POST, manager, "/api/v1/vendors/\(decheng.id)/exits", ["kind": "business", "category": "service", "reason": "考核不达标"])
            let exit = try #require(try opened.content.decode([VendorAssessmentReads.Exit].self).first { $0.kind == "business" })
            let decide = "/api/v1/vendor-exits/\(exit.id)/decide"
            let refused = try await send(app, .POST, admin, decide, ["approve": true])
            #expect(refused.status == .forbidden && errorCode(refused) == "not_an_approver" && refused.body.string.contains("manager"))
            #expect(try await send(app, .POST, manager, decide, ["approve": true]).status == .ok)
            #expect(errorCode(try await send(app, .POST, deputy, decide, ["approve": true])) == "not_an_approver")  // marketing's turn
            #expect(try await send(app, .POST, admin, decide, ["approve": true]).status == .ok)
            #expect(errorCode(try await send(app, .POST, manager, decide, ["approve": true])) == "not_an_approver")
            #expect(try await send(app, .POST, deputy, decide, ["approve": true]).status == .ok)

            let list = try await send(app, .POST, manager, "/api/v1/price-lists",
                                      ["project": "DEMO-VIP", "vendor": DemoVendors.huaxin, "starts_on": "2027-01-01", "unit_price": "48"])
            let id = try list.content.decode(PriceListService.View.self).id
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/price-lists/\(id)/approve")) == "not_an_approver")
            #expect(try await PriceListModel.find(id, on: app.db)?.status == PriceList.Status.draft.rawValue)
            #expect(try await send(app, .POST, deputy, "/api/v1/price-lists/\(id)/approve").status == .ok)

            // Emptied again, every manager decides.
            #expect(try await send(app, .PUT, admin, path, ["center": [], "marketing": [], "deputy_manager": []]).status == .ok)
            var page = try await signIn(app, "manager")
            let html = try await page.get("/vendors").body.string
            #expect(html.contains("id=\"vendor-approvers\""))
            let posted = try await page.post("/vendors/approvers", form: ["approvers_center": "manager, ghost", "approvers_marketing": "", "approvers_deputy_manager": ""],
                                             csrfFrom: html)
            #expect(posted.status == .badRequest && posted.body.string.contains("ghost"))
        }
    }
}
