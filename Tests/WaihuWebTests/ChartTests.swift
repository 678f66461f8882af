import Foundation
import Testing
@testable import WaihuWeb

/// The dashboard's charts say what they show: an outlier does not squash the others, today's partial day
/// is drawn as running, and the heat map's colour follows the rate between the lowest and the highest.
@Suite struct ChartTests {
    @Test func theAxesRunOverTheUsualRange() {
        // Quartiles 2 and 4 (interquartile range 2): the usual range is [2 − 3, 4 + 3] within [1, 100] → [1, 7].
        #expect(SVGChart.usualRange([1, 2, 3, 4, 100]) == (1, 7))
        #expect(SVGChart.usualRange([5, 5, 5]) == (4, 6), "a flat set still has a range")
        let svg = SVGChart.quadrant([("A1", 100, 11), ("A2", 110, 11), ("A3", 120, 12), ("A4", 130, 13), ("A9", 2000, 12)],
                                    xMedian: 120, yMedian: 12, xLabel: "talk", yLabel: "pace")
        #expect(svg.contains("A9 (2000, 12.0)"), "the outlier is named with its values")
        #expect(svg.components(separatedBy: "fill=\"#fff\"").count == 2, "only the outlier is hollow")
        #expect(svg.contains(">120</text>"), "the median written on its axis")
    }

    @Test func todayIsDrawnAsRunning() {
        let svg = SVGChart.line([("11-23", 100), ("11-24", 120), ("11-25", 5)], format: { String(format: "%.0f", $0) },
                                partialLast: true, partialLabel: "（今天，进行中）")
        #expect(svg.contains("stroke-dasharray=\"4 3\""))
        #expect(svg.contains("11-25 （今天，进行中）"))
        let plain = SVGChart.line([("11-23", 100), ("11-24", 120)], format: { String(format: "%.0f", $0) })
        #expect(!plain.contains("stroke-dasharray"))
    }

    @Test func theHeatColourFollowsTheRate() {
        let scale = DashboardPages.HeatScale(low: 0.25, high: 0.35)
        #expect(scale.style(0.25) == "background: hsl(210, 70%, 94%)")
        #expect(scale.style(0.35) == "background: hsl(210, 70%, 38%); color: #fff")
        #expect(scale.style(0.30) == "background: hsl(210, 70%, 66%)", "half way: 94 − 28")
    }
}
