import Foundation
import Testing
@testable import WaihuCore

/// Scorecards add up to 100, marks become scores by their kinds, a failed fatal item makes the total 0 with the
/// item scores kept, and the grade follows the limits (all worked out by hand below).
@Suite struct QualityScoringTests {
    /// Every item of the sales scorecard met: full marks.
    static func allMet(_ card: Scorecard) -> [String: ReviewScore.Mark] {
        Dictionary(uniqueKeysWithValues: card.items.map { item in
            (item.id, item.kind == .pass_fail ? .init(passed: true) : item.kind == .scale ? .init(value: item.points) : .init(occurrences: 0))
        })
    }

    @Test func theShippedScorecardsAddUpAndCarryTheSeedsFatalItems() throws {
        for card in DefaultScorecards.all { _ = try card.validated() }
        let fatal = DefaultScorecards.sales.items.filter(\.fatal).map(\.id)
        #expect(fatal == ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"])
    }

    @Test func marksBecomeScoresAndGrades() throws {
        let card = DefaultScorecards.sales
        #expect(try ReviewScore(card, marks: Self.allMet(card)).total == 100)
        var marks = Self.allMet(card)
        // attitude 6 of 10 (−4), two forbidden phrases (10 − 2 × 5 = 0, −10), no thanks (−5): 100 − 19 = 81, qualified.
        marks["attitude"] = .init(value: 6)
        marks["forbidden_phrase"] = .init(occurrences: 2)
        marks["closing_thanks"] = .init(passed: false)
        var score = try ReviewScore(card, marks: marks)
        #expect(score.total == 81 && score.grade == .qualified && score.items["forbidden_phrase"] == 0)
        // Three occurrences still floor at 0, not below.
        marks["forbidden_phrase"] = .init(occurrences: 3)
        #expect(try ReviewScore(card, marks: marks).items["forbidden_phrase"] == 0)
        // The charges not stated (F2): a fatal item, the total 0, the others kept.
        marks["F2"] = .init(passed: false)
        score = try ReviewScore(card, marks: marks)
        #expect(score.total == 0 && score.fatal == ["F2"] && score.grade == .unqualified && score.unqualifiedTicket)
        #expect(score.items["attitude"] == 6 && score.items["F2"] == 0)
        // Limits of the scorecard: 90 is excellent, 59 unqualified.
        marks = Self.allMet(card)
        marks["attitude"] = .init(value: 0)
        #expect(try ReviewScore(card, marks: marks).grade == .excellent, "90 is excellent")
        marks["opening_company"] = .init(passed: false)
        marks["opening_identity"] = .init(passed: false)
        marks["opening_purpose"] = .init(passed: false)
        marks["voice"] = .init(value: 0)
        marks["courtesy"] = .init(passed: false)
        marks["no_argument"] = .init(passed: false)
        marks["closing_recap"] = .init(passed: false)
        marks["closing_thanks"] = .init(passed: true)
        marks["forbidden_phrase"] = .init(occurrences: 1)
        // 100 − 10 − 15 − 5 − 5 − 5 − 5 − 5 (one phrase) = 50.
        #expect(try ReviewScore(card, marks: marks).total == 50 && (try ReviewScore(card, marks: marks).grade) == .unqualified)
    }

    @Test func badMarksAreRefusedWithTheReason() {
        let card = DefaultScorecards.sales
        var marks = Self.allMet(card)
        marks["nope"] = .init(passed: true)
        #expect { try ReviewScore(card, marks: marks) } throws: { ($0 as? DomainError)?.code == "unknown_item" }
        marks = Self.allMet(card)
        marks["attitude"] = .init(value: 11)
        #expect { try ReviewScore(card, marks: marks) } throws: { error in
            (error as? DomainError)?.code == "mark_out_of_range" && (error as? DomainError)?.message.zh.contains("0–10") == true
        }
        marks = Self.allMet(card)
        marks["F1"] = nil
        #expect { try ReviewScore(card, marks: marks) } throws: { ($0 as? DomainError)?.code == "item_not_scored" }
        var broken = card
        broken.sections[0].items[0].points = 10
        #expect { try broken.validated() } throws: { ($0 as? DomainError)?.message.zh.contains("合计须为 100，现为 105") == true }
    }
}

/// Sampling: the same plan and seed choose the same calls whatever their order; per agent N, or max(floor, share);
/// only connected calls long enough and of the results asked for; flagged first; spread over inspectors evenly.
@Suite struct SamplingTests {
    static func calls(_ agent: String, _ count: Int, talk: Int = 60, disposition: String = "refused") -> [SamplingPlan.Candidate] {
        (0 ..< count).map { _ in SamplingPlan.Candidate(attempt: UUID(), agent: agent, talkSeconds: talk, disposition: disposition) }
    }

