import Testing
@testable import WaihuCore

/// The pacing rules: progressive, the fall-back of predictive to progressive, predictive's count on
/// a worked example, and the VICIdial baseline's update rule.
@Suite struct PacingTests {
    func floor(now: Double = 100, ready: Int = 0, active: Int = 20, readyOrTalking: Int = 0, talking: [Double] = [],
               wrappingUp: [Double] = [], ringing: [Double] = [], waiting: Int = 0, inProgress: Int = 0,
               today: AbandonTally = AbandonTally(answeredByPerson: 1_000, abandoned: 0)) -> FloorView {
        FloorView(now: now, ready: ready, active: active, readyOrTalking: readyOrTalking, talkingFor: talking,
                  wrappingUpFor: wrappingUp, ringingFor: ringing, waiting: waiting, inProgress: inProgress, today: today)
    }

    /// Statistics where every talk lasts `talk` s, every wrap-up `wrapUp` s, and of every two dials
    /// one is answered by a person after `answer` s and the other fails at 30 s.
    func statistics(talk: Double = 100, wrapUp: Double = 10, answer: Double = 12, count: Int = 100) -> DialerStatistics {
        var stats = DialerStatistics()
        for _ in 0 ..< count {
            stats.recordTalk(seconds: talk)
            stats.recordWrapUp(seconds: wrapUp)
            stats.recordDial(resolvedAfter: answer, person: true)
            stats.recordDial(resolvedAfter: 30, person: false)
        }
        return stats
    }

    @Test func progressivePlacesOneCallPerReadyAgentOrTheRatio() {
        #expect(ProgressivePacing.launch(floor(ready: 5, ringing: [3, 4]), ratio: 1) == 3)
        #expect(ProgressivePacing.launch(floor(ready: 5, ringing: [3, 4], waiting: 1), ratio: 1) == 2)
        #expect(ProgressivePacing.launch(floor(ready: 1, ringing: [3, 4]), ratio: 1) == 0)
        // 1.5 calls per ready agent: ⌈1.5 × 3⌉ = 5, two already ring.
        #expect(ProgressivePacing.launch(floor(ready: 3, ringing: [3, 4]), ratio: 1.5) == 3)
    }

    @Test func predictiveFallsBackToProgressiveWithFewAgentsWhileLearningAndNearTheCap() {
        let settings = PacingSettings()  // 8 agents at least, 30 observations, 95% of 3%
        let learned = statistics()
        #expect(PredictivePacing.fallback(floor(active: 7), statistics: learned, settings: settings) == .few_agents)
        #expect(PredictivePacing.fallback(floor(active: 8), statistics: learned, settings: settings) == nil)
        #expect(PredictivePacing.fallback(floor(), statistics: statistics(count: 29), settings: settings) == .learning)
        // 95% of 3% = 2.85%: 3 abandons of 100 answered (3%) and 2 of 70 (2.86%) are near the cap; 2 of 71 (2.82%),
        // 2 of 100 and none yet are not.
        for (answered, abandoned, near) in [(100, 3, true), (70, 2, true), (71, 2, false), (100, 2, false), (0, 0, false)] {
            let day = floor(today: AbandonTally(answeredByPerson: answered, abandoned: abandoned))
            #expect((PredictivePacing.fallback(day, statistics: learned, settings: settings) == .near_cap) == near, "\(abandoned) of \(answered)")
        }

        // Falling back, it places what progressive places: one call per ready agent not yet covered.
        var pacing = PredictivePacing()
        let decision = pacing.decide(floor(ready: 4, active: 7, ringing: [1]), statistics: learned, settings: settings)
        #expect(decision == PacingDecision(launch: 3, ranAs: .progressive, fallback: .few_agents))
    }

    @Test func thePredictiveModelReadsTheObservedDistributions() {
        let model = PredictiveModel(statistics(), bridgeLimit: 2)
        #expect(model.personRate == 0.5)
        // Every answer comes at 12 s: a call ringing 12 s has even odds, one ringing 13 s none.
        #expect(model.ringing[0] == 0.5)
        #expect(model.ringing[12] == 0.5)
        #expect(model.ringing[13] == 0)
        // Horizon: the answer time (12 s) plus half the bridge limit (1 s) = 13 s.
        #expect(model.horizons == [13, 13, 13, 13, 13])
        // Talk 100 s then wrap-up 10 s: ready within 13 s from 98 s into the talk (2 + 10 ≤ 13), not from 96 s (4 + 10 > 13).
        #expect(model.talking[98] == 1)
        #expect(model.talking[96] == 0)
        #expect(model.wrappingUp[0] == 1)
    }

