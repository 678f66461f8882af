/// One line of the site assessment scorecard (现场考核, seed 003 第五篇; RULES F). Every line is a
/// deduction; points are kept in hundredths so that sums of 0.1s stay exact.
public struct ScorecardLine: Sendable, Identifiable {
    /// Where a line's occurrences come from.
    public enum Source: Sendable, Equatable {
        /// Computed by Waihu from the roster, the agent states and the staff records.
        case computed
        /// Days late of a submission of this kind.
        case submission(SubmissionKind)
        /// Booked by an inspector as a finding with evidence.
        case finding
    }

    /// `二.3`, `七.2`, … as in RULES F.
    public let id: String
    /// The seed's words.
    public let rule: LocalizedText
    /// Hundredths of a point for the first occurrence in a month …
    public let first: Int
    /// … and for each further one ("每多一宗加扣 b 分", RULES J-05); equal to `first` on a flat line.
    public let further: Int
    public let source: Source

    init(_ id: String, zh: String, en: String, first: Int, further: Int, source: Source) {
        self.id = id
        self.rule = LocalizedText(zh: zh, en: en)
        self.first = first
        self.further = further
        self.source = source
    }

    /// The section: 一 … 九.
    public var section: String { String(id.prefix(while: { $0 != "." })) }

    /// What n occurrences in a month cost: a + b × (n − 1).
    public func points(occurrences n: Int) -> Int { n <= 0 ? 0 : first + further * (n - 1) }

    public static func line(_ id: String) -> ScorecardLine? { all.first { $0.id == id } }

    /// A line an inspector may book a finding on, or why not.
    public static func bookable(_ id: String) throws(DomainError) -> ScorecardLine {
        guard let line = line(id.trimmingWhitespace()) else {
            throw DomainError.invalidField("line", zh: "考核表没有条目「\(id)」（如 一.1、七.1）", en: "the scorecard has no line \"\(id)\" (e.g. 一.1, 七.1)")
        }
        guard line.source == .finding else {
            throw DomainError(.ruleRefused, code: "line_is_computed",
                              zh: "条目 \(line.id) 由系统根据排班、坐席状态、人员、上报、公告、会议、质检或抽查记录计算，不能手工登记",
                              en: "Line \(line.id) is computed by Waihu from the roster, agent states, staff, submissions, announcements, meetings, QA findings or quizzes; it cannot be booked by hand")
        }
        return line
    }
}

/// Hundredths of a point written as points: 250 → "2.5".
public func scorePoints(_ hundredths: Int) -> String {
    let sign = hundredths < 0 ? "-" : ""
    let value = abs(hundredths)
    let whole = value / 100, rest = value % 100
    if rest == 0 { return "\(sign)\(whole)" }
    return rest % 10 == 0 ? "\(sign)\(whole).\(rest / 10)" : "\(sign)\(whole).\(rest < 10 ? "0" : "")\(rest)"
}
