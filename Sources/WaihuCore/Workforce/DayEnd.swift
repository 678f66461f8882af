import Foundation

/// An agent left logged in past the end of the day is logged out at that day's end (local
/// midnight), and the interval is flagged as closed by the system, not by the agent.
public enum DayEnd {
    /// The local midnight that ends the day on which `start` falls, when `now` is past it; nil while
    /// that day is not over.
    public static func closing(intervalStartedAt start: Date, now: Date, zone: TimeZone) -> Date? {
        let end = LocalTime.startOfDay(start, in: zone, plusDays: 1)
        return now >= end ? end : nil
    }
}
