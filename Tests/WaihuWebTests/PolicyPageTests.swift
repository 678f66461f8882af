import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

@Suite struct PolicyPageTests {
    @Test func aManagerChangesTheRulesAndListsANumberFromThePage() async throws {
        try await withWaihu(demo: true) { app in
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/policy")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("内置默认规则") && !page.body.string.contains("org:0"), "the version named, not coded")
            #expect(page.body.string.contains("09:00-21:00"))
            let rules = ["monthly_cap": "3", "cooldown_months": "2", "yearly_cap": "20", "cap_year": "rolling",
                         "product_interval_months": "1", "product_refusal_limit": "3", "counting": "attempts",
                         "windows": "09:00-12:00, 13:30-20:00"]
            let saved = try await manager.post("/policy/rules", form: rules, csrfFrom: page.body.string)
            #expect(saved.status == .seeOther)
            let inForce = try await PolicyQueries.rules(project: nil, on: app.db)
            #expect(inForce.version == "org:1")
            #expect(inForce.rules.monthlyCap == 3)
            #expect(inForce.rules.counting == .attempts)
            #expect(inForce.rules.schedule.weekdays[3] == [CallingWindow(start: 540, end: 720), CallingWindow(start: 810, end: 1200)])

            #expect(!(try await manager.get("/policy")).body.string.contains("超出 09:00–21:00"))
            // Hours outside 09:00–21:00 are allowed, and the page says they break the published rule.
            var wide = rules
            wide["windows"] = "08:00-22:00"
            #expect(try await manager.post("/policy/rules", form: wide, csrfFrom: page.body.string).status == .seeOther)
            #expect(try await manager.get("/policy").body.string.contains("超出 09:00–21:00"))
            #expect(try await manager.post("/policy/rules", form: rules, csrfFrom: page.body.string).status == .seeOther)

            var broken = rules
            broken["windows"] = "21:00-09:00"
            let refused = try await manager.post("/policy/rules", form: broken, csrfFrom: page.body.string)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("开始早于结束"))
            #expect(try await PolicyQueries.rules(project: nil, on: app.db).version == "org:3")

            let listed = try await manager.post("/policy/dnc", form: ["phone": "13812345678", "reason": "harassment", "product": "", "expires_on": ""],
                                                 csrfFrom: page.body.string)
            #expect(listed.status == .seeOther)
            let lookup = try await manager.get("/policy?phone=138-1234-5678")
            #expect(lookup.body.string.contains("13812345678"))
            let entry = try #require(try await DoNotCallModel.query(on: app.db).first())
            // The list shows the number masked even to a manager; one reveal shows it, audited.
            let listPage = try await manager.get("/policy")
            #expect(listPage.body.string.contains("138****5678") && !listPage.body.string.contains("13812345678"))
            #expect(listPage.body.string.contains("/policy/dnc/\(entry.id!)/reveal"))
            let revealed = try await manager.post("/policy/dnc/\(entry.id!)/reveal", form: [:], csrfFrom: listPage.body.string)
            #expect(revealed.status == .ok && revealed.body.string.contains("13812345678"))
            let audit = try await AuditLog.entries(AuditFilter(action: "dnc.reveal"), on: app.db)
            #expect(audit.count == 1 && audit.first?.targetID == entry.id?.uuidString)
            _ = try await manager.post("/policy/dnc/\(entry.id!)/remove", form: ["reason": "号码已易主"], csrfFrom: page.body.string)
            #expect(try await DoNotCallModel.find(entry.id, on: app.db)?.removalReason == "号码已易主")
        }
    }

    @Test func aSupervisorReadsThePolicyWithMaskedNumbersAndNoForms() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            _ = try await app.testing().sendRequest(.POST, "/api/v1/dnc", headers: jsonHeaders(manager),
                                                    body: json(["phone": "13812345678", "reason": "complaint"]))
            var supervisor = try await signIn(app, "supervisor")
            let page = try await supervisor.get("/policy")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("138****5678"))
            #expect(!page.body.string.contains("13812345678"))
            #expect(!page.body.string.contains("id=\"add-dnc\""))
            let refused = try await supervisor.post("/policy/dnc", form: ["phone": "13912345678", "reason": "complaint"], csrfFrom: page.body.string)
            #expect(refused.status == .forbidden)
        }
    }

    /// A project's own rules beside the organisation's: blank follows it, a value applies to the project only,
    /// clearing a field follows the organisation again; a bad value is refused with the form kept.
    @Test func aManagerSetsAndClearsAProjectsOwnRules() async throws {
        try await withWaihu(demo: true) { app in
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/projects/DEMO-MKT/policy").body.string
            #expect(page.contains("本项目的呼叫规则") && page.contains("沿用组织规则") && page.contains("内置默认规则"))
            let own = ["monthly_cap": "2", "cooldown_months": "", "yearly_cap": "", "cap_year": "", "product_interval_months": "",
                       "product_refusal_limit": "", "counting": "", "windows": "10:00-12:00"]
            #expect(try await manager.post("/projects/DEMO-MKT/policy", form: own, csrfFrom: page).status == .seeOther)
            let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first()?.id)
            var inForce = try await PolicyQueries.rules(project: project, on: app.db)
            #expect(inForce.version == "org:0,project:1" && inForce.rules.monthlyCap == 2)
            #expect(inForce.rules.yearlyCap == ContactRules().yearlyCap, "a blank rule follows the organisation")
            #expect(inForce.rules.schedule.weekdays[0] == [CallingWindow(start: 600, end: 720)])
            #expect(try await PolicyQueries.rules(project: nil, on: app.db).rules.monthlyCap == ContactRules().monthlyCap, "the organisation unchanged")
            let shown = try await manager.get("/projects/DEMO-MKT/policy").body.string
            #expect(shown.contains("项目规则第 1 版") && shown.contains("value=\"10:00-12:00\""))

            var bad = own
            bad["monthly_cap"] = "lots"
            let refused = try await manager.post("/projects/DEMO-MKT/policy", form: bad, csrfFrom: page)
            #expect(refused.status == .badRequest && refused.body.string.contains("每月呼叫上限无效") && refused.body.string.contains("value=\"lots\""))
            #expect(try await PolicyQueries.rules(project: project, on: app.db).rules.monthlyCap == 2, "nothing changed")

            var cleared = own
            cleared["monthly_cap"] = ""
            cleared["windows"] = ""
            #expect(try await manager.post("/projects/DEMO-MKT/policy", form: cleared, csrfFrom: page).status == .seeOther)
            inForce = try await PolicyQueries.rules(project: project, on: app.db)
            #expect(inForce.rules.monthlyCap == ContactRules().monthlyCap && inForce.rules.schedule == ContactRules().schedule,
                    "cleared, the project follows the organisation again")

            // A supervisor reads it without a form to save.
            var supervisor = try await signIn(app, "supervisor")
            let read = try await supervisor.get("/projects/DEMO-MKT/policy")
            #expect(read.status == .ok && !read.body.string.contains(">保存</button>"))
        }
    }
}
