import Foundation

/// The supervisor's wallboard (实时监控): agents by state and time in state, and each project's
/// figures of today. Pure: the store gives the states and the day's tallies.
public enum Wallboard {
    /// One agent now.
    public struct AgentRow: Sendable, Equatable, Codable {
        public var number: String
        public var name: String
        public var team: String?
        public var project: String?
        public var state: String
        public var reason: String?
        public var seconds_in_state: Int
        /// Busy (示忙) longer than the alert limit.
        public var alert: Bool
        /// The agent's phone line on the SIP trunk (nil on the simulated network, which has no phones).
        public var phone: PhoneLine? = nil
    }

    /// A project's calls of today, counted by disposition (nil: still in progress) and by whether
    /// they talked and whether a person answered.
    public struct DayTally: Sendable, Equatable {
        public var calls = 0
        public var connected = 0
        public var answeredByPerson = 0
        public var byDisposition: [String: Int] = [:]

        public init() {}

        public init(calls: Int, connected: Int, answeredByPerson: Int, byDisposition: [String: Int]) {
            self.calls = calls
            self.connected = connected
            self.answeredByPerson = answeredByPerson
            self.byDisposition = byDisposition
        }

        /// The tally of two spans of the day together.
        public func adding(_ other: DayTally) -> DayTally {
            DayTally(calls: calls + other.calls, connected: connected + other.connected,
                     answeredByPerson: answeredByPerson + other.answeredByPerson,
                     byDisposition: byDisposition.merging(other.byDisposition, uniquingKeysWith: +))
        }
    }

    /// A project's figures of today.
    public struct ProjectRow: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        public var dial_mode: String
        /// 电话外拨次数 — attempts.
        public var calls: Int
        /// 人工呼出通话量 — attempts with talk time.
        public var connected: Int
        /// 接通率 — connected ÷ calls; null without calls.
        public var connect_rate: Double?
        /// Attempts ended as completed or success (a completed lead is finished, so one per lead).
        public var completed: Int
        /// Attempts ended as success (在线成功).
        public var successes: Int
        public var answered_by_person: Int
        public var abandoned: Int
        /// 放弃率 — abandoned ÷ answered by a person; null when nobody answered.
        public var abandon_rate: Double?
    }

    /// Busy for longer than this raises an alert, 15 minutes unless set.
    public static let defaultBusyAlert: TimeInterval = 15 * 60

    /// `wrapUpLimit`: the project's after-call work limit; wrapping up longer than it raises an alert too.
    public static func agent(number: String, name: String, team: String?, project: String?, state: AgentState, reason: String?,
                             since: Date, now: Date, busyAlert: TimeInterval = defaultBusyAlert,
                             wrapUpLimit: TimeInterval? = nil) -> AgentRow {
        let seconds = max(0, Int(now.timeIntervalSince(since)))
        let longBusy = state == .busy && Double(seconds) > busyAlert
        let longWrapUp = state == .acw && wrapUpLimit.map { Double(seconds) > $0 } == true
        return AgentRow(number: number, name: name, team: team, project: project, state: state.rawValue, reason: reason,
                        seconds_in_state: seconds, alert: longBusy || longWrapUp)
    }

    /// Today's figures from the tally, the project's dispositions telling each code's category.
    public static func project(code: String, name: String, dialMode: String, tally: DayTally, dispositions: DispositionSet) -> ProjectRow {
        func count(_ categories: Set<DispositionCategory>) -> Int {
            tally.byDisposition.reduce(0) { sum, entry in
                dispositions.rule(entry.key).map { categories.contains($0.category) } == true ? sum + entry.value : sum
            }
        }
        let abandoned = tally.byDisposition["abandoned"] ?? 0
        return ProjectRow(code: code, name: name, dial_mode: dialMode, calls: tally.calls, connected: tally.connected,
                          connect_rate: tally.calls == 0 ? nil : Double(tally.connected) / Double(tally.calls),
                          completed: count([.completed, .success]), successes: count([.success]),
                          answered_by_person: tally.answeredByPerson, abandoned: abandoned,
                          abandon_rate: AbandonTally(answeredByPerson: tally.answeredByPerson, abandoned: abandoned).rate)
    }
}
