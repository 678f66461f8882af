import Foundation

/// The reports Waihu writes by itself: the daily report (日报) of yesterday, ready by 10:00, and the
/// monthly report (月报) of last month, ready on the 1st.
public enum ReportKind: String, Sendable, Codable, CaseIterable {
    case daily, monthly

    public var name: LocalizedText {
        switch self {
        case .daily: LocalizedText(zh: "日报", en: "Daily report")
        case .monthly: LocalizedText(zh: "月报", en: "Monthly report")
        }
    }

    /// The period due at `now`: yesterday, or the first day of last month.
    public func due(at now: Date, in zone: TimeZone) -> LocalDate {
        let today = LocalTime(now, in: zone).date
        switch self {
        case .daily: return today.addingDays(-1)
        case .monthly: return today.firstOfMonth.addingMonths(-1)
        }
    }

    /// The last day of the period beginning on `first`.
    public func lastDay(of first: LocalDate) -> LocalDate {
        switch self {
        case .daily: first
        case .monthly: first.addingMonths(1).addingDays(-1)
        }
    }

    /// The period before, to compare with: the day before, or the month before.
    public func previous(_ first: LocalDate) -> LocalDate {
        switch self {
        case .daily: first.addingDays(-1)
        case .monthly: first.addingMonths(-1)
        }
    }

    /// How a period is named: `2026-11-02`, or `2026-11` for a month.
    public func label(_ first: LocalDate) -> String {
        self == .daily ? first.description : String(first.description.prefix(7))
    }
}
