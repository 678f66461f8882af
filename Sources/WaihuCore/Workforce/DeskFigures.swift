/// An agent's own figures for today on the desk (个人当日数据): calls ended, connected (answered by a
/// person), talk time, completed questionnaires and successes. Test calls are not counted.
public struct DeskFigures: Sendable, Codable, Equatable {
    public var calls = 0
    public var connected = 0
    public var talk_seconds = 0
    public var completed = 0
    public var successes = 0

    public init() {}

    /// Adds one ended attempt: its category (nil when its disposition is no longer in the set), whether a person answered, its talk.
    public mutating func add(category: DispositionCategory?, answered: Bool, talkSeconds: Int) {
        add(category: category, answered: answered, calls: 1, talkSeconds: max(0, talkSeconds))
    }

    /// Adds `calls` ended attempts alike in category and answer, with `talkSeconds` of talk between them.
    public mutating func add(category: DispositionCategory?, answered: Bool, calls count: Int, talkSeconds: Int) {
        calls += count
        if answered { connected += count }
        talk_seconds += max(0, talkSeconds)
        if category == .completed { completed += count }
        if category == .success { successes += count }
    }
}
