import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

/// The leads list finds a customer by name, customer id or number — the number whole, its last digits, or as
/// the pages show it masked — orders the list, says when fewer leads were free than asked, and opens a lead's
/// page with its calls, results and answers.
@Suite struct LeadSearchTests {
    @Test func theSearchReadsNamesIdsAndMaskedNumbers() {
        #expect(LeadSearchTerm.parse("  ") == nil)
        #expect(LeadSearchTerm.parse("138****0107") == .number("138____0107"))
        #expect(LeadSearchTerm.parse("0105") == .number("%0105%"))
        #expect(LeadSearchTerm.parse("+86 138-0000-0105") == .number("%13800000105%"))
        #expect(LeadSearchTerm.parse("105") == .text("105"), "three digits are too few for a number")
        #expect(LeadSearchTerm.parse("客户3") == .text("客户3"))
    }

    @Test func aManagerFindsALeadAndReadsItsCalls() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let token = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: token)
            var manager = try await signIn(app, "manager")
            func found(_ query: String) async throws -> [String] {
                let html = try await manager.get("/projects/DEMO-MKT/leads?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)").body.string
                return (0..<10).map { "K\($0)" }.filter { html.contains(">\($0)</a>") }
            }
            #expect(try await found("客户3") == ["K3"])
            #expect(try await found("0105") == ["K5"])
            #expect(try await found("138****0107") == ["K7"])
            #expect(try await found("K1") == ["K1"])
            #expect(try await found("无此人") == [])
            #expect(try await found("9999") == [], "a number no lead has")
            #expect(try await manager.get("/projects/DEMO-MKT/leads?q=%E6%97%A0%E6%AD%A4%E4%BA%BA").body.string.contains("没有符合搜索的客户"))

            // Ordered by name, descending calls, or file line: the file's order K0…K9 is also the names' order.
            let byName = try await manager.get("/projects/DEMO-MKT/leads?sort=name").body.string
            #expect(try #require(byName.range(of: ">K0</a>")).lowerBound < (try #require(byName.range(of: ">K9</a>")).lowerBound))

            // Fifty asked for one agent, ten free: all ten given, and the page says so.
            let page = try await manager.get("/projects/DEMO-MKT/leads").body.string
            let a1001 = try #require(try await AgentQueries.agent(number: "A1001", on: app.db)?.id)
            let short = try await manager.post("/projects/DEMO-MKT/allocations", pairs: [
                ("agents[]", a1001.uuidString), ("mode", "count"), ("count", "50"), ("source", "pool"),
            ], csrfFrom: page)
            #expect(short.status == .ok)
            #expect(short.body.string.contains("要求分配 50 条，符合条件的空闲数据只有 10 条"))

            // A call with answers shows on the lead's page with its result's name, talk time and the question texts.
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let taken = try await takeNext(app, agent)
            #expect(try await finish(app, agent, taken.attempt_id, ["disposition": "completed", "talk_seconds": 95,
                                                                    "answers": ["speed_ok": "不够用", "users": 3]]).status == .ok)
            let lead = try #require(taken.lead?.id)
            let story = try await manager.get("/projects/DEMO-MKT/leads/\(lead)").body.string
            #expect(story.contains("2026-11-25 10:00") && story.contains("A1001"))
            #expect(story.contains("1:35"), "95 seconds of talk")
            #expect(story.contains("现有网速是否够用：</span>不够用") && story.contains("家中同时上网人数：</span>3"))
            #expect(!story.contains("13800000100"), "the number stays masked")
        }
    }
}
