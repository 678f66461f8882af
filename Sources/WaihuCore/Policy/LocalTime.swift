import Foundation

/// Civil (wall-clock) time in a time zone, computed without `Calendar` so that a contact-policy
/// decision costs microseconds: the zone's offset is asked once per instant, the rest is
/// arithmetic on days since 1970 (proleptic Gregorian calendar).
public struct LocalTime: Sendable, Equatable, CustomStringConvertible {
    public let date: LocalDate
    /// Seconds since local midnight, 0–86399.
    public let second: Int
    /// Minutes since local midnight, 0–1439.
    public var minute: Int { second / 60 }
    /// 1 = Monday … 7 = Sunday.
    public let weekday: Int

    public init(_ instant: Date, in zone: TimeZone) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        date = LocalTime.civil(fromDays: days)
        second = secondOfDay
        weekday = LocalTime.weekday(days: days)
    }

    /// `2026-12-01 09:00`.
    public var description: String {
        let h = minute / 60, m = minute % 60
        return "\(date) " + (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// The instant at which the wall clock of `zone` shows `second` (since midnight) on `date`.
    public static func instant(_ date: LocalDate, second: Int = 0, in zone: TimeZone) -> Date {
        let local = TimeInterval(days(from: date) * 86_400 + second)
        let guess = Date(timeIntervalSince1970: local - TimeInterval(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
        return Date(timeIntervalSince1970: local - TimeInterval(zone.secondsFromGMT(for: guess)))
    }

    /// The instant the local day of `instant` began in `zone` (its midnight), `days` days later.
    public static func startOfDay(_ instant: Date, in zone: TimeZone, plusDays days: Int = 0) -> Date {
        let day = LocalTime(instant, in: zone).date
        return LocalTime.instant(civil(fromDays: LocalTime.days(from: day) + days), in: zone)
    }

    /// 1 = Monday … 7 = Sunday of the day `days` after 1970-01-01, a Thursday.
    public static func weekday(days: Int) -> Int {
        ((days % 7) + 7 + 3) % 7 + 1
    }

    /// Days since 1970-01-01 of a civil date.
    public static func days(from date: LocalDate) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = date.month
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date `days` after 1970-01-01.
    public static func civil(fromDays days: Int) -> LocalDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return LocalDate(uncheckedYear: year, month: month, day: day)
    }
}

extension LocalDate {
    /// The same day `months` calendar months later (or earlier); the 31st falls back to the
    /// month's last day.
    public func addingMonths(_ months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        return LocalDate(uncheckedYear: y, month: m, day: min(day, LocalDate.daysIn(month: m, year: y)))
    }

    public func addingDays(_ days: Int) -> LocalDate {
        LocalTime.civil(fromDays: LocalTime.days(from: self) + days)
    }

    /// The first day of this date's month.
    public var firstOfMonth: LocalDate { LocalDate(uncheckedYear: year, month: month, day: 1) }
}

extension Date {
    /// The same wall-clock time `months` calendar months later in `zone` (negative: earlier).
    public func addingMonths(_ months: Int, in zone: TimeZone) -> Date {
        let local = LocalTime(self, in: zone)
        let fraction = timeIntervalSince1970 - timeIntervalSince1970.rounded(.down)
        return LocalTime.instant(local.date.addingMonths(months), second: local.second, in: zone).addingTimeInterval(fraction)
    }
}
