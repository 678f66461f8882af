import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// The yearly selection round (RULES D-19 – D-21) and an exclusive agent promoted to general agent (D-04), through the
/// API, on the demo (today 2026-12-06; 华信 an exclusive marketing agent qualified 2025-01-01 – 2026-12-31, 德诚 the
/// general service agent).
@Suite struct VendorSelectionFlowTests {
    func send(_ app: Application, _ method: HTTPMethod, _ token: String, _ path: String, _ body: [String: Any]? = nil) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, path, headers: jsonHeaders(token), body: body.map { json($0) } ?? ByteBuffer())
    }

    static var facts: [String: Any] { ["licence_check_year": 2026, "tax_registered": true, "independent_legal_person": true, "registered_capital": 600_000,
                                       "seats": 12, "agents": 20, "office_area": 80, "recording_retention_days": 120, "experience_years": 2,
                                       "warnings_last_year": 0, "site_inspection_passed": true] }

    @Test func aSpecialisedAgentIsSelectedYearlyAndItsTermRenewed() async throws {
        try await withWaihu(demo: true, clock: { VendorFlowTests.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let registered = try await send(app, .POST, manager, "/api/v1/vendors",
                                            ["legal_name": "远航外呼有限公司", "model": "specialised", "categories": "winback", "facts": Self.facts])
            let id = try registered.content.decode(VendorReads.View.self).id
            // Qualified for one year from 2026-01-15: to 2027-01-14, within 60 days of today, and not selected this year.
            let qualified = try await send(app, .POST, manager, "/api/v1/vendors/\(id)/qualify", ["from": "2026-01-15"]).content.decode(VendorReads.View.self)
            #expect(qualified.qualified_until == "2027-01-14" && qualified.selection_due)
            let records = "/api/v1/vendors/\(id)/records"
            #expect(errorCode(try await send(app, .POST, manager, records, ["kind": "selection", "source": "maybe", "reason": "议标"])) == "invalid_field")
            #expect(errorCode(try await send(app, .POST, manager, records, ["kind": "selection", "reason": "议标"])) == "invalid_field")
            // Selected: the new term follows the running one, a year from 2027-01-15.
            #expect(try await send(app, .POST, manager, records,
                                   ["kind": "selection", "source": "selected", "reason": "资料齐全；现场考察合格；方案演示良好"]).status == .created)
            let renewed = try await send(app, .GET, manager, "/api/v1/vendors/\(id)").content.decode(VendorReads.View.self)
            #expect(renewed.qualified_from == "2027-01-15" && renewed.qualified_until == "2028-01-14" && !renewed.selection_due)

            // A second vendor failing a condition is not selected by a "selected" report: refused, nothing recorded.
            var facts = Self.facts
            facts["seats"] = 8
            let weak = try await send(app, .POST, manager, "/api/v1/vendors", ["legal_name": "弱小外呼", "model": "specialised", "categories": "winback", "facts": facts])
                .content.decode(VendorReads.View.self)
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/vendors/\(weak.id)/records",
                                             ["kind": "selection", "source": "selected", "reason": "议标"])) == "qualification_failed")
            #expect(try await VendorRecordModel.query(on: app.db).filter(\.$vendorID == weak.id).count() == 0)
            #expect(try await send(app, .POST, manager, "/api/v1/vendors/\(weak.id)/records",
                                   ["kind": "selection", "source": "not_selected", "reason": "台席不足"]).status == .created)
            let listed = try await send(app, .GET, manager, "/api/v1/vendors/\(weak.id)/records").content.decode([VendorAssessmentReads.Record].self)
            #expect(listed.map(\.kind) == ["selection"] && listed.first?.source_name == "结论：未入选")
            #expect(try await VendorModel.find(weak.id, on: app.db)?.qualifiedFrom == nil)
        }
    }

    @Test func theBestExclusiveAgentBecomesTheGeneralAgentAndTheOthersItsSecondLevel() async throws {
        try await withWaihu(demo: true, clock: { VendorFlowTests.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let vendors = try await send(app, .GET, manager, "/api/v1/vendors").content.decode([VendorReads.View].self)
            let huaxin = try #require(vendors.first { $0.legal_name == DemoVendors.huaxin }), decheng = try #require(vendors.first { $0.legal_name == DemoVendors.decheng })
            var facts = Self.facts
            facts["experience_years"] = 1
            let other = try await send(app, .POST, manager, "/api/v1/vendors", ["legal_name": "星辰营销", "model": "exclusive", "categories": "marketing", "facts": facts])
                .content.decode(VendorReads.View.self)
            // Only an exclusive agent is promoted; one short of the general agent's three years is refused.
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/vendors/\(decheng.id)/promote")) == "not_exclusive_agent")
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/vendors/\(other.id)/promote")) == "qualification_failed")
            #expect(try await VendorModel.find(other.id, on: app.db)?.model == "exclusive", "nothing changed")
            let vendorUser = try await login(app, "vendor", DemoOrganisation.password)
            #expect(try await send(app, .POST, vendorUser, "/api/v1/vendors/\(huaxin.id)/promote").status == .forbidden)

            let promoted = try await send(app, .POST, manager, "/api/v1/vendors/\(huaxin.id)/promote")
            #expect(promoted.status == .ok)
            #expect(try promoted.content.get([String].self, at: "second_level") == ["星辰营销"])
            let view = try promoted.content.get(VendorReads.View.self, at: "vendor")
            // Four years of experience, no warning last year: a general agent from today for three years.
            #expect(view.model == "general" && view.qualified_from == "2026-12-06" && view.qualified_until == "2029-12-05")
            let moved = try await send(app, .GET, manager, "/api/v1/vendors/\(other.id)").content.decode(VendorReads.View.self)
            #expect(moved.parent == DemoVendors.huaxin && moved.model == "exclusive")
            // A third top-level agent in marketing is now refused (D-02); under 华信 it may register.
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/vendors", ["legal_name": "新来的", "model": "exclusive", "categories": "marketing"]))
                    == "category_has_general_agent")
            #expect(try await send(app, .POST, manager, "/api/v1/vendors",
                                   ["legal_name": "新来的", "model": "exclusive", "categories": "marketing", "parent": DemoVendors.huaxin]).status == .created)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "vendor.promote").count() == 1)
        }
    }
}
