import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The holidays card of the policy page: the statutory calendars Waihu ships, with their source and
/// year, and the organisation's holidays and working days, edited a day a line.
extension PolicyPages {
    struct Holidays: Encodable {
        struct Shipped: Encodable {
            var year: Int
            var source: String
            var days: String
        }
        var shipped: [Shipped]
        var holidays: String
        var workingDays: String
    }

    static func holidays(_ schedule: CallingSchedule, language: Language) -> Holidays {
        let shipped = StatutoryHolidays.published.values.sorted { $0.year < $1.year }.map { calendar in
            Holidays.Shipped(year: calendar.year, source: calendar.source.text(language), days: calendar.holidays.map { holiday in
                "\(holiday.name.text(language)) \(holiday.days.first?.description ?? "")–\(holiday.days.last.map { String($0.description.suffix(5)) } ?? "")"
            }.joined(separator: "；"))
        }
        return Holidays(shipped: shipped, holidays: HolidayList.text(schedule.holidays), workingDays: HolidayList.text(schedule.workingDays))
    }

    struct HolidaysForm: Content {
        var holidays: String
        var working_days: String
    }

    /// Saves the holidays and working days as a new version of the organisation's rules (audited).
    static func changeHolidays(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/policy", action: {
            let form = try req.content.decode(HolidaysForm.self)
            var schedule = try await PolicyQueries.rules(project: nil, on: req.db).rules.schedule
            schedule.holidays = try HolidayList.holidays(form.holidays)
            schedule.workingDays = try HolidayList.days(form.working_days)
            var changes = ContactRuleOverrides()
            changes.schedule = schedule
            _ = try await PolicyService.change(changes, project: nil, actor: req.auditEvent("policy.holidays", targetType: "organisation"),
                                               at: req.now, on: req.db)
        }, page: { try await page(req, error: $0) })
    }
}
