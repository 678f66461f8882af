/// The QA report of a month (issue 17, item 11), by agent, team or site: reviews, average score, the grades, unqualified
/// tickets, the items failed most, appeals and how they ended.
public enum QualityReport {
    public struct Review: Sendable {
        public var group: String
        public var score: Int
        public var grade: ReviewGrade
        /// The texts of the items scored below their points.
        public var failed: [String]
        public var appealed: Bool
        public var outcome: AppealOutcome?

        public init(group: String, score: Int, grade: ReviewGrade, failed: [String], appealed: Bool, outcome: AppealOutcome?) {
            self.group = group
            self.score = score
            self.grade = grade
            self.failed = failed
            self.appealed = appealed
            self.outcome = outcome
        }
    }

    public struct Row: Sendable, Equatable {
        public var group: String
        public var reviews: Int
        public var averageScore: Double
        public var excellent: Int
        public var qualified: Int
        public var unqualified: Int
        /// The three items failed most, with how often (ties by text).
        public var mostFailed: [(item: String, count: Int)]
        public var appeals: Int
        public var upheld: Int
        public var revised: Int

        public static func == (a: Row, b: Row) -> Bool {
            a.group == b.group && a.reviews == b.reviews && a.averageScore == b.averageScore && a.excellent == b.excellent
                && a.qualified == b.qualified && a.unqualified == b.unqualified && a.appeals == b.appeals && a.upheld == b.upheld
                && a.revised == b.revised && a.mostFailed.map(\.item) == b.mostFailed.map(\.item) && a.mostFailed.map(\.count) == b.mostFailed.map(\.count)
        }
    }

    /// One row a group, in the groups' order.
    public static func rows(_ reviews: [Review]) -> [Row] {
        Dictionary(grouping: reviews, by: \.group).sorted { $0.key < $1.key }.map { group, reviews in
            var failed: [String: Int] = [:]
            for review in reviews { for item in review.failed { failed[item, default: 0] += 1 } }
            return Row(group: group, reviews: reviews.count,
                       averageScore: Double(reviews.reduce(0) { $0 + $1.score }) / Double(reviews.count),
                       excellent: reviews.filter { $0.grade == .excellent }.count, qualified: reviews.filter { $0.grade == .qualified }.count,
                       unqualified: reviews.filter { $0.grade == .unqualified }.count,
                       mostFailed: failed.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3).map { ($0.key, $0.value) },
                       appeals: reviews.filter(\.appealed).count, upheld: reviews.filter { $0.outcome == .upheld }.count,
                       revised: reviews.filter { $0.outcome == .revised }.count)
        }
    }
}
