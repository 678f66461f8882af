import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// The penalty ledger from the API: a vendor agent's call reviewed with a fatal item and two findings books the
/// seeds' amounts on the agent, the site and the vendor; the appeal that clears the ticket voids its entries; the
/// findings are followed up; supervisors book by hand within their teams; a complaint books and its reversal voids.
@Suite struct PenaltyFlowTests {
    func post(_ app: Application, _ token: String, _ path: String, _ body: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, path, headers: jsonHeaders(token), body: json(body))
    }

    func ledger(_ app: Application, _ token: String, month: String = "2026-11") async throws -> [PenaltyReads.Entry] {
        try await app.testing().sendRequest(.GET, "/api/v1/penalties?month=\(month)", headers: jsonHeaders(token)).content.decode([PenaltyReads.Entry].self)
    }

    /// Live amounts by rule code.
    static func live(_ entries: [PenaltyReads.Entry]) -> [String: Double] {
        entries.filter { $0.voided_at == nil }.reduce(into: [:]) { $0[$1.rule, default: 0] += $1.amount }
    }

    @Test func aReviewBooksTheSeedsAmountsAndItsAppealVoidsTheTicket() async throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            try await DemoCalling.seed(at: clock.now, on: app.db)
            try await DemoHistory.seed(app, at: clock.now)
            let qa = try await login(app, "qa", DemoOrganisation.password)
            let body: [String: Any] = ["from": "2026-11-18", "to": "2026-11-24", "per_agent": 2, "seed": 5]
            #expect(try await post(app, qa, "/api/v1/projects/DEMO-MKT/qa/samples", body).status == .ok)
            let tasks = try await app.testing().sendRequest(.GET, "/api/v1/qa/tasks", headers: jsonHeaders(qa)).content.decode([QualityReads.Task].self)
            // The demo's past week is the own site's: one of its calls is made the vendor's (华信, A1021).
            let task = try #require(tasks.first)
            let vendorAgent = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1021").first())
            let sampledCall = try #require(try await CallAttemptModel.find(task.attempt_id, on: app.db))
            sampledCall.agentID = try vendorAgent.requireID()
            try await sampledCall.save(on: app.db)
            let agentNumber = "A1021"

            // A bad finding is refused and nothing is saved.
            let twice = [["category": "attitude"], ["category": "attitude"]]
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/tasks/\(task.id)/review",
                                             ["marks": QualityFlowTests.allMet(except: ["F2"]), "findings": twice])) == "finding_repeated")
            #expect(try await QAReviewModel.query(on: app.db).count() == 0)
            #expect(try await PenaltyEntryModel.query(on: app.db).count() == 0)

            let findings: [[String: Any]] = [["category": "attitude", "note": "催促客户"], ["category": "data_leak", "note": "念出两户地址", "households": 2]]
            let review = try await post(app, qa, "/api/v1/qa/tasks/\(task.id)/review",
                                        ["marks": QualityFlowTests.allMet(except: ["F2"]), "findings": findings]).content.decode(QualityReads.Review.self)
            #expect(review.grade == "unqualified" && review.findings.map(\.category) == ["attitude", "data_leak"])

            // The seeds' amounts: 四·六.7 ¥50, 四·六.9 vendor ¥50, 四·六.6 ¥30, 四·六.4 ¥50 × 2 households, 五·四.1 1 point, 五·五.1 2 points.
            let admin = try await login(app, "admin", adminPassword)
            var entries = try await ledger(app, admin)
            #expect(Self.live(entries) == ["bonus.unqualified": 50, "vendor.unqualified": 50, "bonus.grumbling": 30, "bonus.leak": 100,
                                           "site.attitude": 1, "site.leak": 2])
            #expect(entries.filter { $0.subject_kind == "agent" }.allSatisfy { $0.subject.hasPrefix(agentNumber) })
            #expect(entries.first { $0.rule == "vendor.unqualified" }?.subject == "华信外呼公司")
            #expect(entries.first { $0.rule == "bonus.unqualified" }?.review_id == review.id)

            // The agent sees their own entries only; the vendor its site's; another agent none.
            let agent = try await login(app, agentNumber.lowercased(), DemoOrganisation.password)
            #expect(Set(try await ledger(app, agent).map(\.rule)) == ["bonus.unqualified", "bonus.grumbling", "bonus.leak"])
            let vendor = try await login(app, "vendor", DemoOrganisation.password)
            #expect(try await ledger(app, vendor).count == 6)
            // One subject's page: the vendor's own deduction only.
            let own = try await app.testing().sendRequest(.GET, "/api/v1/penalties?month=2026-11&subject=华信&ledger=vendor_deduction",
                                                          headers: jsonHeaders(admin)).content.decode([PenaltyReads.Entry].self)
            #expect(own.map(\.rule) == ["vendor.unqualified"])
            #expect(try await ledger(app, try await login(app, "a1001", DemoOrganisation.password)).isEmpty)

            // The findings: bad attitude asks for an apology call, the leak does not; both are to be trained.
            let supervisorOfNone = try await login(app, "manager", DemoOrganisation.password)
            let open = try await app.testing().sendRequest(.GET, "/api/v1/qa/findings?open=true", headers: jsonHeaders(supervisorOfNone))
                .content.decode([QualityReads.FindingView].self)
            let attitude = try #require(open.first { $0.category == "attitude" })
            let leak = try #require(open.first { $0.category == "data_leak" })
            #expect(attitude.apology_required && !leak.apology_required && leak.households == 2)
            #expect(errorCode(try await post(app, supervisorOfNone, "/api/v1/qa/findings/\(attitude.id)/apology", ["note": " "])) == "apology_note_required")
            #expect(errorCode(try await post(app, supervisorOfNone, "/api/v1/qa/findings/\(leak.id)/apology", ["note": "x"])) == "apology_not_required")
            #expect(try await post(app, supervisorOfNone, "/api/v1/qa/findings/\(attitude.id)/apology", ["note": "王经理与坐席回访，客户接受道歉"]).status == .ok)
            #expect(errorCode(try await post(app, supervisorOfNone, "/api/v1/qa/findings/\(attitude.id)/apology", ["note": "again"])) == "apology_done")
            #expect(try await post(app, supervisorOfNone, "/api/v1/qa/findings/\(attitude.id)/trained", [:]).status == .ok)
            let stillOpen = try await app.testing().sendRequest(.GET, "/api/v1/qa/findings?open=true", headers: jsonHeaders(supervisorOfNone))
                .content.decode([QualityReads.FindingView].self)
            #expect(stillOpen.map(\.id) == [leak.id], "the leak is not trained yet")

            // The appeal clears the ticket: its two entries are voided, the findings' stay.
            clock.advance(3_600)
            #expect(try await post(app, agent, "/api/v1/qa/reviews/\(review.id)/appeal", ["reason": "录音里说了资费"]).status == .ok)
            #expect(try await post(app, admin, "/api/v1/qa/reviews/\(review.id)/decision",
                                   ["outcome": "revised", "note": "已说明资费", "marks": QualityFlowTests.allMet()]).status == .ok)
            entries = try await ledger(app, admin)
            #expect(Self.live(entries) == ["bonus.grumbling": 30, "bonus.leak": 100, "site.attitude": 1, "site.leak": 2])
            #expect(entries.filter { $0.voided_at != nil }.map(\.rule).sorted() == ["bonus.unqualified", "vendor.unqualified"])

            // A valid media complaint about the call: 五·四.4 three points on the site, 四·六.9 ¥100 on the vendor; judged
            // not valid after all, both are voided.
            let call = try #require(try await CallAttemptModel.find(task.attempt_id, on: app.db))
            let lead = try #require(try await LeadModel.find(try #require(call.leadID), on: app.db))
            let complaint = try await post(app, qa, "/api/v1/complaints", ["phone": lead.phone, "channel": "media", "kind": "attitude", "valid": true,
                                                                            "attempt_id": task.attempt_id.uuidString])
            #expect(complaint.status == .created)
            entries = try await ledger(app, admin)
            #expect(Self.live(entries)["site.media"] == 3 && Self.live(entries)["vendor.complaint"] == 100)
            let complaintID = try #require(try complaint.content.decode(ComplaintReads.View.self).id)
            #expect(try await post(app, qa, "/api/v1/complaints/\(complaintID)/judge", ["valid": false]).status == .ok)
            entries = try await ledger(app, admin)
            #expect(Self.live(entries)["site.media"] == nil && Self.live(entries)["vendor.complaint"] == nil)
            // Valid after all: booked anew, once, however often the judgement is sent.
            for _ in 1 ... 2 { #expect(try await post(app, qa, "/api/v1/complaints/\(complaintID)/judge", ["valid": true]).status == .ok) }
            entries = try await ledger(app, admin)
            #expect(Self.live(entries)["site.media"] == 3 && Self.live(entries)["vendor.complaint"] == 100)
        }
    }

    @Test func supervisorsBookByHandWithinTheirTeamsAndVoidWithAReason() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            let fine: [String: Any] = ["rule": "fine.equipment", "agent": "A1005", "evidence": "私自调换耳麦，班长李主管见证", "occurred_on": "2026-11-24"]
            var wrong = fine
            wrong["amount"] = 60
            #expect(errorCode(try await post(app, supervisor, "/api/v1/penalties", fine)) == "invalid_field", "a range needs its amount")
            #expect(errorCode(try await post(app, supervisor, "/api/v1/penalties", wrong)) == "invalid_field", "60 is outside 10–50")
            wrong["amount"] = 20
            wrong["evidence"] = "  "
            #expect(errorCode(try await post(app, supervisor, "/api/v1/penalties", wrong)) == "evidence_required")
            wrong["evidence"] = "x"
            wrong["rule"] = "bonus.unqualified"
            #expect(errorCode(try await post(app, supervisor, "/api/v1/penalties", wrong)) == "rule_not_manual")
            wrong["rule"] = "fine.equipment"
            wrong["agent"] = "A1025"
            #expect(try await post(app, supervisor, "/api/v1/penalties", wrong).status == .notFound, "a vendor's agent is not in the supervisor's teams")
            #expect(try await PenaltyEntryModel.query(on: app.db).count() == 0)

            var good = fine
            good["amount"] = 20
            let booked = try await post(app, supervisor, "/api/v1/penalties", good)
            #expect(booked.status == .created)
            let entry = try #require(try booked.content.decode([PenaltyReads.Entry].self).first)
            #expect(entry.amount == 20 && entry.ledger == "fine" && entry.subject.hasPrefix("A1005") && entry.month == "2026-11")
            // The same fine again is a second entry: booking by hand is not a retry.
            #expect(try await post(app, supervisor, "/api/v1/penalties", good).status == .created)

            #expect(errorCode(try await post(app, supervisor, "/api/v1/penalties/\(entry.id)/void", ["reason": ""])) == "missing_field")
            let voided = try await post(app, supervisor, "/api/v1/penalties/\(entry.id)/void", ["reason": "耳麦系维修调换，已核实"])
            #expect(try voided.content.decode(PenaltyReads.Entry.self).voided_by == "supervisor")
            #expect(errorCode(try await post(app, supervisor, "/api/v1/penalties/\(entry.id)/void", ["reason": "again"])) == "entry_voided")

            // The page: the total counts the live fine only; the XLSX downloads.
            var page = try await signIn(app, "supervisor")
            let html = try await page.get("/penalties?month=2026-11").body.string
            #expect(html.contains("<td>1</td><td>¥20</td>") && html.contains("耳麦系维修调换"))
            let xlsx = try await page.get("/penalties?month=2026-11&format=xlsx")
            #expect(xlsx.status == .ok && xlsx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            // An agent cannot book.
            let agent = try await login(app, "a1005", DemoOrganisation.password)
            #expect(try await post(app, agent, "/api/v1/penalties", good).status == .forbidden)
        }
    }

    @Test func aManagerChangesARuleAndTheNextEntryFollowsIt() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            var rule = try #require(DefaultPenaltyRules.all.first { $0.code == "fine.snacks" })
            rule.amount = .fixed(15)
            let saved = try await app.testing().sendRequest(.PUT, "/api/v1/penalty-rules/fine.snacks", headers: jsonHeaders(manager),
                                                            body: ByteBuffer(data: try JSONEncoder().encode(rule)))
            #expect(saved.status == .ok)
            let rules = try await app.testing().sendRequest(.GET, "/api/v1/penalty-rules", headers: jsonHeaders(manager)).content.decode([PenaltyRule].self)
            #expect(rules.first { $0.code == "fine.snacks" }?.amount.amount == 15 && rules.count == DefaultPenaltyRules.all.count)
            let booked = try await post(app, manager, "/api/v1/penalties", ["rule": "fine.snacks", "agent": "A1002", "evidence": "工位吃零食"])
            #expect(try booked.content.decode([PenaltyReads.Entry].self).first?.amount == 15)
            // Switched off, it cannot be booked.
            rule.active = false
            _ = try await app.testing().sendRequest(.PUT, "/api/v1/penalty-rules/fine.snacks", headers: jsonHeaders(manager),
                                                    body: ByteBuffer(data: try JSONEncoder().encode(rule)))
            #expect(errorCode(try await post(app, manager, "/api/v1/penalties", ["rule": "fine.snacks", "agent": "A1002", "evidence": "x"])) == "rule_not_manual")
        }
    }
}
