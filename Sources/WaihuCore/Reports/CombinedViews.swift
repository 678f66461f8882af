/// The combined views of METRICS.md §8 over rows of agents.
public enum CombinedViews {
    /// Efficiency triad: work efficiency high first, then idle rate and busy rate low first (nulls last).
    public static func efficiencyTriad(_ rows: [MetricRow]) -> [MetricRow] {
        rows.sorted { a, b in
            (-(a.value(.work_efficiency) ?? -1), a.value(.idle_rate) ?? 2, a.value(.busy_rate) ?? 2)
                < (-(b.value(.work_efficiency) ?? -1), b.value(.idle_rate) ?? 2, b.value(.busy_rate) ?? 2)
        }
    }

    /// Success value ranking, highest first (nulls last).
    public static func successValueRanking(_ rows: [MetricRow]) -> [MetricRow] {
        rows.sorted { ($0.value(.success_value) ?? -1) > ($1.value(.success_value) ?? -1) }
    }

    /// Talk × pace quadrant: each agent with talk time and calls per hour, and the medians that split them.
    public static func talkPaceQuadrant(_ rows: [MetricRow]) -> (points: [(agent: String, talk: Double, pace: Double)], talkMedian: Double, paceMedian: Double) {
        let points = rows.compactMap { row in
            row.value(.avg_talk_seconds).flatMap { talk in row.value(.calls_per_hour).map { (row.key.agent ?? "", talk, $0) } }
        }
        return (points, median(points.map(\.1)), median(points.map(\.2)))
    }

    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
