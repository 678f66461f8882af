/// The State Council's public holidays (法定节假日) and the weekend days worked instead (调休上班日),
/// year by year as published; the default holiday set of the contact rules (no calls on a public
/// holiday), editable on the policy page. A year not yet published is not here: add its days by hand.
public struct StatutoryHolidays: Sendable, Equatable {
    public var year: Int
    /// Where the days come from.
    public var source: LocalizedText
    /// Each holiday: its name and its days off.
    public var holidays: [(name: LocalizedText, days: [LocalDate])]
    /// Weekend days that are working days.
    public var workingDays: [LocalDate]

    public static func == (a: Self, b: Self) -> Bool {
        a.year == b.year && a.source == b.source && a.workingDays == b.workingDays
            && a.holidays.map(\.days) == b.holidays.map(\.days) && a.holidays.map(\.name) == b.holidays.map(\.name)
    }

    /// Every day off of the year, in order.
    public var daysOff: [LocalDate] { holidays.flatMap(\.days).sorted() }

    /// The calendars Waihu ships, by year.
    public static let published: [Int: StatutoryHolidays] = [2026: year2026]

    /// 国务院办公厅关于2026年部分节假日安排的通知 (published November 2025).
    static let year2026 = StatutoryHolidays(
        year: 2026,
        source: LocalizedText(zh: "国务院办公厅关于2026年部分节假日安排的通知", en: "State Council General Office notice on the 2026 public holidays"),
        holidays: [
            (LocalizedText(zh: "元旦", en: "New Year's Day"), days(2026, 1, 1...3)),
            (LocalizedText(zh: "春节", en: "Spring Festival"), days(2026, 2, 15...23)),
            (LocalizedText(zh: "清明节", en: "Qingming Festival"), days(2026, 4, 4...6)),
            (LocalizedText(zh: "劳动节", en: "Labour Day"), days(2026, 5, 1...5)),
            (LocalizedText(zh: "端午节", en: "Dragon Boat Festival"), days(2026, 6, 19...21)),
            (LocalizedText(zh: "中秋节", en: "Mid-Autumn Festival"), days(2026, 9, 25...27)),
            (LocalizedText(zh: "国庆节", en: "National Day"), days(2026, 10, 1...7)),
        ],
        workingDays: [date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20), date(2026, 10, 10)])

    private static func date(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        LocalDate(year: year, month: month, day: day)!
    }

    private static func days(_ year: Int, _ month: Int, _ range: ClosedRange<Int>) -> [LocalDate] {
        range.map { date(year, month, $0) }
    }
}
