import Foundation

/// The submission lines: each started day after the deadline costs the line's points, and each day
/// belongs to the month it starts in; one not yet submitted keeps counting (RULES F, issue 19).
public enum SubmissionLines {
    /// The started days late of a submission, or of one still owed at `until`.
    public static func daysLate(due: Date, arrivedAt: Date?, until: Date) -> Int {
        let end = arrivedAt ?? until
        guard end > due else { return 0 }
        return Int((end.timeIntervalSince(due) / 86_400).rounded(.up))
    }

    static func deductions(_ input: ScorecardInput) -> [ScorecardDeduction] {
        let start = input.monthStart, until = input.countedUntil
        return input.owed.compactMap { owed in
            let late = daysLate(due: owed.due, arrivedAt: owed.arrivedAt, until: until)
            guard late > 0 else { return nil }
            // Day k (1…late) starts at due + (k − 1) days; count those starting within the month.
            let inMonth = (1 ... late).filter {
                let begins = owed.due.addingTimeInterval(Double($0 - 1) * 86_400)
                return begins >= start && begins < until
            }
            guard !inMonth.isEmpty, let line = ScorecardLine.line(owed.kind.line) else { return nil }
            let lastBegins = owed.due.addingTimeInterval(Double(inMonth.last! - 1) * 86_400)
            let state = owed.arrivedAt == nil ? LocalizedText(zh: "尚未上报", en: "not yet submitted")
                : LocalizedText(zh: "迟交 \(late) 天", en: "\(late) day(s) late")
            return ScorecardDeduction(line: line.id, date: LocalDate(lastBegins, in: input.zone), occurrences: inMonth.count,
                                      points: line.first * inMonth.count,
                                      detail: LocalizedText(zh: "\(owed.kind.name.zh)（\(owed.period)）\(state.zh)", en: "\(owed.kind.name.en) (\(owed.period)): \(state.en)"))
        }
    }
}
