import Foundation

/// What a site owes by a given time (RULES F): the daily analysis of every day it worked, the monthly report
/// and the resignation list of every month, next month's roster and next week's training plan. Minutes are owed
/// for the meetings held and ad-hoc reports for the requests made; the store adds those.
public enum SubmissionSchedule {
    public struct Due: Sendable, Equatable {
        public var kind: SubmissionKind
        /// The day, the month's first day or the week's Monday covered.
        public var period: LocalDate
        public var due: Date

        public init(kind: SubmissionKind, period: LocalDate, due: Date) {
            self.kind = kind
            self.period = period
            self.due = due
        }

        /// The period as a submission names it: `YYYY-MM-DD`, or `YYYY-MM` for a month.
        public var key: String { SubmissionSchedule.key(kind, period) }
    }

    public static func key(_ kind: SubmissionKind, _ period: LocalDate) -> String {
        switch kind {
        case .monthly_report, .next_month_roster, .resignation_list: String(period.description.prefix(7))
        default: period.description
        }
    }

    /// Everything owed from the day `from` on (deadlines at or after its midnight) with a deadline before `before`.
    public static func owed(from: LocalDate, before: Date, workedDays: Set<LocalDate>, in zone: TimeZone) -> [Due] {
        let start = LocalTime.instant(from, in: zone)
        let last = LocalTime(before, in: zone).date.addingDays(1)
        var owed: [Due] = []
        func add(_ kind: SubmissionKind, _ period: LocalDate) {
            let due = kind.due(period: period, in: zone)
            if due >= start, due < before { owed.append(Due(kind: kind, period: period, due: due)) }
        }
        for day in workedDays.sorted() where day >= from { add(.daily_analysis, day) }
        var month = from.firstOfMonth.addingMonths(-1)
        while month <= last.addingMonths(2) {
            if month.addingMonths(1) > from {  // a month the site worked in
                add(.monthly_report, month)
                add(.resignation_list, month)
            }
            add(.next_month_roster, month)
            month = month.addingMonths(1)
        }
        // Mondays from the week after `from`'s Thursday deadline on.
        var monday = from.addingDays(8 - LocalTime.weekday(days: LocalTime.days(from: from)))
        monday = monday.addingDays(-7)
        while monday <= last.addingDays(7) {
            add(.training_plan, monday)
            monday = monday.addingDays(7)
        }
        return owed.sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
    }
}
