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

    /// The state as the desk and the wallboard name it.
    public var name: LocalizedText {
        switch self {
        case .ready: LocalizedText(zh: "就绪", en: "Ready")
        case .dialing: LocalizedText(zh: "拨号中", en: "Dialling")
        case .talking: LocalizedText(zh: "通话中", en: "Talking")
        case .acw: LocalizedText(zh: "后处理", en: "After-call work")
        case .prep: LocalizedText(zh: "前处理", en: "Preparing")
        case .busy: LocalizedText(zh: "示忙", en: "Busy")
        case .internal_call: LocalizedText(zh: "内部呼叫", en: "Internal call")
        case .playback: LocalizedText(zh: "放音", en: "Playback")
        case .help: LocalizedText(zh: "内部求助", en: "Help request")
        case .logged_out: LocalizedText(zh: "已签出", en: "Logged out")
        }
    }

    /// Logged-in time is the total of all states but `logged_out`.
    public var isLoggedIn: Bool { self != .logged_out }
}
