import Foundation

/// Connect rate by weekday and hour of a project's calls (best hours to call), and the hours to
/// suggest: those whose connect rate is at least the project's overall rate, on enough calls.
public struct BestHours: Sendable, Codable, Equatable {
    public struct Cell: Sendable, Codable, Equatable {
        /// 1 = Monday … 7 = Sunday.
        public var weekday: Int
        public var hour: Int
        public var calls: Int
        public var connected: Int
        public var connect_rate: Double?
    }

    public var cells: [Cell]
    public var overall_connect_rate: Double?
    /// Hours of the day (0–23), best first, whose connect rate over all weekdays is at least the overall rate.
    public var suggested_hours: [Int]
    /// Cells with fewer calls are not judged.
    public var minimum_calls: Int

    /// From calls and connected calls per local hour bucket (`TimeBucket` of an hour split).
    public init(hours: [(bucket: TimeBucket, calls: Int, connected: Int)], minimumCalls: Int = 20) {
        var grid: [Int: (Int, Int)] = [:]
        var byHour: [Int: (Int, Int)] = [:]
        for (bucket, calls, connected) in hours {
            guard let hour = bucket.hour else { continue }
            let weekday = LocalTime.weekday(days: LocalTime.days(from: bucket.firstDay))
            let key = weekday * 24 + hour
            grid[key, default: (0, 0)].0 += calls
            grid[key, default: (0, 0)].1 += connected
            byHour[hour, default: (0, 0)].0 += calls
            byHour[hour, default: (0, 0)].1 += connected
        }
        cells = grid.keys.sorted().map { key in
            let (calls, connected) = grid[key]!
            return Cell(weekday: key / 24, hour: key % 24, calls: calls, connected: connected,
                        connect_rate: calls == 0 ? nil : Double(connected) / Double(calls))
        }
        let total = byHour.values.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        overall_connect_rate = total.0 == 0 ? nil : Double(total.1) / Double(total.0)
        minimum_calls = minimumCalls
        let overall = overall_connect_rate ?? 1
        suggested_hours = byHour.filter { $0.value.0 >= minimumCalls && Double($0.value.1) / Double($0.value.0) >= overall }
            .sorted { Double($0.value.1) / Double($0.value.0) > Double($1.value.1) / Double($1.value.0) || 
                      (Double($0.value.1) / Double($0.value.0) == Double($1.value.1) / Double($1.value.0) && $0.key < $1.key) }
            .map(\.key)
    }
}
