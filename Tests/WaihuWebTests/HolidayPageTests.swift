import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// The policy page's holidays: the shipped calendar with its source and year, edited a day a line.
@Suite struct HolidayPageTests {
    @Test func theStatutoryCalendarIsShownAndEditable() async throws {
        try await withWaihu(demo: true) { app in
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/policy")
            #expect(page.body.string.contains("国务院办公厅关于2026年部分节假日安排的通知（2026）"))
            #expect(page.body.string.contains("2026-02-15\n2026-02-16"))
            // The days in force before any change: the 33 days off of 2026.
            #expect(try await PolicyQueries.rules(project: nil, on: app.db).rules.schedule.holidays.count == 33)

            let refused = try await manager.post("/policy/holidays", form: ["holidays": "2026-10-01\n2026-10-32", "working_days": ""],
                                                 csrfFrom: page.body.string)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("第 2 行"))
            #expect(try await PolicyQueries.rules(project: nil, on: app.db).version == "org:0")

            let saved = try await manager.post("/policy/holidays", form: ["holidays": "2027-01-01\n2027-02-06 10:00-16:00",
                                                                          "working_days": "2027-01-09"], csrfFrom: page.body.string)
            #expect(saved.status == .seeOther)
            let schedule = try await PolicyQueries.rules(project: nil, on: app.db).rules.schedule
            #expect(schedule.holidays == ["2027-01-01": [], "2027-02-06": [CallingWindow(start: 600, end: 960)]])
            #expect(schedule.workingDays == ["2027-01-09"])
            #expect(try await AuditLog.entries(AuditFilter(action: "policy.holidays"), on: app.db).count == 1)
        }
    }
}
