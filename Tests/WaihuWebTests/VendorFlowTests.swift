import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// The vendor registry through the API: a registration failing one condition, fixed and qualified; the data gate
/// refusing an allocation without an NDA; grades of the demo's vendors; warnings opening an exit case, decided by
/// three different people, which recalls the vendor's leads and disables its users, then bans its return.
@Suite struct VendorFlowTests {
    static let now = ISO8601DateFormatter().date(from: "2026-12-06T10:00:00+08:00")!

    func send(_ app: Application, _ method: HTTPMethod, _ token: String, _ path: String, _ body: [String: Any]? = nil) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, path, headers: jsonHeaders(token), body: body.map { json($0) } ?? ByteBuffer())
    }

    @Test func aVendorIsQualifiedOnlyWhenEveryConditionIsMetAndGetsDataOnlyUnderAnNDA() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let admin = try await login(app, "admin", adminPassword)
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let site = try await send(app, .POST, admin, "/api/v1/sites", ["name": "远航外呼中心", "kind": "vendor"])
            let siteID = try site.content.get(String.self, at: "id")
            let team = try await send(app, .POST, admin, "/api/v1/teams", ["site_id": siteID, "name": "远航一组"]).content.get(String.self, at: "id")
            let facts: [String: Any] = ["licence_check_year": 2026, "tax_registered": true, "independent_legal_person": true, "registered_capital": 600_000,
                                        "seats": 8, "agents": 20, "office_area": 80, "recording_retention_days": 120, "experience_years": 2,
                                        "warnings_last_year": 0]
            var registration: [String: Any] = ["legal_name": "远航外呼有限公司", "model": "specialised", "categories": "winback", "sites": ["远航外呼中心"],
                                               "facts": facts]
            let registered = try await send(app, .POST, manager, "/api/v1/vendors", registration)
            #expect(registered.status == .created)
            let vendor = try registered.content.decode(VendorReads.View.self)
            // Eight seats against ten, and no on-site inspection yet: those two conditions, with the figures.
            #expect(vendor.conditions.filter { !$0.met }.map(\.code) == ["seats", "site_inspection"])
            #expect(vendor.conditions.first { $0.code == "seats" }?.figure == "8" && vendor.grade == 3)
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/vendors/\(vendor.id)/qualify", ["from": "2026-12-01"])) == "qualification_failed")
            // A second general agent for a category one already holds is refused (D-02); so is a second registration.
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/vendors",
                                             ["legal_name": "另一家", "model": "general", "categories": "service"])) == "category_has_general_agent")
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/vendors", registration)) == "vendor_exists")

            var fixed = facts
            fixed["seats"] = 12
            fixed["site_inspection_passed"] = true
            registration["facts"] = fixed
            #expect(try await send(app, .PUT, manager, "/api/v1/vendors/\(vendor.id)", registration).content.decode(VendorReads.View.self).conditions_met)
            registration["task_completed_on"] = "2026-13-01"
            #expect(errorCode(try await send(app, .PUT, manager, "/api/v1/vendors/\(vendor.id)", registration)) == "invalid_field")
            registration["task_completed_on"] = nil
            let qualified = try await send(app, .POST, manager, "/api/v1/vendors/\(vendor.id)/qualify", ["from": "2026-12-01"]).content.decode(VendorReads.View.self)
            #expect(qualified.qualified_from == "2026-12-01" && qualified.qualified_until == "2027-11-30", "a specialised agent: one year")
            #expect(qualified.data_gate.count == 1 && qualified.data_gate[0].contains("合同"))

            // A contract without an NDA: data still refused, and the allocation says why; with the NDA it goes.
            #expect(try await send(app, .POST, manager, "/api/v1/vendors/\(vendor.id)/contracts",
                                   ["number": "YH-2026-01", "starts_on": "2026-12-01", "ends_on": "2027-11-30"]).status == .created)
            try await importTenLeads(app, manager: manager)
            let project = try #require(try await ProjectQueries.project("DEMO-MKT", in: .organisation, on: app.db))
            try await ProjectQueries.setSites(project.siteIDs + [UUID(uuidString: siteID)!], of: try project.project.requireID(), on: app.db)
            let refused = try await allocate(app, manager, ["teams": [team], "mode": "evenly"])
            #expect(errorCode(refused) == "vendor_data_gate" && refused.body.string.contains("保密协议"))
            #expect(try await LeadModel.query(on: app.db).filter(\.$teamID == UUID(uuidString: team)!).count() == 0, "nothing allocated")
            #expect(try await send(app, .POST, manager, "/api/v1/vendors/\(vendor.id)/contracts",
                                   ["number": "YH-2026-02", "starts_on": "2026-12-01", "ends_on": "2027-11-30", "nda_signed_on": "2026-12-01"]).status == .created)
            let allowed = try await allocate(app, manager, ["teams": [team], "mode": "evenly"])
            #expect(allowed.status == .created, "\(allowed.body.string)")
        }
    }

    @Test func warningsOpenAnExitThatThreePeopleDecide() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            try await DemoCalling.seed(at: Self.now, on: app.db)
            let admin = try await login(app, "admin", adminPassword)
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let vendorUser = try await login(app, "vendor", DemoOrganisation.password)
            let vendors = try await send(app, .GET, manager, "/api/v1/vendors").content.decode([VendorReads.View].self)
            let huaxin = try #require(vendors.first { $0.legal_name == DemoVendors.huaxin })
            let decheng = try #require(vendors.first { $0.legal_name == DemoVendors.decheng })
            // Three faults in 2025 make 华信 grade 2 (a month a quarter), 德诚 is new: grade 3 (every month).
            #expect(huaxin.grade == 2 && huaxin.faults_last_year == 3 && huaxin.inspected_months?.count == 4)
            #expect(decheng.grade == 3 && decheng.faults_last_year == nil && decheng.inspected_months == Array(1 ... 12))
            let own = try await send(app, .GET, vendorUser, "/api/v1/vendors").content.decode([VendorReads.View].self)
            #expect(own.map(\.legal_name) == [DemoVendors.huaxin] && own[0].inspected_months == nil, "the vendor sees itself, not its inspected months")
            // The inspectors see who is due this month: 德诚 (grade 3) every month, 华信 in its drawn months only.
            var inspector = try await signIn(app, "qa")
            let checks = try await inspector.get("/qa/checks").body.string
            #expect(checks.contains("\(DemoVendors.decheng)（三级）"))
            #expect(checks.contains(DemoVendors.huaxin) == (huaxin.inspected_months ?? []).contains(12))

            // The desk and the dialer check the gate too: 华信's NDA withdrawn, its agent gets no customer.
            let a1021 = try await login(app, "a1021", DemoOrganisation.password)
            let next = "/api/v1/projects/DEMO-VIP/desk/next"
            let taken = try await send(app, .POST, a1021, next).content.decode(DeskService.NextLead.self)
            let attempt = try #require(taken.attempt_id)
            let contract = try #require(try await VendorContractModel.query(on: app.db).filter(\.$vendorID == huaxin.id).first())
            contract.ndaSignedOn = nil
            try await contract.save(on: app.db)
            let refused = try await send(app, .POST, a1021, next)
            #expect(errorCode(refused) == "vendor_data_gate" && refused.body.string.contains("保密协议"))
            let agentID = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1021").first()).requireID()
            let ownAgent = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1001").first()).requireID()
            #expect(try await VendorService.barred([agentID, ownAgent], on: LocalDate("2026-12-06")!, db: app.db) == [agentID])
            contract.ndaSignedOn = "2025-01-01"
            try await contract.save(on: app.db)

            // The vendor cannot write its own assessment; the center warns it twice more (the demo has one warning).
            let records = "/api/v1/vendors/\(huaxin.id)/records"
            #expect(try await send(app, .POST, vendorUser, records, ["kind": "warning", "reason": "自评"]).status == .forbidden)
            #expect(errorCode(try await send(app, .POST, manager, records, ["kind": "warning", "reason": " "])) == "invalid_field")
            for reason in ["夜间外呼", "未按脚本告知资费"] {
                #expect(try await send(app, .POST, manager, records, ["kind": "warning", "reason": reason]).status == .created)
            }
            let listed = try await send(app, .GET, vendorUser, records).content.decode([VendorAssessmentReads.Record].self)
            #expect(listed.filter { $0.kind == "warning" }.count == 3)
            let acknowledged = try await send(app, .POST, vendorUser, "/api/v1/vendor-records/\(listed[0].id)/acknowledge")
                .content.decode([VendorAssessmentReads.Record].self)
            #expect(acknowledged.first { $0.id == listed[0].id }?.acknowledged_by == "vendor")

            // The third warning opened an exit case; three different people decide it.
            let exits = try await send(app, .GET, manager, "/api/v1/vendors/\(huaxin.id)/exits").content.decode([VendorAssessmentReads.Exit].self)
            let exit = try #require(exits.first)
            #expect(exits.count == 1 && exit.trigger == "three_warnings" && exit.next_level == "center")
            let decide = "/api/v1/vendor-exits/\(exit.id)/decide"
            #expect(try await send(app, .POST, manager, decide, ["approve": true, "note": "情况属实"]).status == .ok)
            #expect(errorCode(try await send(app, .POST, manager, decide, ["approve": true])) == "same_approver")
            #expect(try await send(app, .POST, admin, decide, ["approve": true]).status == .ok)
            _ = try await createUser(app, admin: admin, ["username": "vp", "role": "manager", "password": "vp-pass-2026"])
            let deputy = try await login(app, "vp", "vp-pass-2026")
            let site = try #require(try await OrganisationQueries.site(named: "华信外呼公司", on: app.db)).requireID()
            let agents = try await AgentModel.query(on: app.db).filter(\.$siteID == site).all().compactMap(\.id)
            let held = try await LeadModel.query(on: app.db).filter(\.$agentID ~~ agents).count()
            try #require(held > 0, "the demo's floor gave 华信's agents leads")
            // Not while its agent is on a call: the lead A1021 took comes back once the call is let go.
            #expect(errorCode(try await send(app, .POST, deputy, decide, ["approve": true])) == "vendor_calls_in_progress")
            #expect(try await send(app, .POST, a1021, "/api/v1/attempts/\(attempt)/release").status == .noContent)
            let done = try await send(app, .POST, deputy, decide, ["approve": true, "note": "同意退出"]).content.decode([VendorAssessmentReads.Exit].self)
            #expect(done.first?.step == "exited" && done.first?.handover?.contains("\(held)") == true)
            #expect(try await LeadModel.query(on: app.db).filter(\.$agentID ~~ agents).count() == 0, "every lead back in the pool")
            #expect(try await UserModel.query(on: app.db).filter(\.$siteID == site).filter(\.$active == true).count() == 0, "its users disabled")
            #expect(errorCode(try await allocate(app, manager, ["agents": ["A1021"], "mode": "evenly"])) == "vendor_exited")
            // Two years' ban, unless overridden with a reason.
            #expect(errorCode(try await send(app, .POST, manager, "/api/v1/vendors/\(huaxin.id)/qualify", [:])) == "vendor_banned")
            #expect(try await send(app, .POST, manager, "/api/v1/vendors/\(huaxin.id)/qualify", ["override": "副总特批：整改到位"]).status == .ok)
        }
    }
}

