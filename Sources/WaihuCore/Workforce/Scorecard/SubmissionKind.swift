import Foundation

/// What a site owes its client by a deadline (上报, RULES F 六.4, 七.7–七.10, 九.1, 九.2).
public enum SubmissionKind: String, Sendable, Codable, CaseIterable {
    /// 工作日报分析: the analysis of a working day, before 10:00 the next day (七.8).
    case daily_analysis
    /// 月度运营报告: a month's operations report, by the 3rd of the next month (七.7).
    case monthly_report
    /// 下月班表: next month's roster with headcount per time slot, before the 25th (七.9).
    case next_month_roster
    /// 辞职名单: a month's resignations with names, by the 3rd of the next month (七.10).
    case resignation_list
    /// 下周培训计划: next week's training plan, on the Thursday before (六.4).
    case training_plan
    /// 质量分析会纪要: minutes of a quality analysis meeting, within 2 working days (九.1).
    case quality_minutes
    /// 临时报告: a report the client asked for, within 24 hours (九.2).
    case ad_hoc

    public var name: LocalizedText {
        switch self {
        case .daily_analysis: LocalizedText(zh: "工作日报分析", en: "Daily report analysis")
        case .monthly_report: LocalizedText(zh: "月度运营报告", en: "Monthly operations report")
        case .next_month_roster: LocalizedText(zh: "下月班表及各时段人数", en: "Next month's roster and headcount per slot")
        case .resignation_list: LocalizedText(zh: "辞职人数及名单", en: "Resignations and names")
        case .training_plan: LocalizedText(zh: "下周培训计划", en: "Next week's training plan")
        case .quality_minutes: LocalizedText(zh: "服务质量分析会纪要", en: "Quality analysis meeting minutes")
        case .ad_hoc: LocalizedText(zh: "临时报告", en: "Ad-hoc report")
        }
    }

    /// The scorecard line that prices a day late.
    public var line: String {
        switch self {
        case .daily_analysis: "七.8"
        case .monthly_report: "七.7"
        case .next_month_roster: "七.9"
        case .resignation_list: "七.10"
        case .training_plan: "六.4"
        case .quality_minutes: "九.1"
        case .ad_hoc: "九.2"
        }
    }

    public static func parse(_ text: String) throws(DomainError) -> SubmissionKind {
        guard let kind = SubmissionKind(rawValue: text.trimmingWhitespace()) else {
            let known = allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError.invalidField("kind", zh: "未知的上报类型「\(text)」，可用：\(known)",
                                           en: "no submission kind \"\(text)\"; use one of \(known)")
        }
        return kind
    }

    /// What a submission covers, checked for its kind: a day (`YYYY-MM-DD`) for the daily analysis and the
    /// meeting's minutes, a month (`YYYY-MM`) for the monthly report, the resignations and the roster, the
    /// Monday of the week for the training plan. Ad-hoc reports cover their request.
    public func period(_ text: String) throws(DomainError) -> LocalDate {
        let text = text.trimmingWhitespace()
        switch self {
        case .daily_analysis, .quality_minutes, .ad_hoc:
            return try LocalDate.parse(text, field: "period")
        case .training_plan:
            let day = try LocalDate.parse(text, field: "period")
            guard LocalTime.weekday(days: LocalTime.days(from: day)) == 1 else {
                throw DomainError.invalidField("period", zh: "培训计划按周上报，请填该周的星期一", en: "a training plan covers a week: give its Monday")
            }
            return day
        case .monthly_report, .next_month_roster, .resignation_list:
            guard text.count == 7, let first = LocalDate(text + "-01") else {
                throw DomainError.invalidField("period", zh: "月份格式为 YYYY-MM", en: "a month is YYYY-MM")
            }
            return first
        }
    }

    /// The deadline of the submission covering `period` (ad-hoc: the day and time it was asked for, `requestedAt`).
    /// "By the 3rd" and "on Thursday" end at that day's midnight; "before the 25th" at the 24th's (our readings, RULES F).
    public func due(period: LocalDate, requestedAt: Date? = nil, in zone: TimeZone) -> Date {
        func midnight(_ day: LocalDate) -> Date { LocalTime.instant(day, in: zone) }
        switch self {
        case .daily_analysis: return LocalTime.instant(period.addingDays(1), second: 10 * 3_600, in: zone)
        case .monthly_report, .resignation_list: return midnight(period.firstOfMonth.addingMonths(1).addingDays(3))
        case .next_month_roster: return midnight(period.firstOfMonth.addingMonths(-1).addingDays(24))
        case .training_plan: return midnight(period.addingDays(-3))
        case .quality_minutes: return midnight(SubmissionKind.workingDays(2, after: period).addingDays(1))
        case .ad_hoc: return (requestedAt ?? midnight(period)).addingTimeInterval(86_400)
        }
    }

    /// The `n`th working day (Monday–Friday) after `day`.
    static func workingDays(_ n: Int, after day: LocalDate) -> LocalDate {
        var date = day, left = n
        while left > 0 {
            date = date.addingDays(1)
            if LocalTime.weekday(days: LocalTime.days(from: date)) <= 5 { left -= 1 }
        }
        return date
    }
}
