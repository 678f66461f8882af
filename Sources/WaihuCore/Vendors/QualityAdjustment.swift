import Foundation

/// The contract's table turning a month's service-quality score into an adjustment of the commission (RULES E-03:
/// "the result adds to or subtracts from the commission"; the seed gives no mapping, so each contract carries its own
/// bands — none by default, and then no adjustment). A band applies from its lowest score up to the next band's.
public struct QualityBand: Sendable, Codable, Equatable {
    /// The lowest score (0–100) of the band.
    public var minimumScore: Int
    /// The adjustment in basis points of the success commission: positive adds, negative subtracts.
    public var basisPoints: Int

    public init(minimumScore: Int, basisPoints: Int) {
        self.minimumScore = minimumScore
        self.basisPoints = basisPoints
    }

    /// The band as pages show it: `≥ 90: +5.00%`.
    public var label: String { "≥ \(minimumScore): \(basisPoints > 0 ? "+" : "")\(Fen.yuan(basisPoints))%" }

    /// Bands written one a line as `score: percent`, e.g. `95: +3`, `60: 0`, `0: -5` (a percent with up to two
    /// decimals); an empty text is no table.
    public static func parse(_ text: String) throws(DomainError) -> [QualityBand] {
        var bands: [QualityBand] = []
        for (index, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingWhitespace().replacingOccurrences(of: "：", with: ":").replacingOccurrences(of: "%", with: "")
            guard !line.isEmpty else { continue }
            let parts = line.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
            let percent = parts.count == 2 ? parts[1].hasPrefix("+") ? String(parts[1].dropFirst()) : parts[1] : ""
            guard parts.count == 2, let score = Int(parts[0]), (0 ... 100).contains(score),
                  let points = try? Fen.parse(percent, field: "quality_bands", signed: true), (-10_000 ... 10_000).contains(points) else {
                throw DomainError.invalidField("quality_bands", zh: "质量调整表第 \(index + 1) 行应为“分数下限: 比例%”，分数 0–100，比例 −100 到 100，如 95: +3",
                                               en: "Line \(index + 1) of the quality table is “lowest score: percent”, a score of 0–100 and a percent of −100 to 100, like 95: +3")
            }
            guard !bands.contains(where: { $0.minimumScore == score }) else {
                throw DomainError.invalidField("quality_bands", zh: "质量调整表中分数 \(score) 出现了两次", en: "The score \(score) appears twice in the quality table")
            }
            bands.append(QualityBand(minimumScore: score, basisPoints: points))
        }
        return bands.sorted { $0.minimumScore > $1.minimumScore }
    }

    /// The band a mean score falls in: the highest lowest-score not above it (scores summed over `reviews`, so that no
    /// fraction is rounded); nil when no band reaches down to it or nothing was reviewed.
    public static func band(_ bands: [QualityBand], scoreSum: Int, reviews: Int) -> QualityBand? {
        guard reviews > 0 else { return nil }
        return bands.filter { $0.minimumScore * reviews <= scoreSum }.max { $0.minimumScore < $1.minimumScore }
    }
}
