import Foundation

/// The training lines computed from announcements, meetings, QA findings and quizzes (RULES WF-40 … WF-43):
/// - 一.13 (−0.5 each): an agent who had not marked an announcement read on the desk by the end of the first day they
///   logged in after it was published (our reading of "passed to every agent on time": the desk shows it at login); an
///   announcement is assessed here in the month it was published.
/// - 六.1 (−0.2 each): a team's first pre-shift meeting after an announcement was published that did not pass it on.
/// - 六.2 (−0.1 each): a QA finding not marked trained by the end of the day of the agent's team's first pre-shift
///   meeting after the day it was received (RULES QL-01: the next pre-shift meeting; an agent without a team: the
///   next day).
/// - 六.3 (−0.1 each): a wrong answer in a pre-shift quiz.
/// Each deduction belongs to the day it falls due, and so to that day's month.
enum TrainingLines {
    static func deductions(_ input: ScorecardInput, days logins: [UUID: [LocalDate: AttendanceLines.Day]]) -> [ScorecardDeduction] {
        unread(input, logins: logins) + notBriefed(input) + untrained(input) + quizzes(input)
    }

    static func unread(_ input: ScorecardInput, logins: [UUID: [LocalDate: AttendanceLines.Day]]) -> [ScorecardDeduction] {
        let inMonth = Set(input.days)
        var out: [ScorecardDeduction] = []
        for (agent, days) in logins {
            let firstLogins = days.map { (date: $0.key, at: $0.value.firstLogin) }.sorted { $0.at < $1.at }
            for announcement in input.announcements where announcement.publishedAt >= input.monthStart {
                guard let day = firstLogins.first(where: { $0.at >= announcement.publishedAt }), inMonth.contains(day.date) else { continue }
                let due = LocalTime.instant(day.date.addingDays(1), in: input.zone)
                guard due <= input.asOf, announcement.reads[agent].map({ $0 >= due }) ?? true else { continue }
                out.append(ScorecardDeduction(line: "一.13", date: day.date, agent: agent, occurrences: 1, points: 50,
                                              detail: LocalizedText(zh: "公告「\(announcement.title)」当天未读", en: "announcement \"\(announcement.title)\" not read that day")))
            }
        }
        return out
    }

    static func notBriefed(_ input: ScorecardInput) -> [ScorecardDeduction] {
        let inMonth = Set(input.days)
        let byTeam = Dictionary(grouping: input.meetings.filter { $0.kind == .pre_shift }, by: \.team)
            .mapValues { $0.sorted { ($0.date, $0.startedAt.minute) < ($1.date, $1.startedAt.minute) } }
        var out: [ScorecardDeduction] = []
        for announcement in input.announcements {
            let published = LocalTime(announcement.publishedAt, in: input.zone)
            for (_, meetings) in byTeam {
                guard let next = meetings.first(where: { ($0.date, $0.startedAt.minute) >= (published.date, published.minute) }),
                      inMonth.contains(next.date), !next.briefed.contains(announcement.id) else { continue }
                out.append(ScorecardDeduction(line: "六.1", date: next.date, occurrences: 1, points: 20,
                                              detail: LocalizedText(zh: "\(next.teamName) 班前会未传达公告「\(announcement.title)」",
                                                                    en: "\(next.teamName): the pre-shift meeting did not pass on \"\(announcement.title)\"")))
            }
        }
        return out
    }

    static func untrained(_ input: ScorecardInput) -> [ScorecardDeduction] {
        let inMonth = Set(input.days)
        let teams = Dictionary(input.staff.map { ($0.agent, $0.team) }, uniquingKeysWith: { first, _ in first })
        let meetingDays = Dictionary(grouping: input.meetings.filter { $0.kind == .pre_shift }, by: \.team).mapValues { $0.map(\.date).sorted() }
        var out: [ScorecardDeduction] = []
        for finding in input.qaFindings {
            let dueDay: LocalDate
            if let team = teams[finding.agent] ?? nil {
                guard let meeting = meetingDays[team]?.first(where: { $0 > finding.received }) else { continue }
                dueDay = meeting
            } else {
                dueDay = finding.received.addingDays(1)
            }
            let due = LocalTime.instant(dueDay.addingDays(1), in: input.zone)
            guard inMonth.contains(dueDay), due <= input.asOf, finding.trainedAt.map({ $0 >= due }) ?? true else { continue }
            out.append(ScorecardDeduction(line: "六.2", date: dueDay, agent: finding.agent, occurrences: 1, points: 10,
                                          detail: LocalizedText(zh: "\(finding.received) 收到的质检问题未在班前会培训", en: "QA finding received \(finding.received) not trained at the pre-shift meeting")))
        }
        return out
    }

    static func quizzes(_ input: ScorecardInput) -> [ScorecardDeduction] {
        let inMonth = Set(input.days)
        return input.quizAnswers.filter { !$0.correct && inMonth.contains($0.date) }.map { answer in
            ScorecardDeduction(line: "六.3", date: answer.date, agent: answer.agent, occurrences: 1, points: 10,
                               detail: LocalizedText(zh: "抽查答错：\(answer.question)", en: "wrong answer: \(answer.question)"))
        }
    }
}
