import Foundation

/// A calibration session (校准, RULES A.6): several inspectors score the same calls on the same scorecard without
/// seeing each other's scores; the report sets them side by side.
public enum Calibration {
    /// One inspector's scoring of one call: the item scores and the total.
    public struct Score: Sendable, Equatable {
        public var attempt: UUID
        public var inspector: String
        public var items: [String: Int]
        public var total: Int

        public init(attempt: UUID, inspector: String, items: [String: Int], total: Int) {
            self.attempt = attempt
            self.inspector = inspector
            self.items = items
            self.total = total
        }
    }

    public struct ItemRow: Sendable, Equatable {
        public var item: String
        public var scores: [String: Int]
        /// Highest minus lowest.
        public var spread: Int
        public var agreed: Bool
    }

    public struct CallRow: Sendable, Equatable {
        public var attempt: UUID
        public var totals: [String: Int]
        public var mean: Double
        public var spread: Int
        public var items: [ItemRow]
    }

    public struct InspectorRow: Sendable, Equatable {
        public var inspector: String
        public var calls: Int
        /// The mean over the calls of (their total − the call's mean total): above 0 scores higher than the others.
        public var deviation: Double
        /// The mean of the absolute differences: how far from the others, either way.
        public var absoluteDeviation: Double
    }

    public struct Report: Sendable, Equatable {
        public var calls: [CallRow]
        public var inspectors: [InspectorRow]
        /// Items (of calls scored by two or more) on which every inspector gave the same score, over all such items;
        /// nil when no call has two scorings.
        public var agreement: Double?
    }

    /// The report of a session's scores, calls in the order given, items in the scorecard's order.
    public static func report(_ scores: [Score], calls order: [UUID], items: [String]) -> Report {
        let byCall = Dictionary(grouping: scores, by: \.attempt)
        var agreedItems = 0, comparedItems = 0
        var deviations: [String: [Double]] = [:]
        let calls = order.compactMap { attempt -> CallRow? in
            guard let scored = byCall[attempt], !scored.isEmpty else { return nil }
            let totals = Dictionary(scored.map { ($0.inspector, $0.total) }, uniquingKeysWith: { a, _ in a })
            let mean = Double(totals.values.reduce(0, +)) / Double(totals.count)
            if totals.count >= 2 {
                for (inspector, total) in totals { deviations[inspector, default: []].append(Double(total) - mean) }
            }
            let rows = items.map { item -> ItemRow in
                let values = Dictionary(scored.compactMap { score in score.items[item].map { (score.inspector, $0) } }, uniquingKeysWith: { a, _ in a })
                let spread = (values.values.max() ?? 0) - (values.values.min() ?? 0)
                if values.count >= 2 {
                    comparedItems += 1
                    if spread == 0 { agreedItems += 1 }
                }
                return ItemRow(item: item, scores: values, spread: spread, agreed: values.count >= 2 && spread == 0)
            }
            return CallRow(attempt: attempt, totals: totals, mean: mean, spread: (totals.values.max() ?? 0) - (totals.values.min() ?? 0), items: rows)
        }
        let inspectors = deviations.keys.sorted().map { inspector in
            let values = deviations[inspector] ?? []
            return InspectorRow(inspector: inspector, calls: values.count, deviation: values.reduce(0, +) / Double(values.count),
                                absoluteDeviation: values.map(abs).reduce(0, +) / Double(values.count))
        }
        return Report(calls: calls, inspectors: inspectors, agreement: comparedItems == 0 ? nil : Double(agreedItems) / Double(comparedItems))
    }
}
