import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuStore
@testable import WaihuWeb

/// The agents and sites pages change one agent or one team without a file or the API: add an agent (a refusal
/// keeps what was typed), set its leaving date, give a team another supervisor.
@Suite struct OrganisationPageTests {
    @Test func anAgentIsAddedAndLeavesAndATeamChangesSupervisor() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            var admin = try await signIn(app, "admin", password: adminPassword)
            let page = try await admin.get("/agents").body.string
            let site = try #require(try await SiteModel.query(on: app.db).filter(\.$name == "总部呼叫中心").first()?.id)

            // A leaving date before the hiring date is refused, and the form keeps what was typed.
            let refused = try await admin.post("/agents", form: ["agent": "A2001", "name": "新人甲", "site_id": site.uuidString,
                                                                 "skill": "outbound", "hired_on": "2026-11-01", "left_on": "2026-10-01"],
                                               csrfFrom: page)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("离职日期无效") && refused.body.string.contains("value=\"新人甲\""))
            #expect(try await AgentQueries.agent(number: "A2001", on: app.db) == nil, "nothing stored")

            let created = try await admin.post("/agents", form: ["agent": "A2001", "name": "新人甲", "site_id": site.uuidString,
                                                                 "skill": "outbound", "hired_on": "2026-11-01", "left_on": ""],
                                               csrfFrom: page)
            #expect(created.status == .seeOther)
            let agent = try #require(try await AgentQueries.agent(number: "A2001", on: app.db))
            #expect(agent.name == "新人甲" && agent.skill == "outbound" && agent.hiredOn == "2026-11-01" && agent.leftOn == nil)

            let left = try await admin.post("/agents/\(try agent.requireID())", form: ["name": "新人甲", "team_id": "", "skill": "outbound",
                                                                                  "left_on": "2026-11-20"], csrfFrom: page)
            #expect(left.status == .seeOther)
            #expect(try await AgentQueries.agent(number: "A2001", on: app.db)?.leftOn == "2026-11-20")

            // The vendor's team gets the demo supervisor.
            let team = try #require(try await TeamModel.query(on: app.db).filter(\.$name == "华信一组").first())
            #expect(team.supervisorID == nil)
            let supervisor = try #require(try await UserQueries.user(username: "supervisor", on: app.db)?.id)
            let sites = try await admin.get("/sites").body.string
            let changed = try await admin.post("/teams/\(try team.requireID())", form: ["name": "华信一组", "supervisor_id": supervisor.uuidString],
                                               csrfFrom: sites)
            #expect(changed.status == .seeOther)
            #expect(try await TeamModel.find(team.id, on: app.db)?.supervisorID == supervisor)
            #expect(try await admin.get("/sites").body.string.contains("李主管"))
        }
    }

    @Test func aRefusedProjectKeepsWhatWasTypedAndTheZoneIsAList() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/projects").body.string
            #expect(page.contains("<option selected>Asia/Shanghai</option>"), "the organisation's zone is chosen")
            let site = try #require(try await SiteModel.query(on: app.db).filter(\.$name == "华信外呼公司").first()?.id)
            let refused = try await manager.post("/projects", pairs: [("code", "DEMO-MKT"), ("name", "重复的项目"), ("type", "satisfaction_survey"),
                                                                      ("target", "50"), ("time_zone", "Asia/Tokyo"),
                                                                      ("site_ids[]", site.uuidString)], csrfFrom: page)
            #expect(refused.status == .conflict, "the code is taken")
            let again = refused.body.string
            #expect(again.contains("value=\"重复的项目\"") && again.contains("value=\"50\"") && again.contains("<option selected>Asia/Tokyo</option>"))
            #expect(again.contains("value=\"satisfaction_survey\" selected") && again.contains("value=\"\(site.uuidString)\" checked"))
        }
    }
}
