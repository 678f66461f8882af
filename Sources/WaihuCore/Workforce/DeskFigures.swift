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
        calls += 1
        if answered { connected += 1 }
        talk_seconds += max(0, talkSeconds)
        if category == .completed { completed += 1 }
        if category == .success { successes += 1 }
    }
}
