import Foundation

/// The staff lines 七.2 (cumulative attrition in the year) and 七.3 (leavers not replaced within 7 days).
enum AttritionLines {
    /// Employed on `day`: hired on or before it and not yet left (`left_on` is the first day no longer employed).
    static func headcount(_ staff: [ScorecardInput.Staff], on day: LocalDate) -> Int {
        staff.filter { $0.hiredOn <= day && ($0.leftOn.map { $0 > day } ?? true) }.count
    }

    /// The last day counted: the month's last, or today in a running month.
    static func lastDay(_ input: ScorecardInput) -> LocalDate {
        min(input.month.addingMonths(1).addingDays(-1), LocalDate(input.asOf, in: input.zone))
    }

    /// Leavers since 1 January and the headcounts on 1 January and at the period's end.
    static func cumulative(_ input: ScorecardInput) -> (leavers: Int, start: Int, end: Int) {
        let january = LocalDate(year: input.month.year, month: 1, day: 1)!, last = lastDay(input)
        let leavers = input.staff.filter { $0.leftOn.map { $0 >= january && $0 <= last } ?? false }.count
        return (leavers, headcount(input.staff, on: january), headcount(input.staff, on: last))
    }

    /// 七.2: with A = leavers ÷ mean headcount ≥ 15 %, 1 point and 1 more per whole point above 15
    /// (integer arithmetic: A ≥ 15 % ⇔ 200·L ≥ 15·(h₀ + h₁)).
    static func attrition(_ input: ScorecardInput) -> [ScorecardDeduction] {
        let (leavers, start, end) = cumulative(input)
        let heads = start + end
        guard heads > 0, 200 * leavers >= 15 * heads else { return [] }
        let points = 1 + (200 * leavers - 15 * heads) / heads
        let percent = String(format: "%.1f", 200 * Double(leavers) / Double(heads))
        return [ScorecardDeduction(line: "七.2", date: lastDay(input), occurrences: points, points: 100 * points,
                                   detail: LocalizedText(zh: "年内累计流失率 \(percent)%（离职 \(leavers) 人，1 月 1 日 \(start) 人，期末 \(end) 人）",
                                                         en: "cumulative attrition \(percent)% this year (\(leavers) leavers, \(start) on 1 January, \(end) at the end)"))]
    }

    /// Each leaver's replacement: the first agent hired on or after the leaver's `left_on` not matched to an
    /// earlier leaver (first come, first matched).
    static func replacements(_ staff: [ScorecardInput.Staff]) -> [(leaver: ScorecardInput.Staff, replacement: ScorecardInput.Staff?)] {
        let leavers = staff.filter { $0.leftOn != nil }.sorted { ($0.leftOn!, $0.number) < ($1.leftOn!, $1.number) }
        var hires = staff.sorted { ($0.hiredOn, $0.number) < ($1.hiredOn, $1.number) }
        return leavers.map { leaver in
            guard let index = hires.firstIndex(where: { $0.hiredOn >= leaver.leftOn! && $0.agent != leaver.agent }) else { return (leaver, nil) }
            return (leaver, hires.remove(at: index))
        }
    }

    /// 七.3: a point for each day from `left_on` + 8 up to and including the replacement's hiring (or the
    /// last day counted), each day in its own month.
    static func replacement(_ input: ScorecardInput) -> [ScorecardDeduction] {
        let last = lastDay(input)
        return replacements(input.staff).compactMap { leaver, replacement in
            let from = max(leaver.leftOn!.addingDays(8), input.month)
            let to = min(replacement?.hiredOn ?? last, last)
            guard from <= to else { return nil }
            let days = LocalTime.days(from: to) - LocalTime.days(from: from) + 1
            let detail = replacement.map { LocalizedText(zh: "\(leaver.number) 于 \(leaver.leftOn!) 离职，\($0.number) 于 \($0.hiredOn) 补充",
                                                         en: "\(leaver.number) left on \(leaver.leftOn!); \($0.number) hired on \($0.hiredOn)") }
                ?? LocalizedText(zh: "\(leaver.number) 于 \(leaver.leftOn!) 离职，尚未补充", en: "\(leaver.number) left on \(leaver.leftOn!); not yet replaced")
            return ScorecardDeduction(line: "七.3", date: to, agent: leaver.agent, occurrences: days, points: 100 * days, detail: detail)
        }
    }
}
