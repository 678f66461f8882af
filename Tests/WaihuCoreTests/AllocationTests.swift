import Foundation
import Testing
@testable import WaihuCore

@Suite struct AllocationTests {
    @Test func eachCountGivesTheCountInTurnWhileLeadsLast() throws {
        #expect(try AllocationPlan.quotas(available: 250, targets: 3, mode: .eachCount(100)) == [100, 100, 50])
        #expect(try AllocationPlan.quotas(available: 1000, targets: 2, mode: .eachCount(7)) == [7, 7])
        #expect(try AllocationPlan.quotas(available: 0, targets: 2, mode: .eachCount(7)) == [0, 0])
    }

    @Test func evenlySpreadsWithCountsDifferingByAtMostOne() throws {
        // 10 leads over 3 agents: 4, 3, 3.
        #expect(try AllocationPlan.quotas(available: 10, targets: 3, mode: .evenly(limit: nil)) == [4, 3, 3])
        // A limit of 5 over 3 agents: 2, 2, 1.
        #expect(try AllocationPlan.quotas(available: 10, targets: 3, mode: .evenly(limit: 5)) == [2, 2, 1])
        // A limit above what is there takes what is there.
        #expect(try AllocationPlan.quotas(available: 2, targets: 4, mode: .evenly(limit: 50)) == [1, 1, 0, 0])
    }

    @Test func refusesNoTargetsAndNonPositiveCounts() {
        #expect(throws: DomainError.self) { try AllocationPlan.quotas(available: 5, targets: 0, mode: .evenly(limit: nil)) }
        #expect(throws: DomainError.self) { try AllocationPlan.quotas(available: 5, targets: 2, mode: .eachCount(0)) }
        #expect(throws: DomainError.self) { try AllocationPlan.quotas(available: 5, targets: 2, mode: .evenly(limit: -1)) }
        do {
            try AllocationPlan.requireLeads(0)
            Issue.record("an empty source must be refused")
        } catch {
            #expect(error.code == "nothing_to_allocate")
            #expect(error.kind == .ruleRefused)
        }
    }

    @Test func dealsLikeCardsAndSkipsFullHands() {
        // Quotas 1, 3, 2 over leads 1…6: round one 1,2,3; round two (first hand full) 4,5; round three 6.
        let hands = AllocationPlan.deal(Array(1...6), quotas: [1, 3, 2])
        #expect(hands == [[1], [2, 4, 6], [3, 5]])
    }

    @Test func dealingStopsWhenLeadsRunOutAndNeverGivesOneLeadTwice() {
        let hands = AllocationPlan.deal(Array(1...5), quotas: [3, 3, 3])
        #expect(hands == [[1, 4], [2, 5], [3]])
        #expect(Set(hands.flatMap { $0 }).count == 5)
    }

    @Test func zeroQuotasReceiveNothing() {
        #expect(AllocationPlan.deal(Array(1...4), quotas: [0, 2, 0]) == [[], [1, 2], []])
    }
}

@Suite struct RecyclingTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test func cutoffIsTheSameLocalTimeMonthsEarlier() throws {
        let period = try RecyclingPeriod(months: 10)
        // 2026-11-25 10:00 in Shanghai (02:00Z) minus 10 months: 2026-01-25 10:00 Shanghai.
        #expect(period.cutoff(at: date("2026-11-25T02:00:00Z"), timeZone: shanghai) == date("2026-01-25T02:00:00Z"))
    }

    @Test func aThirtyFirstFallsBackToTheMonthsLastDay() throws {
        let period = try RecyclingPeriod(months: 1)
        // 2026-03-31 12:00 Shanghai minus one month: February has 28 days in 2026.
        #expect(period.cutoff(at: date("2026-03-31T04:00:00Z"), timeZone: shanghai) == date("2026-02-28T04:00:00Z"))
    }

    @Test func theDefaultIsTheSeedsTenMonths() {
        #expect(RecyclingPeriod.default.months == 10)
    }

    @Test func periodsOutsideOneToTenMonthsAreRefused() {
        for months in [0, -1, 11, 24] {
            #expect(throws: DomainError.self) { try RecyclingPeriod(months: months) }
        }
    }
}
