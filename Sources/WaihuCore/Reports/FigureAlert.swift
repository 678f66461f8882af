import Foundation

/// A figure far from its usual range (METRICS.md alerts): today's connect rate in an hour against the
/// same hour of the trailing 14 days, today's complaint rate against the trailing days, the day's abandon
/// rate near the cap.
public struct FigureAlert: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case connect_rate_low, complaint_rate_high, abandon_rate_near_cap
    }

    public var kind: Kind
    public var project: String
    /// The hour of the day for an hourly figure.
    public var hour: Int?
    public var value: Double
    /// The usual value (the trailing mean) or the cap.
    public var usual: Double
    public var message: LocalizedText

    /// How far below (or above) the usual range a figure must be: mean ∓ `sigmas` standard deviations,
    /// and at least `minimumGap` away in absolute terms so that flat histories do not alert on noise.
    public static let sigmas = 2.0
    public static let minimumGap = 0.05

    static func meanAndDeviation(_ values: [Double]) -> (Double, Double)? {
        guard values.count >= 3 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance.squareRoot())
    }

    /// An alert when today's connect rate in `hour` (on at least `minimumCalls` calls) is below the trailing
    /// days' rates for that hour by more than `sigmas` deviations and `minimumGap`.
    public static func connectRate(project: String, hour: Int, today: (calls: Int, connected: Int), trailing: [Double],
                                   minimumCalls: Int = 30) -> FigureAlert? {
        guard today.calls >= minimumCalls, let (mean, deviation) = meanAndDeviation(trailing) else { return nil }
        let rate = Double(today.connected) / Double(today.calls)
        guard rate < mean - max(sigmas * deviation, minimumGap) else { return nil }
        let h = hour < 10 ? "0\(hour)" : "\(hour)"
        return FigureAlert(kind: .connect_rate_low, project: project, hour: hour, value: rate, usual: mean,
                           message: LocalizedText(zh: "项目 \(project) 今天 \(h) 时接通率 \(percent(rate))，远低于近 14 天同时段的 \(percent(mean))",
                                                  en: "Project \(project): connect rate \(percent(rate)) at \(h):00 today, far below the \(percent(mean)) of the same hour over the last 14 days"))
    }

    /// An alert when today's complaint rate is above the trailing days' by more than `sigmas` deviations
    /// and at least one complaint in a hundred connected calls.
    public static func complaintRate(project: String, today: (complaints: Int, connected: Int), trailing: [Double],
                                     minimumConnected: Int = 30) -> FigureAlert? {
        guard today.connected >= minimumConnected, today.complaints > 0, let (mean, deviation) = meanAndDeviation(trailing) else { return nil }
        let rate = Double(today.complaints) / Double(today.connected)
        guard rate > mean + max(sigmas * deviation, 0.01) else { return nil }
        return FigureAlert(kind: .complaint_rate_high, project: project, hour: nil, value: rate, usual: mean,
                           message: LocalizedText(zh: "项目 \(project) 今天投诉率 \(percent(rate))，远高于近 14 天的 \(percent(mean))",
                                                  en: "Project \(project): complaint rate \(percent(rate)) today, far above the \(percent(mean)) of the last 14 days"))
    }

    /// An alert when the day's abandon rate reaches `share` (80%) of the cap.
    public static func abandonRate(project: String, rate: Double?, cap: Double, share: Double = 0.8) -> FigureAlert? {
        guard let rate, rate >= cap * share else { return nil }
        return FigureAlert(kind: .abandon_rate_near_cap, project: project, hour: nil, value: rate, usual: cap,
                           message: LocalizedText(zh: "项目 \(project) 今天放弃率 \(percent(rate))，已接近上限 \(percent(cap))",
                                                  en: "Project \(project): abandon rate \(percent(rate)) today, near the \(percent(cap)) cap"))
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}
