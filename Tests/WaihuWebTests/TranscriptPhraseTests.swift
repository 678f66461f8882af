import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Transcripts imported, the agent's side checked against the lexicon, the hits listed and flagging the call for the
/// next sample; the import idempotent, bad rows refused with their line; the lexicon edited, an empty entry refused.
@Suite struct TranscriptPhraseTests {
    func records(_ app: Application, _ token: String, _ csv: String) async throws -> RecordImportReport {
        try await app.testing().sendRequest(.POST, "/api/v1/records/transcripts", headers: ["Authorization": "Bearer \(token)", "Content-Type": "text/csv"],
                                            body: ByteBuffer(string: csv)).content.decode(RecordImportReport.self)
    }

    @Test func transcriptsAreCheckedAndTheirHitsComeFirstInTheSample() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            try await DemoCalling.seed(at: now, on: app.db)
            try await DemoHistory.seed(app, at: now)
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let calls = try await CallAttemptModel.query(on: app.db).filter(\.$talkSeconds > 30).filter(\.$agentID != nil).sort(\.$startedAt).limit(2).all()
            let rude = try #require(calls.first?.id), polite = try #require(calls.last?.id)
            let csv = """
                attempt_id,speaker,start_ms,end_ms,text
                \(rude),agent,0,3000,喂，张先生吗
                \(rude),customer,3000,6000,你说什么
                \(rude),agent,6000,9000,刚才不是和你说过了吗，怎么还问
                \(polite),agent,0,3000,您好，我是宽带客服
                \(polite),agent,9000,12000,谢谢您，再见
                \(UUID()),agent,0,1000,不存在的通话
                \(rude),robot,0,1000,谁在说话
                """
            let report = try await records(app, manager, csv + "\n")
            #expect(report.stored == 5 && report.rejected.map(\.line) == [7, 8], "two bad rows named by line")
            #expect(report.rejected.first?.code == "unknown_attempt")
            // The same file again changes nothing.
            let again = try await records(app, manager, csv + "\n")
            #expect(again.stored == 0 && again.unchanged == 5)

            let hits = try await app.testing().sendRequest(.GET, "/api/v1/qa/phrases?project=DEMO-MKT&from=2026-11-01&to=2026-11-25",
                                                           headers: jsonHeaders(manager)).content.decode([PhraseQueries.Hit].self)
            #expect(Set(hits.map(\.attempt_id)) == [rude])
            #expect(Set(hits.map(\.category)) == ["address", "example", "missing_courtesy"])
            #expect(hits.contains { $0.phrase == "刚才不是和你说过了吗，怎么还问" && $0.start_ms == 6000 })

            // The rude call is sampled first for its agent.
            let qa = try await login(app, "qa", DemoOrganisation.password)
            let call = try #require(try await CallAttemptModel.find(rude, on: app.db))
            let zone = try await OrganisationQueries.timeZone(on: app.db)
            let day = LocalTime(call.startedAt, in: zone).date.description
            let sample = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/qa/samples", headers: jsonHeaders(qa),
                                                             body: json(["from": day, "to": day, "per_agent": 1, "seed": 5]))
            #expect(try sample.content.decode(QualityService.SampleOutcome.self).attempt_ids.contains(rude))
            let task = try #require(try await QATaskModel.query(on: app.db).filter(\.$attemptID == rude).first())
            #expect(task.flagged)
            var page = try await signIn(app, "qa")
            let shown = try await page.get("/qa/tasks/\(try task.requireID())").body.string
            #expect(shown.contains("通话转写") && shown.contains("用“喂”称呼客户") && shown.contains("喂，张先生吗"))

            // The lexicon edited: an empty entry refused, nothing changed; then 张先生 listed, and found.
            let empty = try await app.testing().sendRequest(.PUT, "/api/v1/qa/lexicon", headers: jsonHeaders(manager),
                                                            body: ByteBuffer(string: #"[{"phrase":" ，。","category":"tic"}]"#))
            #expect(errorCode(empty) == "empty_phrase")
            #expect(try await PhraseQueries.lexicon(on: app.db) == DefaultLexicon.entries)
            let saved = try await app.testing().sendRequest(.PUT, "/api/v1/qa/lexicon", headers: jsonHeaders(manager),
                                                            body: ByteBuffer(string: #"[{"phrase":"张先生","category":"tic"}]"#))
            #expect(saved.status == .ok)
            let after = try await PhraseQueries.hits(attempts: [rude], on: app.db)
            #expect(after.contains { $0.phrase == "张先生" && $0.category == "tic" } && !after.contains { $0.category == "address" },
                    "checked again with the new lexicon")
        }
    }
}
