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

    /// A mode a project may dial in: VICIdial's pacing is for comparison in simulations only.
    public static func forProject(_ text: String) throws(DomainError) -> DialMode {
        let mode = try parse(text)
        guard mode != .vicidial else {
            throw .invalidField("mode", zh: "VICIdial 节奏仅用于模拟对比，项目可选 preview、progressive、predictive",
                                en: "VICIdial pacing is for comparison in simulations: a project uses preview, progressive or predictive")
        }
        return mode
    }
}
