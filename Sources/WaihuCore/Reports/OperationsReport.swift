import Foundation

/// A daily or monthly report: for the period and the one before, the figures of seed 002 (十项金指标)
/// and the key figures of seed 004 (数字化管理), by project (with the target), by team and by agent.
public struct OperationsReport: Sendable, Codable, Equatable {
    /// The figures of every section, in the report's order.
    public static let figures: [MetricID] = [
        // seed 002: calls, connection, conversations, talk, close, sales, orders
        .calls_made, .connected_calls, .connect_rate, .conversations, .effective_conversations, .avg_talk_seconds, .close_rate,
        .sales_amount, .average_order_value, .order_approval_rate, .order_sign_rate,
        // seed 004: contact and success, efficiency triad, quality
        .contact_rate, .successful_accounts, .online_success_rate, .success_value, .calls_per_hour,
        .work_efficiency, .idle_rate, .busy_rate, .complaint_rate,
    ]

    /// The split of each section.
    public static let sections: [SliceDimension] = [.project, .team, .agent]

    public struct Row: Sendable, Codable, Equatable {
        /// The project code, team name or employee number.
        public var name: String
        public var values: [Double?]
        public var previous: [Double?]
        /// Completed accounts so far against the project's target (project rows only).
        public var target_progress: Double?
    }

    public struct Section: Sendable, Codable, Equatable {
        public var dimension: SliceDimension
        public var rows: [Row]
    }

    public var kind: ReportKind
    public var period: String
    public var first_day: LocalDate
    public var last_day: LocalDate
    public var generated_at: Date
    public var figures: [MetricID]
    public var sections: [Section]

    /// Builds the report from the rows of each section for the period and the period before (and, for
    /// projects, the target progress to the end of the period). Rows are matched by name; a name with
    /// no row before has nulls there.
    public static func build(kind: ReportKind, first: LocalDate, generatedAt: Date, current: [SliceDimension: [MetricRow]],
                             previous: [SliceDimension: [MetricRow]], targetProgress: [String: Double?]) -> OperationsReport {
        func name(_ row: MetricRow, _ dimension: SliceDimension) -> String {
            row.labels.first { $0.0 == dimension }?.1 ?? ""
        }
        let sections = Self.sections.map { dimension in
            let before = Dictionary((previous[dimension] ?? []).map { (name($0, dimension), $0) }, uniquingKeysWith: { a, _ in a })
            let rows = (current[dimension] ?? []).map { row in
                let key = name(row, dimension)
                return Row(name: key, values: figures.map { row.value($0) }, previous: figures.map { before[key]?.value($0) ?? nil },
                           target_progress: dimension == .project ? targetProgress[key] ?? nil : nil)
            }
            return Section(dimension: dimension, rows: rows)
        }
        return OperationsReport(kind: kind, period: kind.label(first), first_day: first, last_day: kind.lastDay(of: first),
                                generated_at: generatedAt, figures: figures, sections: sections)
    }
}
