/// How many calls to place now, and how the decision was made.
public struct PacingDecision: Sendable, Equatable {
    public var launch: Int
    /// The mode the decision was made in: predictive answers `progressive` when it falls back.
    public var ranAs: DialMode
    public var fallback: PacingFallback?

    public init(launch: Int, ranAs: DialMode, fallback: PacingFallback? = nil) {
        self.launch = launch
        self.ranAs = ranAs
        self.fallback = fallback
    }
}

/// Why predictive pacing placed calls as progressive pacing would.
public enum PacingFallback: String, Sendable, Codable, CaseIterable {
    /// Too few active agents to dial ahead of them safely.
    case few_agents
    /// Not enough talks and answers seen yet to predict from.
    case learning
    /// One more abandoned call would bring the day's abandon rate near the cap.
    case near_cap
}

/// Progressive pacing (渐进式): calls in flight follow the free agents — one call per ready agent,
/// or `ratio` calls per ready agent — so an answered call nearly always finds an agent.
public enum ProgressivePacing {
    public static func launch(_ floor: FloorView, ratio: Double) -> Int {
        let wanted = Int((ratio * Double(floor.ready)).rounded(.up))
        return max(0, wanted - floor.ringingFor.count - floor.waiting)
    }
}