extension VendorFlowTests {
    /// November's on-site verification is due for the general and exclusive agents; a report ending the agreement early
    /// opens an exit case. A business exit of a vendor's last category opens its qualification exit (D-47).
    @Test func theAnnualVerificationAndTheLastCategoryLeadToExits() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let admin = try await login(app, "admin", adminPassword)
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let vendors = try await send(app, .GET, manager, "/api/v1/vendors").content.decode([VendorReads.View].self)
            let decheng = try #require(vendors.first { $0.legal_name == DemoVendors.decheng })
            #expect(vendors.filter { $0.annual_verification_due }.count == 2, "December, and no report yet for either")
            let records = "/api/v1/vendors/\(decheng.id)/records"
            #expect(errorCode(try await send(app, .POST, manager, records, ["kind": "inspection", "reason": "现场考察", "source": "maybe"])) == "invalid_field")
            #expect(try await send(app, .POST, manager, records, ["kind": "inspection", "reason": "考察报告：台席实有 6 个，低于约定", "source": "terminate_early"])
                .status == .created)
            let after = try await send(app, .GET, manager, "/api/v1/vendors/\(decheng.id)").content.decode(VendorReads.View.self)
            #expect(!after.annual_verification_due)
            var exits = try await send(app, .GET, manager, "/api/v1/vendors/\(decheng.id)/exits").content.decode([VendorAssessmentReads.Exit].self)
            #expect(exits.map(\.trigger) == ["annual_verification"])
            // Its only category exited through the three levels: the qualification exit follows.
            let opened = try await send(app, .POST, manager, "/api/v1/vendors/\(decheng.id)/exits", ["kind": "business", "category": "service", "reason": "服务类考核不达标"])
            let business = try #require(try opened.content.decode([VendorAssessmentReads.Exit].self).first { $0.kind == "business" })
            _ = try await createUser(app, admin: admin, ["username": "vp", "role": "manager", "password": "vp-pass-2026"])
            let deputy = try await login(app, "vp", "vp-pass-2026")
            for token in [manager, admin, deputy] {
                #expect(try await send(app, .POST, token, "/api/v1/vendor-exits/\(business.id)/decide", ["approve": true]).status == .ok)
            }
            exits = try await send(app, .GET, manager, "/api/v1/vendors/\(decheng.id)/exits").content.decode([VendorAssessmentReads.Exit].self)
            #expect(exits.first { $0.id == business.id }?.step == "exited")
            #expect(exits.filter { $0.trigger == "all_categories_exited" && $0.kind == "qualification" && $0.step == "opened" }.count == 1)
        }
    }
}