    @Test func theSameSeedChoosesTheSameCallsWhateverTheirOrder() throws {
        let candidates = Self.calls("A1", 50) + Self.calls("A2", 30)
        let plan = try SamplingPlan(amount: .perAgent(4), seed: 42)
        let once = plan.choose(candidates).map(\.attempt)
        #expect(once.count == 8)
        #expect(plan.choose(candidates.reversed()).map(\.attempt) == once)
        #expect(plan.choose(candidates.shuffled()).map(\.attempt) == once)
        #expect(try SamplingPlan(amount: .perAgent(4), seed: 43).choose(candidates).map(\.attempt) != once, "another seed, other calls")
    }

    @Test func amountsFiltersAndFlagsFollowThePlan() throws {
        // A1: 700 connected calls → max(5, ⌈1% × 700⌉ = 7) = 7; A2: 120 → max(5, 2) = 5; A3: 3 connected → all 3.
        let candidates = Self.calls("A1", 700) + Self.calls("A2", 120) + Self.calls("A3", 3) + Self.calls("A3", 10, talk: 0)
        let plan = try SamplingPlan(seed: 7)
        let chosen = plan.choose(candidates)
        #expect(Dictionary(grouping: chosen, by: \.agent).mapValues(\.count) == ["A1": 7, "A2": 5, "A3": 3])
        // At least 30 s and only successes: A1 has 2 such calls among 20.
        var mixed = Self.calls("A1", 10, talk: 20, disposition: "success") + Self.calls("A1", 8, talk: 90, disposition: "refused")
        mixed += Self.calls("A1", 2, talk: 45, disposition: "success")
        let filtered = try SamplingPlan(amount: .perAgent(5), minimumTalk: 30, dispositions: ["success"], seed: 1).choose(mixed)
        #expect(filtered.count == 2 && filtered.allSatisfy { $0.talkSeconds == 45 })
        // A flagged call comes first.
        var flagged = Self.calls("A1", 40)
        flagged[33].flagged = true
        #expect(try SamplingPlan(amount: .perAgent(1), seed: 9).choose(flagged).first?.attempt == flagged[33].attempt)
        #expect { try SamplingPlan(amount: .share(0, minimum: 5), seed: 1) } throws: { ($0 as? DomainError)?.code == "invalid_field" }
    }

    @Test func theFewFirstAreTheSortsPrefix() {
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 7, 100, 2_500] {
            // Many repeated values: the order breaks ties by position, as the plan breaks them by the call's id.
            let items = (0 ..< size).map { (value: Int.random(in: 0 ..< 50, using: &generator), position: $0) }
            let less = { (a: (value: Int, position: Int), b: (value: Int, position: Int)) in (a.value, a.position) < (b.value, b.position) }
            for count in [0, 1, 5, 25, size, size + 3] {
                let sorted = items.sorted(by: less).prefix(count).map(\.position)
                #expect(SamplingPlan.smallest(count, of: items, by: less).map(\.position) == sorted, "\(count) of \(size)")
            }
        }
    }

    @Test func tasksAreSpreadEvenlyOverTheInspectors() throws {
        let chosen = try SamplingPlan(amount: .perAgent(7), seed: 3).choose(Self.calls("A1", 20))
        let assigned = SamplingPlan.assign(chosen, to: ["qa1", "qa2", "qa3"])
        #expect(Dictionary(grouping: assigned, by: \.1).mapValues(\.count) == ["qa1": 3, "qa2": 2, "qa3": 2])
    }
}

/// The monthly QA report, worked out by hand: A1 has 3 reviews (95, 70, 0), A2 one (88).
@Suite struct QualityReportTests {
    @Test func aMonthsReviewsAddUpByGroup() {
        let rows = QualityReport.rows([
            .init(group: "A1", score: 95, grade: .excellent, failed: ["voice"], appealed: false, outcome: nil),
            .init(group: "A1", score: 70, grade: .qualified, failed: ["voice", "attitude"], appealed: true, outcome: .upheld),
            .init(group: "A1", score: 0, grade: .unqualified, failed: ["F2", "attitude", "voice", "courtesy"], appealed: true, outcome: .revised),
            .init(group: "A2", score: 88, grade: .qualified, failed: ["courtesy"], appealed: true, outcome: nil),
        ])
        #expect(rows.map(\.group) == ["A1", "A2"])
        // A1: (95 + 70 + 0) ÷ 3 = 55; voice failed 3 times, attitude 2, then courtesy and F2 once each (courtesy first by text).
        #expect(rows[0].reviews == 3 && rows[0].averageScore == 55 && rows[0].excellent == 1 && rows[0].qualified == 1 && rows[0].unqualified == 1)
        #expect(rows[0].mostFailed.map(\.item) == ["voice", "attitude", "F2"] && rows[0].mostFailed.map(\.count) == [3, 2, 1])
        #expect(rows[0].appeals == 2 && rows[0].upheld == 1 && rows[0].revised == 1)
        #expect(rows[1].reviews == 1 && rows[1].averageScore == 88 && rows[1].appeals == 1 && rows[1].upheld == 0)
    }
}
