import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// A Wednesday morning in Shanghai, inside the calling hours.
let deskMorning = ISO8601DateFormatter().date(from: "2026-11-25T10:00:00+08:00")!

/// The confirmation of an order of products sold once: paid on delivery, every line of the read-back agreed,
/// the customer's yes.
nonisolated(unsafe) let agreedOrder: [String: Any] = ["payment_method": "cash_on_delivery", "read_back": ["product", "charge", "payment", "delivery"], "customer_yes": true]

/// The agent's next lead of DEMO-MKT through the API.
func takeNext(_ app: Application, _ token: String) async throws -> DeskService.NextLead {
    let response = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/desk/next", headers: jsonHeaders(token))
    #expect(response.status == .ok, "next: \(response.body.string)")
    return try response.content.decode(DeskService.NextLead.self)
}

func finish(_ app: Application, _ token: String, _ attempt: UUID?, _ fields: [String: Any]) async throws -> TestingHTTPResponse {
    try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(attempt?.uuidString ?? "-")/finish", headers: jsonHeaders(token),
                                        body: json(fields))
}

func held(_ app: Application, _ token: String) async throws -> [String: Int] {
    let report = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/dialability", headers: jsonHeaders(token))
        .content.decode(DialabilityDTO.self)
    return Dictionary(uniqueKeysWithValues: report.held_back.map { ($0.code, $0.count) })
}

