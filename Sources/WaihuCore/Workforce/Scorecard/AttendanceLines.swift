import Foundation

/// The attendance lines computed from the roster and the agent states: 一.12, 一.15, 二.3, 二.4.
enum AttendanceLines {
    /// An agent's logins on one local day.
    struct Day {
        var firstLogin: Date
        /// Instants the agent went busy on a break or a meal, or logged out.
        var leavings: [(at: Date, what: Leaving)] = []
    }

    enum Leaving {
        case breakTime, meal, logout

        var name: LocalizedText {
            switch self {
            case .breakTime: LocalizedText(zh: "示忙（小休）", en: "busy (break)")
            case .meal: LocalizedText(zh: "示忙（用餐）", en: "busy (meal)")
            case .logout: LocalizedText(zh: "签出", en: "logged out")
            }
        }
    }

    /// Each agent's days, keyed by agent and local date of the first login.
    static func days(_ input: ScorecardInput) -> [UUID: [LocalDate: Day]] {
        var byAgent: [UUID: [ScorecardInput.StateSpan]] = [:]
        for span in input.states where span.state.isLoggedIn { byAgent[span.agent, default: []].append(span) }
        var result: [UUID: [LocalDate: Day]] = [:]
        for (agent, spans) in byAgent {
            let sorted = spans.sorted { $0.start < $1.start }
            let starts = Set(sorted.map { Int($0.start.timeIntervalSince1970.rounded()) })
            var days: [LocalDate: Day] = [:]
            for span in sorted {
                let date = LocalTime(span.start, in: input.zone).date
                if days[date] == nil { days[date] = Day(firstLogin: span.start) }
                if span.state == .busy, span.reason == "break" || span.reason == "meal" {
                    days[date]?.leavings.append((span.start, span.reason == "meal" ? .meal : .breakTime))
                }
                let end = Int(span.end.timeIntervalSince1970.rounded())
                if span.end < input.asOf, !starts.contains(end), !starts.contains(end - 1), !starts.contains(end + 1) {
                    let day = LocalTime(span.end, in: input.zone).date
                    if day == date { days[date]?.leavings.append((span.end, .logout)) }
                }
            }
            result[agent] = days
        }
        return result
    }

    static func deductions(_ input: ScorecardInput, days logins: [UUID: [LocalDate: Day]]) -> [ScorecardDeduction] {
        var out: [ScorecardDeduction] = []
        let inMonth = Set(input.days)
        var late: [LocalDate: [UUID]] = [:], onLeave: [LocalDate: Int] = [:]
        for entry in input.roster where inMonth.contains(entry.date) {
            switch entry.day {
            case .shift(let shift):
                let (start, _) = shift.interval(on: entry.date, in: input.zone)
                guard start <= input.asOf else { continue }
                if let day = logins[entry.agent]?[entry.date] {
                    if day.firstLogin.timeIntervalSince(start) > Double(input.lateGraceSeconds) { late[entry.date, default: []].append(entry.agent) }
                } else {
                    out.append(ScorecardDeduction(line: "一.12", date: entry.date, agent: entry.agent, occurrences: 1, points: 50,
                                                  detail: LocalizedText(zh: "排班 \(shift.start)–\(shift.end)，当天未登录", en: "scheduled \(shift.start)–\(shift.end), no login that day")))
                }
            case .leave: onLeave[entry.date, default: 0] += 1
            case .rest: break
            }
        }
        for (date, agents) in late where agents.count > 2 {
            out.append(ScorecardDeduction(line: "二.3", date: date, occurrences: agents.count - 2, points: 10 * (agents.count - 2),
                                          detail: LocalizedText(zh: "迟到 \(agents.count) 人（限 2 人）", en: "\(agents.count) late (limit 2)")))
        }
        for (date, count) in onLeave where count > 3 {
            out.append(ScorecardDeduction(line: "二.4", date: date, occurrences: count - 3, points: 10 * (count - 3),
                                          detail: LocalizedText(zh: "补休、请假 \(count) 人（限 3 人）", en: "\(count) on leave or compensatory rest (limit 3)")))
        }
        for (agent, days) in logins {
            for (date, day) in days where inMonth.contains(date) {
                for leaving in day.leavings.sorted(by: { $0.at < $1.at }) where leaving.at.timeIntervalSince(day.firstLogin) < 1_800 {
                    let minutes = Int(leaving.at.timeIntervalSince(day.firstLogin) / 60)
                    out.append(ScorecardDeduction(line: "一.15", date: date, agent: agent, occurrences: 1, points: 50,
                                                  detail: LocalizedText(zh: "首次登录后 \(minutes) 分钟\(leaving.what.name.zh)", en: "\(leaving.what.name.en) \(minutes) min after the first login")))
                }
            }
        }
        return out
    }
}