    @Test func predictivePlacesCallsWhileDemandStaysMarginDeviationsUnderSupply() {
        let model = PredictiveModel(statistics(), bridgeLimit: 2)
        let twoReady = floor(ready: 2)
        // Each new call: 0.5 of a person. With no margin, 4 calls make 2 expected answers for 2 agents.
        #expect(PredictivePacing.callsToPlace(twoReady, model: model, margin: 0, budget: 100, room: 50) == 4)
        // With one standard deviation: n/2 + √(n/4) ≤ 2 holds for n = 2 (1.71), not for n = 3 (2.37).
        #expect(PredictivePacing.callsToPlace(twoReady, model: model, margin: 1, budget: 100, room: 50) == 2)
        // An agent 98 s into a talk (sure to be ready) counts as supply; one at 50 s does not.
        #expect(PredictivePacing.callsToPlace(floor(ready: 2, talking: [98, 50]), model: model, margin: 0, budget: 100, room: 50) == 6)
        // A call ringing 5 s (even odds) takes half an agent.
        #expect(PredictivePacing.callsToPlace(floor(ready: 2, ringing: [5]), model: model, margin: 0, budget: 100, room: 50) == 3)
        // The abandons the day can still afford bound the shortfall two deviations out:
        // n/2 − 2 + 2√(n/4) ≤ 1.5 holds for n = 3 (1.23), not for n = 4 (2).
        #expect(PredictivePacing.callsToPlace(twoReady, model: model, margin: -5, budget: 1.5, room: 50) == 3)
        #expect(PredictivePacing.callsToPlace(twoReady, model: model, margin: 0, budget: 100, room: 1) == 1)
    }

    @Test func vicidialAdaptsItsDialLevelByTheRuleOnWorkedExamples() {
        // 1 × (1 + (2 − 0) ÷ 10) = 1.2
        #expect(VicidialAdaptAverage.adapted(1, averageReady: 2, averageWaiting: 0, averageAgents: 10, dropRate: 0.01, target: 0.03) == 1.2)
        // 2 × (1 + (0 − 5) ÷ 10) = 1
        #expect(VicidialAdaptAverage.adapted(2, averageReady: 0, averageWaiting: 5, averageAgents: 10, dropRate: nil, target: 0.03) == 1)
        // 2.5 × (1 + 10 ÷ 10) = 5, kept at 3; 1.2 × (1 − 0.5) = 0.6, kept at 1.
        #expect(VicidialAdaptAverage.adapted(2.5, averageReady: 10, averageWaiting: 0, averageAgents: 10, dropRate: 0, target: 0.03) == 3)
        #expect(VicidialAdaptAverage.adapted(1.2, averageReady: 0, averageWaiting: 5, averageAgents: 10, dropRate: 0, target: 0.03) == 1)
        // Drops over the target halve the level: 2.4 → 1.2, whatever the agents.
        #expect(VicidialAdaptAverage.adapted(2.4, averageReady: 10, averageWaiting: 0, averageAgents: 10, dropRate: 0.031, target: 0.03) == 1.2)
    }

    @Test func vicidialSamplesEverySecondAdaptsEvery15AndLaunchesEvery2Point5() {
        var pacing = VicidialAdaptAverage()
        var launches: [Double: Int] = [:]
        // 10 agents ready or talking, 4 of them ready, 7 calls in progress, nobody waiting.
        for second in 0 ... 15 {
            let now = Double(second)
            let decision = pacing.decide(floor(now: now, ready: 4, readyOrTalking: 10, inProgress: 7), target: 0.03)
            if decision.launch > 0 { launches[now] = decision.launch }
            if second < 15 { #expect(pacing.dialLevel == 1) }
        }
        // At 15 s: 1 × (1 + (4 − 0) ÷ 10) = 1.4.
        #expect(abs(pacing.dialLevel - 1.4) < 1e-12)
        // round(1 × 10) − 7 = 3 at 0, 3 (2.5), 5, 8 (7.5), 10, 13 (12.5); at 15 round(1.4 × 10) − 7 = 7.
        #expect(launches == [0: 3, 3: 3, 5: 3, 8: 3, 10: 3, 13: 3, 15: 7])
    }
}
