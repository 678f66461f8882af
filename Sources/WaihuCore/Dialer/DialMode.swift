/// How calls are placed for a project (SPEC.md §4).
public enum DialMode: String, Sendable, Codable, CaseIterable {
    /// The agent sees the lead, then presses Dial.
    case preview
    /// The system dials when an agent is free: one call per free agent, or a fixed ratio.
    case progressive
    /// The system dials ahead of free agents and keeps the abandon rate under the target.
    case predictive
    /// VICIdial's ADAPT_AVERAGE pacing, re-implemented for comparison only (no project runs it).
    case vicidial

    public static func parse(_ text: String) throws(DomainError) -> DialMode {
        guard let mode = DialMode(rawValue: text.trimmingWhitespace().lowercased()) else {
            throw .invalidField("mode", zh: "未知外拨模式“\(text)”，可选 preview、progressive、predictive、vicidial",
                                en: "unknown dial mode '\(text)': use preview, progressive, predictive or vicidial")
        }
        return mode
    }
}
