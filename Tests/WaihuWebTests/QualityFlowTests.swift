import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// A demo week's calls sampled for review, one scored with a fatal item failed, appealed by its agent and revised by
/// another inspector; what may not be done is refused with its reason and nothing half-saved; the QA figures follow.
@Suite struct QualityFlowTests {
    func post(_ app: Application, _ token: String, _ path: String, _ body: [String: Any]) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.POST, path, headers: jsonHeaders(token), body: json(body))
    }

    static func allMet(except failed: Set<String> = []) -> [String: Any] {
        Dictionary(uniqueKeysWithValues: DefaultScorecards.sales.items.map { item -> (String, Any) in
            switch item.kind {
            case .pass_fail: (item.id, ["passed": !failed.contains(item.id)])
            case .scale: (item.id, ["value": failed.contains(item.id) ? 0 : item.points])
            case .deduction: (item.id, ["occurrences": failed.contains(item.id) ? 9 : 0])
            }
        })
    }

    @Test func aCallIsSampledScoredAppealedAndRevised() async throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            try await DemoCalling.seed(at: clock.now, on: app.db)
            try await DemoHistory.seed(app, at: clock.now)
            let qa = try await login(app, "qa", DemoOrganisation.password)
            let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first())
            let zone = try await OrganisationQueries.timeZone(on: app.db)
            let from = LocalDate("2026-11-18")!, to = LocalDate("2026-11-24")!
            let candidates = try await QualityQueries.candidates(project: try project.requireID(), from: LocalTime.instant(from, in: zone),
                                                                 to: LocalTime.instant(to.addingDays(1), in: zone), on: app.db)
            let expected = try SamplingPlan(amount: .perAgent(2), minimumTalk: 30, seed: 11).choose(candidates).map(\.attempt)
            let body: [String: Any] = ["from": from.description, "to": to.description, "per_agent": 2, "min_talk": 30, "seed": 11]
            let sampled = try await post(app, qa, "/api/v1/projects/DEMO-MKT/qa/samples", body).content.decode(QualityService.SampleOutcome.self)
            #expect(!expected.isEmpty && sampled.attempt_ids == expected, "the plan's calls, two per agent")
            #expect(sampled.by_inspector == ["qa": expected.count])
            // The same plan again takes other calls: none is sampled twice.
            let again = try await post(app, qa, "/api/v1/projects/DEMO-MKT/qa/samples", body).content.decode(QualityService.SampleOutcome.self)
            #expect(!again.attempt_ids.isEmpty && Set(again.attempt_ids).isDisjoint(with: expected))
            #expect(try await QATaskModel.query(on: app.db).count() == expected.count + again.attempt_ids.count)

            let tasks = try await app.testing().sendRequest(.GET, "/api/v1/qa/tasks", headers: jsonHeaders(qa)).content.decode([QualityReads.Task].self)
            let task = try #require(tasks.first)
            // An item the scorecard lacks: refused, nothing saved.
            var bad = Self.allMet()
            bad["nope"] = ["passed": true]
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/tasks/\(task.id)/review", ["marks": bad])) == "unknown_item")
            #expect(try await QAReviewModel.query(on: app.db).count() == 0)
            // The charges not stated: fatal, 0, an unqualified ticket.
            let scored = try await post(app, qa, "/api/v1/qa/tasks/\(task.id)/review", ["marks": Self.allMet(except: ["F2"]), "comment": "未说明资费"])
            let review = try scored.content.decode(QualityReads.Review.self)
            #expect(review.score == 0 && review.grade == "unqualified" && review.fatal == ["F2"] && review.scorecard_version == 0)
            #expect(review.items.first { $0.id == "attitude" }?.score == 10, "the other items keep their scores")
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/tasks/\(task.id)/review", ["marks": Self.allMet()])) == "task_already_reviewed")

            // The call's agent sees it and appeals; another agent cannot; once only.
            let call = try #require(try await CallAttemptModel.find(task.attempt_id, on: app.db))
            let agentNumber = try #require(try await AgentModel.find(try #require(call.agentID), on: app.db)?.number)
            let agent = try await login(app, agentNumber.lowercased(), DemoOrganisation.password)
            let mine = try await app.testing().sendRequest(.GET, "/api/v1/qa/reviews/mine", headers: jsonHeaders(agent)).content.decode([QualityReads.Review].self)
            #expect(mine.map(\.id) == [review.id])
            let other = try await login(app, agentNumber == "A1001" ? "a1002" : "a1001", DemoOrganisation.password)
            #expect(errorCode(try await post(app, other, "/api/v1/qa/reviews/\(review.id)/appeal", ["reason": "不是我的"])) == "not_your_review")
            clock.advance(3600)
            #expect(try await post(app, agent, "/api/v1/qa/reviews/\(review.id)/appeal", ["reason": "录音里说了资费"]).status == .ok)
            #expect(errorCode(try await post(app, agent, "/api/v1/qa/reviews/\(review.id)/appeal", ["reason": "再申诉"])) == "already_appealed")

            // Not by the inspector who scored it; the administrator revises it: all met, 100, excellent.
            #expect(errorCode(try await post(app, qa, "/api/v1/qa/reviews/\(review.id)/decision", ["outcome": "upheld"])) == "own_review_appeal")
            let admin = try await login(app, "admin", adminPassword)
            let revised = try await post(app, admin, "/api/v1/qa/reviews/\(review.id)/decision",
                                         ["outcome": "revised", "note": "复听录音确认已说明", "marks": Self.allMet()])
            let decided = try revised.content.decode(QualityReads.Review.self)
            #expect(decided.score == 100 && decided.grade == "excellent" && decided.appeal_outcome == "revised" && decided.appeal_decided_by == "admin")

            // The figures of the call's day: one review, excellent, no unqualified ticket.
            let day = LocalTime(call.startedAt, in: zone).date.description
            let figures = try await MetricsService.compute(.init(project: "DEMO-MKT", from: day, to: day,
                                                                 metrics: "qa_reviews,qa_excellent_rate,unqualified_tickets"),
                                                           scope: .organisation, at: clock.now, on: app.db)
            #expect(figures.rows.first?.value(.qa_reviews) == 1 && figures.rows.first?.value(.qa_excellent_rate) == 1
                    && figures.rows.first?.value(.unqualified_tickets) == 0)

            // A second task scored unqualified, appealed four days later: too late.
            let second = try #require(tasks.dropFirst().first)
            let late = try await post(app, qa, "/api/v1/qa/tasks/\(second.id)/review", ["marks": Self.allMet(except: ["opening_company", "opening_identity",
                "opening_purpose", "attitude", "voice", "courtesy", "forbidden_phrase", "no_argument"])]).content.decode(QualityReads.Review.self)
            #expect(late.score == 50 && late.grade == "unqualified" && late.fatal.isEmpty)
            clock.advance(4 * 86_400)
            let lateCall = try #require(try await CallAttemptModel.find(second.attempt_id, on: app.db))
            let lateAgentNumber = try #require(try await AgentModel.find(try #require(lateCall.agentID), on: app.db)?.number)
            let lateAgent = try await login(app, lateAgentNumber.lowercased(), DemoOrganisation.password)
            #expect(errorCode(try await post(app, lateAgent, "/api/v1/qa/reviews/\(late.id)/appeal", ["reason": "晚了"])) == "appeal_too_late")

            // The pages: the inspector's queue and the review; the agent's own reviews.
            var qaPage = try await signIn(app, "qa")
            let queue = try await qaPage.get("/qa").body.string
            #expect(queue.contains("我的质检任务") && queue.contains("抽检并分配") && queue.contains("不合格"))
            let shown = try await qaPage.get("/qa/reviews/\(review.id)").body.string
            #expect(shown.contains("营销外呼质检表") && shown.contains("改判重新评分") && shown.contains("复听录音确认已说明"))
            let open = expected.count + again.attempt_ids.count - 2
            #expect(try await qaPage.get("/").body.string.contains("<b>\(open)</b> 条待评分"), "the inspector's home: the queue")
            var agentPage = try await signIn(app, agentNumber.lowercased())
            #expect(try await agentPage.get("/qa/mine").body.string.contains("/qa/reviews/\(review.id)"))
        }
    }

    /// A sample of one team takes only its agents' calls; a team with no calls in the period gives none; an unknown one is refused.
    @Test func aSampleOfOneTeamTakesOnlyItsAgents() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            try await DemoCalling.seed(at: now, on: app.db)
            try await DemoHistory.seed(app, at: now)
            let qa = try await login(app, "qa", DemoOrganisation.password)
            var body: [String: Any] = ["from": "2026-11-18", "to": "2026-11-24", "per_agent": 1, "seed": 2, "team": "二组"]
            let none = try await post(app, qa, "/api/v1/projects/DEMO-MKT/qa/samples", body).content.decode(QualityService.SampleOutcome.self)
            #expect(none.attempt_ids.isEmpty, "the demo's week was called by 一组")
            body["team"] = "一组"
            let sample = try await post(app, qa, "/api/v1/projects/DEMO-MKT/qa/samples", body).content.decode(QualityService.SampleOutcome.self)
            let team = try #require(try await TeamModel.query(on: app.db).filter(\.$name == "一组").first())
            let agents = Set(try await AgentModel.query(on: app.db).filter(\.$teamID == team.id).all().compactMap(\.id))
            let calls = try await CallAttemptModel.query(on: app.db).filter(\.$id ~~ Set(sample.attempt_ids)).all()
            #expect(!calls.isEmpty && calls.allSatisfy { $0.agentID.map(agents.contains) ?? false })
            #expect(Set(sample.by_agent.values) == [1], "one per agent")
            body["team"] = "三组"
            #expect(try await post(app, qa, "/api/v1/projects/DEMO-MKT/qa/samples", body).status == .notFound)
        }
    }

    /// SQLite's fast read of the candidates gives exactly what the portable SQL read gives (PostgreSQL's route).
    @Test func theFastReadOfCandidatesAgreesWithThePortableOne() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            try await DemoCalling.seed(at: now, on: app.db)
            try await DemoHistory.seed(app, at: now)
            try await DemoQuality.seed(app, at: now)
            let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first()?.id)
            let zone = try await OrganisationQueries.timeZone(on: app.db)
            let (from, to) = (LocalTime.instant(LocalDate("2026-11-18")!, in: zone), LocalTime.instant(LocalDate("2026-11-25")!, in: zone))
            let flagged = Set(try await ComplaintModel.query(on: app.db).all().compactMap(\.attemptID))
            let some = Set(try await AgentModel.query(on: app.db).filter(\.$number ~~ ["A1001", "A1002"]).all().compactMap(\.id))
            for agents in [nil, some] {
                let fast = try await QualityQueries.candidates(project: project, from: from, to: to, agents: agents, on: app.db)
                let portable = try await QualityQueries.candidates(project: project, from: from, to: to, agents: agents,
                                                                   flagged: flagged.union(try await PhraseQueries.hits(on: app.db)
                                                                       .filter { $0.category != "missing_courtesy" }.map(\.attempt_id)),
                                                                   sql: StoreSQL.sql(app.db))
                #expect(!fast.isEmpty && fast.sorted { $0.attempt.uuidString < $1.attempt.uuidString }
                        == portable.sorted { $0.attempt.uuidString < $1.attempt.uuidString })
            }
        }
    }

    /// The demo comes with quality work: a transcribed call with hits, a sample for the inspector, two reviews, one of
    /// them unqualified on a fatal item.
    @Test func theDemoComesWithQualityWork() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            try await DemoCalling.seed(at: now, on: app.db)
            try await DemoHistory.seed(app, at: now)
            try await DemoQuality.seed(app, at: now)
            let reviews = try await QAReviewModel.query(on: app.db).all()
            #expect(reviews.map(\.grade).sorted() == ["excellent", "unqualified"])
            #expect(reviews.first { $0.grade == "unqualified" }?.fatalItems == ["F2"])
            let hits = try await PhraseQueries.hits(on: app.db)
            #expect(Set(hits.map(\.category)).isSuperset(of: ["address", "example"]))
            #expect(try await QATaskModel.query(on: app.db).count() >= 10, "two calls per agent of the week")
            // The unqualified review's findings: an apology call to make, the ledger booked (¥50 ticket, ¥30 attitude, ¥10 phrase).
            let findings = try await QAFindingModel.query(on: app.db).all()
            #expect(Set(findings.map(\.category)) == ["attitude", "forbidden_phrase"] && findings.contains { $0.apologyRequired })
            let booked = try await PenaltyEntryModel.query(on: app.db).filter(\.$ledger == "bonus_deduction").all().reduce(0) { $0 + $1.amount }
            #expect(booked == 90)
            // A complaint in its workflow, waiting for its judgement.
            let complaint = try #require(try await ComplaintModel.query(on: app.db).first())
            #expect(complaint.steps.map(\.step) == ["classified", "recording_retrieved"] && complaint.valid == nil)

            // The month's report: the two reviews, (100 + 0) ÷ 2 = 50 on average over the site, F2 among the items failed.
            var qa = try await signIn(app, "qa")
            let report = try await qa.get("/qa/report?month=2026-11&by=site").body.string
            #expect(report.contains("<td>2</td><td>50.0</td><td>1</td><td>0</td><td>1</td>") && report.contains("说明资费情况（1）"))
            let xlsx = try await qa.get("/qa/report?month=2026-11&by=agent&format=xlsx")
            #expect(xlsx.status == .ok && xlsx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(try await qa.get("/qa/report?month=2026-13").status == .badRequest)
        }
    }
}
