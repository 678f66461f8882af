/// Why an agent is busy (示忙原因).
public enum BusyReason: String, Sendable, Codable, CaseIterable {
    case `break`
    case meal
    case training
    case meeting
    case paperwork
    case other
    /// 离开工作台 — the desk stopped answering while ready (`DeskPresence`); also chosen by hand.
    case away

    public var name: LocalizedText {
        switch self {
        case .break: LocalizedText(zh: "小休", en: "break")
        case .meal: LocalizedText(zh: "用餐", en: "meal")
        case .training: LocalizedText(zh: "培训", en: "training")
        case .meeting: LocalizedText(zh: "会议", en: "meeting")
        case .paperwork: LocalizedText(zh: "文书工作", en: "paperwork")
        case .other: LocalizedText(zh: "其他", en: "other")
        case .away: LocalizedText(zh: "离开工作台", en: "away from the desk")
        }
    }
}

/// Which state changes are allowed (METRICS.md §1.4). An agent chooses ready, busy (with a
/// reason) and logging out, but not while a call is being dialled or talked; the dialer moves
/// agents into dialing, talking and after-call work as calls come and go.
public enum AgentStateMachine {
    /// States an agent may leave at will: no call is being dialled or talked.
    public static func isFree(_ state: AgentState) -> Bool {
        [.ready, .acw, .busy, .prep, .logged_out].contains(state)
    }

    /// Checks a change the agent asks for; returns the busy reason to record (nil for other states).
    public static func agentMay(from current: AgentState, to next: AgentState, reason: String?) throws(DomainError) -> BusyReason? {
        guard [.ready, .busy, .logged_out].contains(next) else {
            throw DomainError(.badInput, code: "state_not_chosen",
                              zh: "坐席只能选择“空闲”“示忙”或“签出”，其余状态由系统在来电和挂机时切换",
                              en: "An agent chooses ready, busy or logged out; the other states follow the calls")
        }
        guard isFree(current) else {
            throw DomainError(.conflict, code: "state_on_call",
                              zh: "\(current.name.zh)时不能切换状态，请先结束通话",
                              en: "You are \(current.name.en.lowercased()): end the call before changing state")
        }
        guard next == .busy else { return nil }
        guard let reason, let busy = BusyReason(rawValue: reason) else {
            throw DomainError.invalidField("reason", zh: "示忙须选择原因：" + BusyReason.allCases.map(\.name.zh).joined(separator: "、"),
                                           en: "busy needs a reason: " + BusyReason.allCases.map(\.name.en).joined(separator: ", "))
        }
        return busy
    }
}
