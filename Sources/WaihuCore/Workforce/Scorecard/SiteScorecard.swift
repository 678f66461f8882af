import Foundation

/// A site's assessment scorecard for a month (现场考核, seed 003 第五篇): every deduction with its line,
/// the totals per line, and the score = base − deductions, never below 0.
public struct SiteScorecard: Sendable, Equatable, Codable {
    public struct LineTotal: Sendable, Equatable, Codable {
        public var line: String
        public var occurrences: Int
        /// Hundredths of a point.
        public var points: Int
    }

    public var month: LocalDate
    public var lines: [LineTotal]
    public var deductions: [ScorecardDeduction]
    /// Hundredths of a point: the total deducted, and the score.
    public var deducted: Int
    public var score: Int
    public var base: Int

    public static func compute(_ input: ScorecardInput) -> SiteScorecard {
        let logins = AttendanceLines.days(input)
        var deductions = AttendanceLines.deductions(input, days: logins)
        deductions += TrainingLines.deductions(input, days: logins)
        deductions += BreakLines.deductions(input)
        deductions += MeetingLines.deductions(input)
        deductions += AttritionLines.attrition(input) + AttritionLines.replacement(input)
        deductions += SubmissionLines.deductions(input)
        deductions += findings(input)
        let order = Dictionary(uniqueKeysWithValues: ScorecardLine.all.enumerated().map { ($1.id, $0) })
        deductions = deductions.map { ($0, order[$0.line] ?? 0, $0.agent?.uuidString ?? "") }
            .sorted { ($0.1, $0.0.date, $0.2, $0.0.detail.en) < ($1.1, $1.0.date, $1.2, $1.0.detail.en) }.map(\.0)
        let lines = ScorecardLine.all.map { line in
            let own = deductions.filter { $0.line == line.id }
            return LineTotal(line: line.id, occurrences: own.reduce(0) { $0 + $1.occurrences }, points: own.reduce(0) { $0 + $1.points })
        }
        let deducted = lines.reduce(0) { $0 + $1.points }
        return SiteScorecard(month: input.month, lines: lines, deductions: deductions, deducted: deducted,
                             score: max(0, input.base * 100 - deducted), base: input.base)
    }

    /// The inspectors' findings of the month, each line's first occurrence at its first price and the
    /// rest at the further price (a + b × (n − 1)).
    static func findings(_ input: ScorecardInput) -> [ScorecardDeduction] {
        let next = input.month.addingMonths(1)
        var seen: [String: Int] = [:]
        return input.findings.filter { $0.date >= input.month && $0.date < next && $0.quantity > 0 }
            .sorted { ($0.date, $0.id.uuidString) < ($1.date, $1.id.uuidString) }
            .compactMap { finding in
                guard let line = ScorecardLine.line(finding.line) else { return nil }
                let before = seen[line.id, default: 0]
                seen[line.id] = before + finding.quantity
                let points = line.points(occurrences: before + finding.quantity) - line.points(occurrences: before)
                return ScorecardDeduction(line: line.id, date: finding.date, occurrences: finding.quantity, points: points,
                                          detail: LocalizedText(zh: finding.note, en: finding.note))
            }
    }
}