@Suite struct DeskAPITests {
    @Test func anAgentTakesDialsAndEndsCallsAndTheLeadFollowsTheDisposition() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 3])
            let agent = try await login(app, "a1001", DemoOrganisation.password)

            // K0 first, masked; the dial is allowed.
            let first = try await takeNext(app, agent)
            #expect(first.reserved && first.lead?.customer_id == "K0")
            #expect(first.lead?.phones == ["138****0100"])
            let dial = try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(first.attempt_id!)/dial", headers: jsonHeaders(agent))
            #expect(try dial.content.decode(PolicyCheck.self).allowed)

            // A disposition the project does not have: refused, nothing saved, the attempt still open.
            let unknown = try await finish(app, agent, first.attempt_id, ["disposition": "nonsense"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(errorCode(unknown) == "unknown_disposition")
            #expect(try await AttemptQueries.open(first.attempt_id!, on: app.db) != nil)

            // Busy: back to the agent, not before 30 minutes (the standard retry delay).
            let busy = try await finish(app, agent, first.attempt_id, ["disposition": "busy"])
            #expect(busy.status == .ok, "\(busy.body.string)")
            let ended = try busy.content.decode(DeskService.Finished.self)
            #expect(ended.lead_status == "allocated")
            #expect(ended.deferral == "retry")
            #expect(ended.next_attempt_at == deskMorning.addingTimeInterval(30 * 60))
            let stored = try #require(try await CallAttemptModel.find(first.attempt_id!, on: app.db))
            #expect(stored.disposition == "busy" && !stored.inProgress && stored.endedAt == deskMorning)
            #expect(errorCode(try await finish(app, agent, first.attempt_id, ["disposition": "busy"])) == "attempt_not_open")

            // K0 waits, so K1 comes next; the customer asks not to be called again.
            let second = try await takeNext(app, agent)
            #expect(second.lead?.customer_id == "K1")
            let request = try await finish(app, agent, second.attempt_id, ["disposition": "dnc_request", "talk_seconds": 40])
            #expect(try request.content.decode(DeskService.Finished.self).listed_do_not_call)
            let listing = try #require(try await DoNotCallModel.query(on: app.db).filter(\.$phone == "13800000101").first())
            #expect(listing.source == "disposition" && listing.reason == "refused_calls" && listing.expiresAt == nil)
            // …at once, in every project.
            let check = try await app.testing().sendRequest(.POST, "/api/v1/policy/check", headers: jsonHeaders(manager),
                                                            body: json(["phone": "13800000101", "project": "DEMO-SAT"]))
            #expect(try check.content.decode(PolicyCheck.self).reasons.map(\.code) == ["dnc"])

            // Ten leads: seven in the pool, K0 waiting for its retry, K1 finished, K2 dialable.
            #expect(try await held(app, manager) == ["not_allocated": 7, "retry_delay": 1, "finished": 1])
        }
    }

    @Test func aLeadWhoseAttemptsAreUsedUpIsFinishedAndCountedSo() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 1])
            // No answer: tried again at once, twice at most.
            var set = DispositionSet.standard
            let index = try #require(set.dispositions.firstIndex { $0.code == "no_answer" })
            set.dispositions[index].retry_delay_minutes = 0
            set.dispositions[index].max_attempts = 2
            let body = ByteBuffer(data: try JSONEncoder().encode(["dispositions": set.dispositions]))
            let saved = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dispositions", headers: jsonHeaders(manager), body: body)
            #expect(saved.status == .ok, "\(saved.body.string)")
            let agent = try await login(app, "a1001", DemoOrganisation.password)

            let first = try await takeNext(app, agent)
            #expect(try await finish(app, agent, first.attempt_id, ["disposition": "no_answer"]).content
                .decode(DeskService.Finished.self).lead_status == "allocated")
            let again = try await takeNext(app, agent)
            #expect(again.lead?.customer_id == first.lead?.customer_id)
            let last = try await finish(app, agent, again.attempt_id, ["disposition": "no_answer"]).content.decode(DeskService.Finished.self)
            #expect(last.lead_status == "finished" && last.attempts_exhausted)
            #expect(try await takeNext(app, agent).reserved == false)
            #expect(try await held(app, manager) == ["not_allocated": 9, "max_attempts": 1])
            let lead = try #require(try await LeadModel.query(on: app.db).filter(\.$customerID == "K0").first())
            #expect(lead.attempts == 2 && lead.lastDisposition == "no_answer")
        }
    }

    @Test func aLeadTheRulesRefuseWaitsAndComesBackWhenItsListingIsRemoved() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
            let added = try await app.testing().sendRequest(.POST, "/api/v1/dnc", headers: jsonHeaders(manager),
                                                            body: json(["phone": "13800000100", "reason": "complaint"]))
            let entry = try added.content.decode(DoNotCallDTO.self)
            let agent = try await login(app, "a1001", DemoOrganisation.password)

            let next = try await takeNext(app, agent)
            #expect(next.lead?.customer_id == "K1")
            let k0 = try #require(try await LeadModel.query(on: app.db).filter(\.$customerID == "K0").first())
            #expect(k0.deferral == "policy" && k0.nextAttemptAt == deskMorning.addingTimeInterval(86_400))

            let removed = try await app.testing().sendRequest(.POST, "/api/v1/dnc/\(entry.id!)/remove", headers: jsonHeaders(manager),
                                                              body: json(["reason": "登记错误"]))
            #expect(removed.status == .ok, "\(removed.body.string)")
            let release = try await app.testing().sendRequest(.POST, "/api/v1/attempts/\(next.attempt_id!)/release", headers: jsonHeaders(agent))
            #expect(release.status == .noContent)
            #expect(try await takeNext(app, agent).lead?.customer_id == "K0")
        }
    }

    @Test func onlyTheAgentWhoTookALeadEndsItAndOnlyWithWhatTheDispositionNeeds() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
            let agent = try await login(app, "a1001", DemoOrganisation.password)
            let other = try await login(app, "a1002", DemoOrganisation.password)

            #expect(try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/desk/next", headers: jsonHeaders(manager))
                .status == .forbidden)
            let taken = try await takeNext(app, agent)
            #expect(errorCode(try await finish(app, other, taken.attempt_id, ["disposition": "success"])) == "not_your_attempt")
            let noTime = try await finish(app, agent, taken.attempt_id, ["disposition": "callback"])
            #expect(noTime.status == .badRequest)
            #expect(errorCode(noTime) == "callback_time_missing")
            #expect(try await AttemptQueries.open(taken.attempt_id!, on: app.db) != nil)
            let booked = try await finish(app, agent, taken.attempt_id, ["disposition": "callback", "callback_at": "2026-11-26T15:00:00+08:00"])
            let progress = try booked.content.decode(DeskService.Finished.self)
            #expect(progress.deferral == "callback")
            #expect(progress.next_attempt_at == ISO8601DateFormatter().date(from: "2026-11-26T15:00:00+08:00"))
            // Once it has ended, another agent is still told it is not theirs (not that it has ended); its own agent that it has.
            let late = try await finish(app, other, taken.attempt_id, ["disposition": "success"])
            #expect(late.status == .forbidden && errorCode(late) == "not_your_attempt")
            let again = try await finish(app, agent, taken.attempt_id, ["disposition": "success"])
            #expect(again.status == .conflict && errorCode(again) == "attempt_not_open")
            // Nobody else's lead, and never an agent's lead before its callback time.
            #expect(try await takeNext(app, other).reserved == false)
            #expect(try await takeNext(app, agent).lead?.customer_id == "K1")
        }
    }

    @Test func aWrongDispositionSetIsRefusedAndTheStoredOneKept() async throws {
        try await withWaihu(demo: true) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let before = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/dispositions", headers: jsonHeaders(manager))
                .content.decode(DeskController.DispositionsDTO.self)
            #expect(!before.stored && before.dispositions == DispositionSet.standard.dispositions)

            var own = DispositionSet.standard.dispositions
            own.append(DispositionRule(code: "wants_brochure", category: .completed, name_zh: "索要资料", name_en: "Wants a brochure"))
            let saved = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dispositions", headers: jsonHeaders(manager),
                                                            body: ByteBuffer(data: try JSONEncoder().encode(["dispositions": own])))
            #expect(saved.status == .ok)

            var wrong = own
            wrong[0].category = .refused
            let refused = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dispositions", headers: jsonHeaders(manager),
                                                              body: ByteBuffer(data: try JSONEncoder().encode(["dispositions": wrong])))
            #expect(refused.status == .badRequest)
            #expect(errorCode(refused) == "invalid_dispositions")
            let after = try await app.testing().sendRequest(.GET, "/api/v1/projects/DEMO-MKT/dispositions", headers: jsonHeaders(manager))
                .content.decode(DeskController.DispositionsDTO.self)
            #expect(after.stored && after.dispositions == own)
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            #expect(try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dispositions", headers: jsonHeaders(supervisor),
                                                        body: ByteBuffer(data: try JSONEncoder().encode(["dispositions": own]))).status == .forbidden)
        }
    }
}

@Suite struct DispositionPageTests {
    @Test func theProjectPageListsItsDispositionsWithTheirRetryRules() async throws {
        try await withWaihu(demo: true) { app in
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/projects/DEMO-MKT").body.string
            #expect(page.contains("id=\"dispositions\""))
            // Categories by name (METRICS.md §1.3), the code in the name's tooltip.
            #expect(page.contains("busy\">忙音</td><td>\(DispositionCategory.unreachable.name.zh)</td><td>30 分钟后，最多 5 次</td>"))
            #expect(page.contains("dnc_request\">要求不再来电</td><td>\(DispositionCategory.refused.name.zh)</td><td></td><td></td><td>✓</td>"))
            #expect(page.contains("本项目使用标准结果代码"))
        }
    }
}
