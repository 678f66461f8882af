/// An agent's state (坐席状态, METRICS.md §1.4). Every change is an event with a timestamp;
/// the agent time metrics come from the intervals between them.
public enum AgentState: String, Sendable, Codable, CaseIterable {
    /// 空闲/等待 — logged in and waiting for a call.
    case ready
    /// A call is being dialled for this agent (preview, or a call placed on the agent's behalf).
    case dialing
    /// 通话 — bridged to a customer.
    case talking
    /// 后处理 — after-call work.
    case acw
    /// 前处理 — preparing the next call (reading the lead in preview mode).
    case prep
    /// 示忙 — busy / aux, with a reason.
    case busy
    /// 内部呼叫.
    case internal_call
    /// 放音.
    case playback
    /// 内部求助.
    case help
    /// 签出.
    case logged_out

    /// Logged-in time is the total of all states but `logged_out`.
    public var isLoggedIn: Bool { self != .logged_out }
}
