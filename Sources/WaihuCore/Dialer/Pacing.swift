/// The pacing of one dial mode, with whatever state it keeps between decisions.
public enum Pacing: Sendable {
    /// Agents dial themselves; the dialer places nothing on its own.
    case preview
    case progressive(ratio: Double)
    case predictive(PredictivePacing)
    case vicidial(VicidialAdaptAverage)

    public init(_ mode: DialMode, settings: PacingSettings) {
        switch mode {
        case .preview: self = .preview
        case .progressive: self = .progressive(ratio: settings.progressiveRatio)
        case .predictive: self = .predictive(PredictivePacing())
        case .vicidial: self = .vicidial(VicidialAdaptAverage())
        }
    }

    public mutating func decide(_ floor: FloorView, statistics: DialerStatistics, settings: PacingSettings) -> PacingDecision {
        switch self {
        case .preview:
            return PacingDecision(launch: 0, ranAs: .preview)
        case .progressive(let ratio):
            return PacingDecision(launch: ProgressivePacing.launch(floor, ratio: ratio), ranAs: .progressive)
        case .predictive(var pacing):
            let decision = pacing.decide(floor, statistics: statistics, settings: settings)
            self = .predictive(pacing)
            return decision
        case .vicidial(var pacing):
            let decision = pacing.decide(floor, target: settings.abandonTarget)
            self = .vicidial(pacing)
            return decision
        }
    }
}

/// A first-in first-out queue that forgets what it has handed out.
struct FIFO<Element: Sendable>: Sendable {
    private var items: [Element] = []
    private var head = 0

    var first: Element? { head < items.count ? items[head] : nil }
    /// What is still queued, first first.
    var elements: ArraySlice<Element> { items[head...] }
    var isEmpty: Bool { head >= items.count }

    mutating func append(_ item: Element) { items.append(item) }

    @discardableResult
    mutating func removeFirst() -> Element {
        let item = items[head]
        head += 1
        if head > 1024, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }
}
