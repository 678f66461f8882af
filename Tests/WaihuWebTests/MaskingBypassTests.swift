import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Numbers written where no number was expected — a customer id, an attribute with dashes or
/// full-width digits, a complaint note, a questionnaire answer — leave masked for every role that
/// may not reveal numbers.
@Suite struct MaskingBypassTests {
    @Test func aCustomerIdAndAttributesHoldingNumbersInAnyFormAreMasked() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let file = "客户编号,手机号,备注,紧急联系\n13812345678,13812345678,致电 +86 138-1234-5678,１３９００００１１１１\n"
            var (headers, body) = multipart(Array(file.utf8))
            headers.bearerAuthorization = BearerAuthorization(token: manager)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/batches", headers: headers, body: body).status == .created)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "evenly"])
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let lead = try #require(try await visibleLeads(app, agent).first { $0.customer_id?.hasSuffix("5678") == true })
            #expect(lead.customer_id == "138****5678")
            #expect(lead.attributes["备注"] == "致电 +86 138-****-5678")
            #expect(lead.attributes["紧急联系"] == "139****1111")

            // The lead's decision page, which supervisors and agents may open, shows the id masked too.
            var browser = try await signIn(app, "supervisor")
            let page = try await browser.get("/projects/DEMO-MKT/leads/\(lead.id!)/decisions")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("13812345678") && page.body.string.contains("138****5678"))
        }
    }

    @Test func complaintNotesAreMaskedForRolesThatMayNotReveal() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let created = try await app.testing().sendRequest(.POST, "/api/v1/complaints", headers: jsonHeaders(manager), body: json([
                "phone": "13812345678", "channel": "call", "kind": "harassment", "note": "客户留下号码 138 1234 5678 要求回电"]))
            #expect(created.status == .created, "\(created.body.string)")
            let full = try await app.testing().sendRequest(.GET, "/api/v1/complaints", headers: jsonHeaders(manager))
            #expect(full.body.string.contains("138 1234 5678"))
            for role in ["qa", "auditor", "supervisor"] {
                let token = try await login(app, role, DemoOrganisation.password)
                let listed = try await app.testing().sendRequest(.GET, "/api/v1/complaints", headers: jsonHeaders(token))
                guard listed.status == .ok else { continue }
                #expect(!listed.body.string.contains("1234 5678"), "\(role)")
                if role == "supervisor" {
                    // A supervisor reads their teams' complaints: this one names no call, so none of their agents.
                    #expect(try listed.content.decode([ComplaintReads.View].self).isEmpty)
                } else {
                    #expect(listed.body.string.contains("138 **** 5678"), "\(role)")
                }
            }
        }
    }

    @Test func answersExportedToASupervisorAreMasked() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 1])
            #expect(try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/script", headers: jsonHeaders(manager),
                                                         body: json(ScriptAPITests.script)).status == .created)
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let next = try await takeNext(app, agent)
            let done = try await finish(app, agent, next.attempt_id, ["disposition": "success",
                                                                     "answers": ["interested": "是", "score": 5, "remark": "改号 13912345678"]])
            #expect(done.status == .ok, "\(done.body.string)")
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            let masked = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/answers?format=csv", headers: jsonHeaders(supervisor))
            #expect(masked.status == .ok)
            #expect(masked.body.string.contains("改号 139****5678") && !masked.body.string.contains("13912345678"))
            let full = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/answers?format=csv", headers: jsonHeaders(manager))
            #expect(full.body.string.contains("改号 13912345678"))
        }
    }
}
