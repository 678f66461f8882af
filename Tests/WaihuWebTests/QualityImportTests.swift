import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// QA history from another system: reviews imported by their id there, idempotent, bad rows refused with line and
/// reason; the QA figures count them (worked out by hand below).
@Suite struct QualityImportTests {
    @Test func reviewsFromAnotherSystemAreImportedAndCounted() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            try await DemoCalling.seed(at: now, on: app.db)
            try await DemoHistory.seed(app, at: now)
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let zone = try await OrganisationQueries.timeZone(on: app.db)
            let day = LocalDate("2026-11-24")!
            let calls = try await CallAttemptModel.query(on: app.db).filter(\.$talkSeconds > 0)
                .filter(\.$startedAt >= LocalTime.instant(day, in: zone)).filter(\.$startedAt < LocalTime.instant(day.addingDays(1), in: zone))
                .sort(\.$startedAt).limit(3).all().compactMap(\.id)
            #expect(calls.count == 3)
            let csv = """
                review_id,attempt_id,scorecard,inspector,reviewed_at,score,grade,fatal
                R1,\(calls[0]),sales,老王,2026-11-24T18:00:00+08:00,95,excellent,false
                R2,\(calls[1]),sales,老王,2026-11-24T18:05:00+08:00,72,合格,否
                R3,\(calls[2]),sales,老王,2026-11-24T18:10:00+08:00,0,unqualified,是
                R4,\(UUID()),sales,老王,2026-11-24T18:10:00+08:00,80,qualified,false
                R5,\(calls[2]),sales,老王,2026-11-24T18:10:00+08:00,60,unqualified,true
                R6,\(calls[2]),sales,老王,2026-11-24T18:10:00+08:00,101,excellent,false

                """
            func post(_ body: String) async throws -> RecordImportReport {
                try await app.testing().sendRequest(.POST, "/api/v1/records/reviews", headers: ["Authorization": "Bearer \(manager)", "Content-Type": "text/csv"],
                                                    body: ByteBuffer(string: body)).content.decode(RecordImportReport.self)
            }
            let report = try await post(csv)
            #expect(report.stored == 3 && report.rejected.map(\.line) == [5, 6, 7])
            #expect(report.rejected.map(\.code) == ["unknown_attempt", "grade_does_not_fit", "invalid_field"])
            let again = try await post(csv)
            #expect(again.stored == 0 && again.unchanged == 3)
            // The day: 3 reviews, 1 excellent (1/3), 1 unqualified ticket.
            let figures = try await MetricsService.compute(.init(project: "DEMO-MKT", from: day.description, to: day.description,
                                                                 metrics: "qa_reviews,qa_excellent_rate,unqualified_tickets"),
                                                           scope: .organisation, at: now, on: app.db)
            #expect(figures.rows.first?.value(.qa_reviews) == 3 && figures.rows.first?.value(.unqualified_tickets) == 1)
            #expect(figures.rows.first?.value(.qa_excellent_rate) == 1.0 / 3)
            // A changed score updates the review.
            let changed = try await post(csv.replacingOccurrences(of: "R2,\(calls[1]),sales,老王,2026-11-24T18:05:00+08:00,72,合格",
                                                                  with: "R2,\(calls[1]),sales,老王,2026-11-24T18:05:00+08:00,91,优秀"))
            #expect(changed.updated == 1)
            #expect(try await QAReviewModel.query(on: app.db).filter(\.$externalID == "R2").first()?.grade == "excellent")
        }
    }
}

/// Recordings linked to calls, played from the review page within the caller's scope, each play audited; a location
/// that is neither an absolute path nor an http(s) address refused.
@Suite struct RecordingTests {
    @Test func aLinkedRecordingPlaysFromTheReviewPageAndIsAudited() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            try await DemoCalling.seed(at: now, on: app.db)
            try await DemoHistory.seed(app, at: now)
            try await DemoQuality.seed(app, at: now)
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let review = try #require(try await QAReviewModel.query(on: app.db).filter(\.$grade == "unqualified").first())
            // A short WAV file: a RIFF header and some silence.
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-recording-\(UUID().uuidString).wav").path
            var wav = Data("RIFF".utf8) + Data([36, 0, 0, 0]) + Data("WAVEfmt ".utf8)
            wav += Data([16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0]) + Data("data".utf8) + Data([0, 0, 0, 0])
            try wav.write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let csv = "attempt_id,path_or_url,duration_seconds\n\(review.attemptID),\(path),95\n\(review.attemptID),recordings/a.wav,95\n"
            let report = try await app.testing().sendRequest(.POST, "/api/v1/records/recordings",
                                                             headers: ["Authorization": "Bearer \(manager)", "Content-Type": "text/csv"],
                                                             body: ByteBuffer(string: csv)).content.decode(RecordImportReport.self)
            #expect(report.stored == 1 && report.rejected.map(\.line) == [3], "a relative path refused")
            var qa = try await signIn(app, "qa")
            let page = try await qa.get("/qa/reviews/\(try review.requireID())").body.string
            #expect(page.contains("<audio controls preload=\"none\" src=\"/qa/recordings/\(review.attemptID)\"") && page.contains("1:35"))
            let played = try await qa.get("/qa/recordings/\(review.attemptID)")
            #expect(played.status == .ok && played.body.readableBytes == wav.count)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$action == "recording.play").count() == 1)
            // The vendor's administrator sees only its own site's calls.
            var vendor = try await signIn(app, "vendor")
            let call = try #require(try await CallAttemptModel.find(review.attemptID, on: app.db))
            let agent = try #require(try await AgentModel.find(try #require(call.agentID), on: app.db))
            let vendorSite = try await SiteModel.query(on: app.db).filter(\.$name == "华信外呼公司").first()?.id
            let status = try await vendor.get("/qa/recordings/\(review.attemptID)").status
            #expect(agent.siteID == vendorSite ? status == .ok : status == .notFound)
        }
    }
}
