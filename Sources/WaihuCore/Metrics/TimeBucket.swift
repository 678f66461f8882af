import Foundation

/// One hour, day, week (Monday first) or month of local time: a row of a split by time. Written as
/// its first day (`2026-11-02`; a week or a month by its first day) or, for an hour, `2026-11-02T09`.
public struct TimeBucket: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let split: SliceDimension
    public let firstDay: LocalDate
    /// 0–23 for an hour; nil otherwise.
    public let hour: Int?

    init(split: SliceDimension, firstDay: LocalDate, hour: Int?) {
        self.split = split
        self.firstDay = firstDay
        self.hour = hour
    }

    /// The bucket holding a calendar date; nil for an hour split, which a date does not fall in.
    public static func containing(_ date: LocalDate, split: SliceDimension) -> TimeBucket? {
        switch split {
        case .day: return TimeBucket(split: split, firstDay: date, hour: nil)
        case .week:
            let days = LocalTime.days(from: date)
            let sinceMonday = LocalTime.weekday(days: days) - 1
            return TimeBucket(split: split, firstDay: LocalTime.civil(fromDays: days - sinceMonday), hour: nil)
        case .month: return TimeBucket(split: split, firstDay: date.firstOfMonth, hour: nil)
        default: return nil
        }
    }

    /// The bucket holding an instant.
    public static func containing(_ instant: Date, split: SliceDimension, in zone: TimeZone) -> TimeBucket {
        let local = LocalTime(instant, in: zone)
        if split == .hour { return TimeBucket(split: split, firstDay: local.date, hour: local.second / 3600) }
        return containing(local.date, split: split)!
    }

    /// The bucket right after this one.
    public var next: TimeBucket {
        switch split {
        case .hour:
            let h = (hour ?? 0) + 1
            return h == 24 ? TimeBucket(split: split, firstDay: firstDay.addingDays(1), hour: 0) : TimeBucket(split: split, firstDay: firstDay, hour: h)
        case .week: return TimeBucket(split: split, firstDay: firstDay.addingDays(7), hour: nil)
        case .month: return TimeBucket(split: split, firstDay: firstDay.addingMonths(1), hour: nil)
        default: return TimeBucket(split: split, firstDay: firstDay.addingDays(1), hour: nil)
        }
    }

    /// The instant the bucket begins.
    public func start(in zone: TimeZone) -> Date {
        LocalTime.instant(firstDay, second: (hour ?? 0) * 3600, in: zone)
    }

    /// The last calendar day of the bucket.
    public var lastDay: LocalDate { split == .hour ? firstDay : next.firstDay.addingDays(-1) }

    public var description: String {
        guard let hour else { return firstDay.description }
        return firstDay.description + (hour < 10 ? "T0" : "T") + "\(hour)"
    }

    public static func < (a: TimeBucket, b: TimeBucket) -> Bool {
        (a.firstDay, a.hour ?? -1) < (b.firstDay, b.hour ?? -1)
    }
}

extension SliceDimension {
    /// A row's label as people read it: an hour `2026-11-02T09` as `2026-11-02 09:00–10:00`; others as they are.
    public func display(_ label: String?) -> String {
        guard let label else { return "" }
        guard self == .hour, let t = label.firstIndex(of: "T"), let hour = Int(label[label.index(after: t)...]) else { return label }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(label[..<t]) \(two(hour)):00–\(two(hour + 1)):00"
    }
}
