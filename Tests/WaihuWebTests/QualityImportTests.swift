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
