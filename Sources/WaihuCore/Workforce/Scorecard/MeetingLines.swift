import Foundation

/// A team meeting as the scorecard reads it (RULES WF-28, WF-29, 九.1).
public enum MeetingKind: String, Sendable, Codable, CaseIterable {
    /// 班前会: before the shift, led by the team's supervisor.
    case pre_shift
    /// 服务质量分析会: twice a month, team leads and above; its minutes are owed within 2 working days.
    case quality_analysis

    public var name: LocalizedText {
        switch self {
        case .pre_shift: LocalizedText(zh: "班前会", en: "Pre-shift meeting")
        case .quality_analysis: LocalizedText(zh: "服务质量分析会", en: "Quality analysis meeting")
        }
    }

    public static func parse(_ text: String) throws(DomainError) -> MeetingKind {
        guard let kind = MeetingKind(rawValue: text.trimmingWhitespace()) else {
            throw DomainError.invalidField("kind", zh: "会议类型须为 pre_shift（班前会）或 quality_analysis（服务质量分析会）",
                                           en: "the kind is pre_shift or quality_analysis")
        }
        return kind
    }
}

/// The pre-shift meeting lines: 二.1 (the supervisor running it late: 0.5 each) and 二.2 (a team-day with a rostered
/// shift and no pre-shift meeting: 0.5 each). A site's meetings count from the first one it recorded in Waihu (our
/// reading: before that Waihu cannot tell a missing meeting from one not recorded).
enum MeetingLines {
    static func deductions(_ input: ScorecardInput) -> [ScorecardDeduction] {
        let preShift = input.meetings.filter { $0.kind == .pre_shift }
        var out: [ScorecardDeduction] = []
        for meeting in preShift where meeting.leaderLate && meeting.date >= input.month && meeting.date < input.month.addingMonths(1) {
            out.append(ScorecardDeduction(line: "二.1", date: meeting.date, occurrences: 1, points: 50,
                                          detail: LocalizedText(zh: "\(meeting.teamName) 班前会主持人迟到", en: "\(meeting.teamName): the meeting's leader was late")))
        }
        guard let tracked = input.meetingsTrackedFrom else { return out }
        let held = Set(preShift.map { "\($0.team) \($0.date)" })
        let inMonth = Set(input.days)
        var teamDays: [String: (UUID, LocalDate)] = [:]
        for entry in input.roster where inMonth.contains(entry.date) && entry.date >= tracked {
            guard let team = entry.team, let shift = entry.day.shift, shift.interval(on: entry.date, in: input.zone).start <= input.asOf else { continue }
            teamDays["\(team) \(entry.date)"] = (team, entry.date)
        }
        for (key, (team, date)) in teamDays.sorted(by: { $0.key < $1.key }) where !held.contains(key) {
            let name = input.teamNames[team] ?? ""
            out.append(ScorecardDeduction(line: "二.2", date: date, occurrences: 1, points: 50,
                                          detail: LocalizedText(zh: "\(name) 当天有排班，没有班前会记录", en: "\(name): rostered that day, no pre-shift meeting recorded")))
        }
        return out
    }
}
