import Foundation

/// Everything a site's monthly scorecard is computed from; the store gathers it, the core decides.
public struct ScorecardInput: Sendable {
    /// One agent's roster day.
    public struct RosterEntry: Sendable {
        public var agent: UUID, team: UUID?, date: LocalDate, day: RosterDay
        public init(agent: UUID, team: UUID?, date: LocalDate, day: RosterDay) {
            self.agent = agent
            self.team = team
            self.date = date
            self.day = day
        }
    }

    /// One agent-state interval (its end: `asOf` while still open).
    public struct StateSpan: Sendable {
        public var agent: UUID, team: UUID?, state: AgentState, reason: String?, start: Date, end: Date
        public init(agent: UUID, team: UUID?, state: AgentState, reason: String?, start: Date, end: Date) {
            self.agent = agent
            self.team = team
            self.state = state
            self.reason = reason
            self.start = start
            self.end = end
        }
    }

    /// An agent of the site, ever: hired on, left on (the first day no longer employed).
    public struct Staff: Sendable {
        public var agent: UUID, number: String, hiredOn: LocalDate, leftOn: LocalDate?, team: UUID?
        public init(agent: UUID, number: String, hiredOn: LocalDate, leftOn: LocalDate?, team: UUID? = nil) {
            self.agent = agent
            self.number = number
            self.hiredOn = hiredOn
            self.leftOn = leftOn
            self.team = team
        }
    }

    /// A submission owed, with when it arrived (nil: not yet).
    public struct Owed: Sendable {
        public var kind: SubmissionKind, period: String, due: Date, arrivedAt: Date?
        public init(kind: SubmissionKind, period: String, due: Date, arrivedAt: Date?) {
            self.kind = kind
            self.period = period
            self.due = due
            self.arrivedAt = arrivedAt
        }
    }

    /// A finding an inspector booked on a line.
    public struct Finding: Sendable {
        public var id: UUID, line: String, date: LocalDate, quantity: Int, note: String
        public init(id: UUID, line: String, date: LocalDate, quantity: Int, note: String) {
            self.id = id
            self.line = line
            self.date = date
            self.quantity = quantity
            self.note = note
        }
    }

    /// A team meeting held.
    public struct Meeting: Sendable {
        public var team: UUID, teamName: String, kind: MeetingKind, date: LocalDate, leaderLate: Bool
        /// When it started (local), and the announcements it passed on (六.1).
        public var startedAt: ClockTime, briefed: Set<UUID>
        public init(team: UUID, teamName: String, kind: MeetingKind, date: LocalDate, leaderLate: Bool,
                    startedAt: ClockTime = ClockTime(minute: 0)!, briefed: Set<UUID> = []) {
            self.team = team
            self.teamName = teamName
            self.kind = kind
            self.date = date
            self.leaderLate = leaderLate
            self.startedAt = startedAt
            self.briefed = briefed
        }
    }

    /// The first day of the month assessed.
    public var month: LocalDate
    public var zone: TimeZone
    /// The instant the scorecard is computed at: a running month counts up to here.
    public var asOf: Date
    public var roster: [RosterEntry]
    /// The month's intervals (those starting in it).
    public var states: [StateSpan]
    public var staff: [Staff]
    public var owed: [Owed]
    public var findings: [Finding]
    /// The month's team meetings (and those of the weeks before that the training lines look back on), and the day the
    /// site's first meeting was recorded (none: meetings are not tracked).
    public var meetings: [Meeting] = []
    public var meetingsTrackedFrom: LocalDate?
    public var teamNames: [UUID: String] = [:]
    /// The announcements, QA findings and quiz answers of the training lines (一.13, 六.1, 六.2, 六.3).
    public var announcements: [Announcement] = []
    public var qaFindings: [QAFinding] = []
    public var quizAnswers: [QuizAnswer] = []
    /// Seconds after the shift's start a first login still is on time (RULES WF-22: 0 by default).
    public var lateGraceSeconds: Int
    /// The score before deductions (RULES F: 100 by default).
    public var base: Int

    public init(month: LocalDate, zone: TimeZone, asOf: Date, roster: [RosterEntry] = [], states: [StateSpan] = [], staff: [Staff] = [],
                owed: [Owed] = [], findings: [Finding] = [], lateGraceSeconds: Int = 0, base: Int = 100) {
        self.month = month.firstOfMonth
        self.zone = zone
        self.asOf = asOf
        self.roster = roster
        self.states = states
        self.staff = staff
        self.owed = owed
        self.findings = findings
        self.lateGraceSeconds = lateGraceSeconds
        self.base = base
    }

    /// The month's days, up to the one holding `asOf`.
    var days: [LocalDate] {
        let last = min(month.addingMonths(1).addingDays(-1), LocalDate(asOf, in: zone))
        var day = month, days: [LocalDate] = []
        while day <= last {
            days.append(day)
            day = day.addingDays(1)
        }
        return days
    }

    /// The instant the month ends, or `asOf` when that comes first.
    var countedUntil: Date { min(asOf, LocalTime.instant(month.addingMonths(1), in: zone)) }
    var monthStart: Date { LocalTime.instant(month, in: zone) }
}

/// One deduction on the scorecard, with what it is for.
public struct ScorecardDeduction: Sendable, Equatable, Codable {
    public var line: String
    public var date: LocalDate
    public var agent: UUID?
    /// How many the deduction counts (people over the limit, days late, findings …).
    public var occurrences: Int
    /// Hundredths of a point.
    public var points: Int
    public var detail: LocalizedText

    public init(line: String, date: LocalDate, agent: UUID? = nil, occurrences: Int, points: Int, detail: LocalizedText) {
        self.line = line
        self.date = date
        self.agent = agent
        self.occurrences = occurrences
        self.points = points
        self.detail = detail
    }
}
