import Foundation
import Testing
@testable import WaihuCore

/// The 2026 calendar as the State Council published it, and what the default contact rules make of it.
@Suite struct StatutoryHolidaysTests {
    let calendar = StatutoryHolidays.published[2026]!

    /// The weekday of a date by Foundation's Gregorian calendar (1 = Sunday … 7 = Saturday), an independent route.
    func weekday(_ day: LocalDate) -> Int {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let date = gregorian.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        return gregorian.component(.weekday, from: date)
    }

    @Test func theDaysAreThoseOfTheNotice() {
        // 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7 days off.
        #expect(calendar.holidays.map(\.days.count) == [3, 9, 3, 5, 3, 3, 7])
        #expect(calendar.daysOff.count == 33)
        #expect(calendar.daysOff.first?.description == "2026-01-01" && calendar.daysOff.last?.description == "2026-10-07")
        // Every working day the notice names is a Saturday or a Sunday.
        #expect(calendar.workingDays.map(weekday).allSatisfy { $0 == 1 || $0 == 7 })
        #expect(calendar.workingDays.map(\.description) == ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"])
    }

    @Test func theDefaultRulesCallOnNoPublicHolidayAndOnAWorkingSaturday() {
        let rules = ContactRules()
        let nationalDay = ContactPolicy.decide(ContactHistory(), rules: rules, product: nil, at: shanghai("2026-10-01T10:00:00"),
                                               zone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(nationalDay.reasons.map(\.rule) == [.holiday])
        #expect(nationalDay.nextAllowedAt == shanghai("2026-10-08T09:00:00"))
        let workingSaturday = ContactPolicy.decide(ContactHistory(), rules: rules, product: nil, at: shanghai("2026-10-10T10:00:00"),
                                                   zone: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(workingSaturday.allowed)
    }

    @Test func aWorkingDayTakesMondaysWindows() {
        var schedule = CallingSchedule(workingDays: [LocalDate("2026-10-10")!])
        schedule.weekdays[0] = [CallingWindow(start: 600, end: 660)]
        schedule.weekdays[5] = []
        #expect(schedule.windows(on: LocalDate("2026-10-10")!, weekday: 6) == ([CallingWindow(start: 600, end: 660)], false))
        #expect(schedule.windows(on: LocalDate("2026-10-17")!, weekday: 6).windows.isEmpty)
    }

    @Test func holidayListsReadAndWriteADayALine() throws {
        let holidays = try HolidayList.holidays("2026-10-01\n\n 2026-10-08 10:00-16:00, 18:00-20:00 \n")
        #expect(holidays == ["2026-10-01": [], "2026-10-08": [CallingWindow(start: 600, end: 960), CallingWindow(start: 1080, end: 1200)]])
        #expect(HolidayList.text(holidays) == "2026-10-01\n2026-10-08 10:00-16:00, 18:00-20:00")
        #expect(throws: DomainError.self) { try HolidayList.holidays("2026-10-01\n2026-13-01") }
        do {
            _ = try HolidayList.holidays("2026-10-01\n2026-10-02 10-16")
        } catch {
            #expect(error.message.zh.contains("第 2 行") && error.message.en.contains("line 2"))
        }
        #expect(try HolidayList.days("2026-10-10\n2026-09-20") == ["2026-09-20", "2026-10-10"])
    }

    @Test func storedSchedulesWithoutWorkingDaysStillRead() throws {
        let stored = #"{"weekdays":[["09:00-21:00"],["09:00-21:00"],["09:00-21:00"],["09:00-21:00"],["09:00-21:00"],["09:00-21:00"],["09:00-21:00"]],"holidays":{}}"#
        let schedule = try JSONDecoder().decode(CallingSchedule.self, from: Data(stored.utf8))
        #expect(schedule.workingDays.isEmpty && schedule.holidays.isEmpty)
    }
}
