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
