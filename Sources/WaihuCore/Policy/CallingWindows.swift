import Foundation

/// A span of the day in which customers may be called, `[start, end)` in minutes since local midnight.
public struct CallingWindow: Sendable, Equatable, Codable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// `"09:00-21:00"`.
    public init(_ text: String) throws(DomainError) {
        let parts = text.split(separator: "-").map { $0.trimmingWhitespace() }
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start < end else {
            throw DomainError.invalidField("window", zh: "时段须写成 09:00-21:00，且开始早于结束",
                                           en: "a window is written 09:00-21:00, its start before its end")
        }
        self.init(start: start, end: end)
    }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0...59).contains(m),
              h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    public func contains(_ minute: Int) -> Bool { start <= minute && minute < end }

    /// Written as `"09:00-21:00"` in JSON.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message.en))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String {
        func hhmm(_ minutes: Int) -> String {
            let h = minutes / 60, m = minutes % 60
            return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
        }
        return hhmm(start) + "-" + hhmm(end)
    }

    /// 09:00–21:00: the strictest published Chinese rule (SPEC.md §2).
    public static let standard = CallingWindow(start: 9 * 60, end: 21 * 60)

    /// Whether this window reaches outside `bounds` (a center may call earlier or later than 09:00–21:00, but is
    /// told that it breaks the published rule).
    public func exceeds(_ bounds: CallingWindow = .standard) -> Bool { start < bounds.start || end > bounds.end }
}

/// When customers may be called, in their local time: windows per weekday, holidays with their own
/// windows (none: no calls that day), and weekend days worked instead of a holiday (调休), which take
/// Monday's windows.
public struct CallingSchedule: Sendable, Equatable, Codable {
    /// Index 0 = Monday … 6 = Sunday.
    public var weekdays: [[CallingWindow]]
    public var holidays: [String: [CallingWindow]]
    /// `yyyy-MM-dd` of weekend days that are working days.
    public var workingDays: Set<String>

    public init(weekdays: [[CallingWindow]] = Array(repeating: [.standard], count: 7), holidays: [LocalDate: [CallingWindow]] = [:],
                workingDays: Set<LocalDate> = []) {
        self.weekdays = weekdays
        self.holidays = Dictionary(uniqueKeysWithValues: holidays.map { ($0.key.description, $0.value) })
        self.workingDays = Set(workingDays.map(\.description))
    }

    /// The statutory calendars Waihu ships (`StatutoryHolidays.published`): no calls on a public holiday,
    /// Monday's windows on a weekend day worked instead.
    public static var statutory: CallingSchedule {
        var schedule = CallingSchedule()
        schedule.addStatutory(StatutoryHolidays.published.values.sorted { $0.year < $1.year })
        return schedule
    }

    /// Adds the days of `calendars` (holidays with no windows, working days), keeping days set already.
    public mutating func addStatutory(_ calendars: [StatutoryHolidays]) {
        for calendar in calendars {
            for day in calendar.daysOff where holidays[day.description] == nil { holidays[day.description] = [] }
            workingDays.formUnion(calendar.workingDays.map(\.description))
        }
    }

    enum CodingKeys: String, CodingKey {
        case weekdays
        case holidays
        case workingDays = "working_days"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        weekdays = try container.decode([[CallingWindow]].self, forKey: .weekdays)
        holidays = try container.decodeIfPresent([String: [CallingWindow]].self, forKey: .holidays) ?? [:]
        workingDays = try container.decodeIfPresent(Set<String>.self, forKey: .workingDays) ?? []
    }

    /// The windows of a day and whether it is a holiday.
    public func windows(on date: LocalDate, weekday: Int) -> (windows: [CallingWindow], holiday: Bool) {
        if let special = holidays[date.description] { return (special, true) }
        if workingDays.contains(date.description) { return (weekdays[0], false) }
        return (weekdays[weekday - 1], false)
    }

    /// The first instant at or after `instant` inside a window, looking at most `days` ahead.
    public func nextOpening(atOrAfter instant: Date, in zone: TimeZone, days: Int = 14) -> Date? {
        let local = LocalTime(instant, in: zone)
        for offset in 0...days {
            let date = local.date.addingDays(offset)
            let weekday = (local.weekday - 1 + offset) % 7 + 1
            for window in windows(on: date, weekday: weekday).windows.sorted(by: { $0.start < $1.start }) {
                if offset == 0 {
                    if window.contains(local.minute) { return instant }
                    if window.start * 60 <= local.second { continue }
                }
                return LocalTime.instant(date, second: window.start * 60, in: zone)
            }
        }
        return nil
    }
}
