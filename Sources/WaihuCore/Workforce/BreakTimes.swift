import Foundation

/// The time an agent spent busy (示忙) today, by reason: each busy interval clipped to [midnight, now], an
/// interval still open counted to now. Shown on the desk so an agent sees their breaks add up.
public enum BreakTimes {
    public struct Interval: Sendable {
        public var reason: String?
        public var start: Date
        public var end: Date?

        public init(reason: String?, start: Date, end: Date?) {
            (self.reason, self.start, self.end) = (reason, start, end)
        }
    }

    /// Seconds by reason (`other` for none), the reasons in `BusyReason` order, only those with time.
    public static func seconds(_ intervals: [Interval], since dayStart: Date, now: Date) -> [(reason: BusyReason, seconds: Int)] {
        var totals: [BusyReason: Double] = [:]
        for interval in intervals {
            let from = max(interval.start, dayStart), to = min(interval.end ?? now, now)
            guard to > from else { continue }
            let reason = interval.reason.flatMap(BusyReason.init(rawValue:)) ?? .other
            totals[reason, default: 0] += to.timeIntervalSince(from)
        }
        return BusyReason.allCases.compactMap { reason in totals[reason].map { (reason, Int($0.rounded())) } }
    }
}
