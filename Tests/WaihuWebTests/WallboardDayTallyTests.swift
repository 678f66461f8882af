import Fluent
import Foundation
import Testing
import WaihuApp
import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

/// The wallboard's day count keeps its settled calls for a minute, counts them again behind the look, and counts the
/// last minutes' at every look.
@Suite struct WallboardDayTallyTests {
    /// Calls of DEMO-MKT written straight into the store: (local date and time, disposition, talk seconds).
    static func write(_ calls: [(String, String, Int)], project: UUID, on db: any Database) async throws {
        for (time, disposition, talk) in calls {
            let attempt = CallAttemptModel()
            attempt.projectID = project
            attempt.phone = "13800000000"
            attempt.startedAt = try #require(ISO8601DateFormatter().date(from: "\(time)+08:00"))
            attempt.answeredAt = talk > 0 ? attempt.startedAt.addingTimeInterval(5) : nil
            attempt.endedAt = attempt.startedAt.addingTimeInterval(Double(5 + talk))
            (attempt.prepSeconds, attempt.talkSeconds, attempt.acwSeconds) = (0, talk, 0)
            attempt.disposition = disposition
            (attempt.testCall, attempt.inProgress) = (false, false)
            try await attempt.create(on: db)
        }
    }

    static func row(at time: String, on db: any Database) async throws -> Wallboard.ProjectRow {
        let now = try #require(ISO8601DateFormatter().date(from: (time.contains("T") ? time : "2026-11-25T" + time) + "+08:00"))
        let board = try await WallboardService.snapshot(scope: .organisation, at: now, busyAlertMinutes: 10, on: db)
        return try #require(board.projects.first { $0.code == "DEMO-MKT" })
    }

    @Test func theSettledCallsAreKeptForAMinuteRecountedBehindTheLookAndTheLastMinutesCountedAtEveryLook() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first()?.id)
            // Yesterday's call is not today's; at 11:00 the calls before 10:45 (08:10, 09:20) are settled, 10:50 is not.
            try await Self.write([("2026-11-24T23:00:00", "success", 60), ("2026-11-25T08:10:00", "success", 120),
                                  ("2026-11-25T09:20:00", "no_answer", 0), ("2026-11-25T10:50:00", "refused", 40)],
                                 project: project, on: app.db)

            // Counted here from the stored calls of the day (the demo's among them, if it has any).
            let day = try await CallAttemptModel.query(on: app.db).filter(\.$projectID == project).filter(\.$testCall == false)
                .filter(\.$startedAt >= ISO8601DateFormatter().date(from: "2026-11-25T00:00:00+08:00")!)
                .filter(\.$startedAt < deskMorning.addingTimeInterval(3600)).all()
            let base = (calls: day.count, connected: day.count { $0.talkSeconds > 0 }, successes: day.count { $0.disposition == "success" })
            #expect(base.calls >= 3)
            let first = try await Self.row(at: "11:00:10", on: app.db)
            #expect((first.calls, first.connected, first.successes) == (base.calls, base.connected, base.successes))

            // A settled call's result corrected within the minute shows once the next minute's recount, behind the look
            // that started it, has ended; not before.
            try await CallAttemptModel.query(on: app.db).filter(\.$phone == "13800000000").filter(\.$disposition == "no_answer").set(\.$disposition, to: "success").update()
            #expect(try await Self.row(at: "11:00:40", on: app.db).successes == base.successes)
            #expect(try await Self.row(at: "11:01:05", on: app.db).successes == base.successes)
            await WallboardDayTallies.kept.settle()
            #expect(try await Self.row(at: "11:01:06", on: app.db).successes == base.successes + 1)
            // A call of the last minutes shows at once, and so does a change to its result.
            try await Self.write([("2026-11-25T10:59:00", "success", 30)], project: project, on: app.db)
            let added = try await Self.row(at: "11:01:20", on: app.db)
            #expect((added.calls, added.connected, added.successes) == (base.calls + 1, base.connected + 1, base.successes + 2))
            try await CallAttemptModel.query(on: app.db).filter(\.$phone == "13800000000").filter(\.$disposition == "refused").set(\.$disposition, to: "success").update()
            let last = try await Self.row(at: "11:01:30", on: app.db)
            #expect((last.calls, last.connected, last.successes) == (added.calls, added.connected, added.successes + 1))
            // At 11:20 the settled part ends at 11:05: the look adds the calls since the kept part's end (10:46) to it while
            // the part up to 11:05 is counted behind it, and the next look adds the calls since 11:05 to that; both the whole day.
            let later = try await Self.row(at: "11:20:30", on: app.db)
            #expect((later.calls, later.connected, later.successes) == (last.calls, last.connected, last.successes))
            await WallboardDayTallies.kept.settle()
            let recounted = try await Self.row(at: "11:20:31", on: app.db)
            #expect((recounted.calls, recounted.connected, recounted.successes) == (last.calls, last.connected, last.successes))
            // In the day's first minutes nothing is settled: every look counts all.
            try await Self.write([("2026-11-26T00:10:00", "busy", 0)], project: project, on: app.db)
            #expect(try await Self.row(at: "2026-11-26T00:12:00", on: app.db).calls == 1)
            await AlertService.kept.settle()
        }
    }
}
