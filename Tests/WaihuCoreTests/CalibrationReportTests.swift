import Foundation
import Testing
@testable import WaihuCore

/// A calibration's report worked out by hand: two calls, three inspectors (one scores only the first call).
@Suite struct CalibrationReportTests {
    @Test func theReportSetsTheScoresSideBySide() throws {
        let first = UUID(), second = UUID()
        let scores: [Calibration.Score] = [
            .init(attempt: first, inspector: "a", items: ["x": 5, "y": 10], total: 15),
            .init(attempt: first, inspector: "b", items: ["x": 5, "y": 5], total: 10),
            .init(attempt: first, inspector: "c", items: ["x": 5, "y": 10], total: 15),
            .init(attempt: second, inspector: "a", items: ["x": 0, "y": 10], total: 10),
            .init(attempt: second, inspector: "b", items: ["x": 0, "y": 10], total: 10),
        ]
        let report = Calibration.report(scores, calls: [first, second], items: ["x", "y"])
        // Call 1: mean (15 + 10 + 15) ÷ 3 = 13⅓, spread 5; x agreed, y spread 10 − 5 = 5.
        let one = try #require(report.calls.first)
        #expect(abs(one.mean - 40.0 / 3) < 1e-9 && one.spread == 5)
        #expect(one.items.map(\.agreed) == [true, false] && one.items[1].spread == 5)
        // Items compared: 2 on each call, 3 of the 4 agreed.
        #expect(report.agreement == 0.75)
        // a: (15 − 13⅓ + 0) ÷ 2 = ⅚; b: (10 − 13⅓ + 0) ÷ 2 = −1⅔; c: 15 − 13⅓ = 1⅔ on one call.
        let by = Dictionary(uniqueKeysWithValues: report.inspectors.map { ($0.inspector, $0) })
        #expect(abs((by["a"]?.deviation ?? 0) - 5.0 / 6) < 1e-9 && by["a"]?.calls == 2)
        #expect(abs((by["b"]?.deviation ?? 0) + 5.0 / 3) < 1e-9 && abs((by["b"]?.absoluteDeviation ?? 0) - 5.0 / 3) < 1e-9)
        #expect(abs((by["c"]?.deviation ?? 0) - 5.0 / 3) < 1e-9 && by["c"]?.calls == 1)
    }

    @Test func aCallScoredOnceComparesNothing() {
        let call = UUID()
        let report = Calibration.report([.init(attempt: call, inspector: "a", items: ["x": 5], total: 5)], calls: [call], items: ["x"])
        #expect(report.agreement == nil && report.inspectors.isEmpty && report.calls.first?.items.first?.agreed == false)
    }

    @Test func theSameSeedPicksTheSameCalls() {
        let calls = (0 ..< 50).map { _ in UUID() }
        let picked = SamplingPlan.pick(calls, count: 5, seed: 9)
        #expect(picked.count == 5 && picked == SamplingPlan.pick(calls.reversed(), count: 5, seed: 9))
        #expect(picked != SamplingPlan.pick(calls, count: 5, seed: 10))
    }
}
