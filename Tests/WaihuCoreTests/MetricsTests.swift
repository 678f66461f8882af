import Foundation
import Testing
@testable import WaihuCore

/// Expects `value` to be `expected` within rounding; nil must be nil.
func expectValue(_ row: MetricRow?, _ id: MetricID, _ expected: Double?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let row else {
        Issue.record("no such row", sourceLocation: sourceLocation)
        return
    }
    let value = row.value(id)
    switch (value, expected) {
    case (nil, nil): break
    case let (v?, e?): #expect(abs(v - e) < 1e-9, "\(id): \(v) ≠ \(e)", sourceLocation: sourceLocation)
    default: Issue.record("\(id): \(String(describing: value)) ≠ \(String(describing: expected))", sourceLocation: sourceLocation)
    }
}

/// The project figures of METRICS.md §2–§4, §6, §7 on `MetricsFixture`, worked out by hand.
@Suite struct MetricsTests {
    @Test func theWholeDataSetCountsEveryLeadIncludingRejectedOnesAndLeavesTestCallsOut() throws {
        let row = try MetricsFixture.rows().first
        // Leads: L1 success (a1 no answer, a2 success), L2 completed (a3 refused, a6 completed), L3 invalid
        // (a4 vacant, a5 abandoned), L4 only a test call → not called, L5 rejected at import → invalid, M1 refused.
        expectValue(row, .account_size, 6)
        expectValue(row, .useless_data, 2)
        expectValue(row, .corruption_rate, 2.0 / 6)
        expectValue(row, .valid_data, 4)
        expectValue(row, .dialable_numbers, 5)
        expectValue(row, .dialable_rate, 5.0 / 6)
        expectValue(row, .accounts_called, 4)
        expectValue(row, .calls_made, 7)
        // Only L3 is called and neither refused, completed nor success: its 2 attempts over 1 lead.
        expectValue(row, .average_calling_attempt, 2)
        // P2 has no target, so all projects together have none.
        expectValue(row, .target_progress, nil)
        expectValue(row, .reachable_accounts, 3)
        expectValue(row, .unreachable_accounts, 0)
        expectValue(row, .reachable_rate, 3.0 / 4)
        expectValue(row, .completed_accounts, 2)
        expectValue(row, .completed_rate, 2.0 / 3)
        expectValue(row, .successful_accounts, 1)
        expectValue(row, .hit_rate, 1.0 / 2)
        // Talk > 0: a2 200, a3 40, a6 190, a8 25 (a7 is a test call).
        expectValue(row, .connected_calls, 4)
        expectValue(row, .connect_rate, 4.0 / 7)
        expectValue(row, .contact_rate, 4.0 / 4)
        expectValue(row, .online_success_rate, 1.0 / 4)
        expectValue(row, .conversations, 3)
        expectValue(row, .effective_conversations, 2)
        expectValue(row, .effective_conversation_rate, 2.0 / 4)
        expectValue(row, .close_rate, 1.0 / 2)
        expectValue(row, .avg_talk_seconds, (200.0 + 40 + 190 + 25) / 4)
        expectValue(row, .connected_per_agent, 4.0 / 3)
        expectValue(row, .success_value, 1 * (1.0 / 4))
        // Handled: a1 15, a2 250, a3 50, a4 0, a6 210, a8 35 over the 6 attempts with an agent (a5 has none).
        expectValue(row, .aht_seconds, 560.0 / 6)
    }

    @Test func ordersReviewsComplaintsAndRepliesFollowTheirAttempt() throws {
        let row = try MetricsFixture.rows().first
        // a7's order is on a test call: out. Signed 199.00, rejected 50.50, pending 100.00.
        expectValue(row, .orders, 3)
        expectValue(row, .sales_amount, 299)
        expectValue(row, .average_order_value, 299.0 / 2)
        expectValue(row, .order_approval_rate, 1.0 / 2)
        expectValue(row, .order_sign_rate, 1)
        expectValue(row, .qa_reviews, 2)
        expectValue(row, .qa_excellent_rate, 1.0 / 2)
        expectValue(row, .unqualified_tickets, 1)
        expectValue(row, .complaints, 1)
        expectValue(row, .complaint_rate, 1.0 / 4)
        expectValue(row, .sms_satisfaction_rate, 1.0 / 2)
        // On 3 November only a6's pending order, no review, and a6's unsatisfied reply.
        let third = try MetricsFixture.rows(from: 3, to: 3).first
        expectValue(third, .orders, 1)
        expectValue(third, .order_approval_rate, nil)
        expectValue(third, .order_sign_rate, nil)
        expectValue(third, .qa_excellent_rate, nil)
        expectValue(third, .sms_satisfaction_rate, 0)
    }

    @Test func aProjectsTargetProgressIsItsCompletedAccountsOverItsTarget() throws {
        let rows = try MetricsFixture.rows(by: [.project])
        expectValue(MetricsFixture.row(rows, [.project: "P1"]), .target_progress, 2.0 / 4)
        expectValue(MetricsFixture.row(rows, [.project: "P2"]), .target_progress, nil)
        // P1 alone has 5 leads, L5 rejected among them.
        expectValue(MetricsFixture.row(rows, [.project: "P1"]), .account_size, 5)
        expectValue(MetricsFixture.row(rows, [.project: "P1"]), .dialable_numbers, 4)
        expectValue(MetricsFixture.row(rows, [.project: "P2"]), .account_size, 1)
    }

    @Test func aSliceInTimeCountsOnlyTheLeadsCalledInItWithTheirOutcomeInIt() throws {
        let rows = try MetricsFixture.rows(by: [.day])
        #expect(rows.map { $0.labels[0].1 } == ["2026-11-02", "2026-11-03"])
        // 2 Nov: L1 (a1, a2: success), L2 (a3: refused), L3 (a4 at 23:59:50: invalid).
        let second = MetricsFixture.row(rows, [.day: "2026-11-02"])
        expectValue(second, .account_size, 3)
        expectValue(second, .calls_made, 4)
        expectValue(second, .useless_data, 1)
        expectValue(second, .reachable_accounts, 2)
        expectValue(second, .average_calling_attempt, 1)
        // 3 Nov: L3 only abandoned that day → unreachable there; L2 completed; M1 refused.
        let third = MetricsFixture.row(rows, [.day: "2026-11-03"])
        expectValue(third, .account_size, 3)
        expectValue(third, .unreachable_accounts, 1)
        expectValue(third, .completed_accounts, 1)
        expectValue(third, .reachable_rate, 2.0 / 3)
        expectValue(third, .dialable_rate, 1)
    }

    @Test func aSplitByAgentLeavesOutAttemptsNoAgentTook() throws {
        let rows = try MetricsFixture.rows(by: [.agent, .day])
        #expect(rows.map { $0.labels.map { $0.1 ?? "-" }.joined(separator: " ") }
                == ["A1 2026-11-02", "A1 2026-11-03", "A2 2026-11-02", "A2 2026-11-03", "A3 2026-11-03"])
        let a1 = MetricsFixture.row(rows, [.agent: "A1", .day: "2026-11-02"])
        expectValue(a1, .calls_made, 2)
        expectValue(a1, .successful_accounts, 1)
        expectValue(a1, .connected_per_agent, 1)
        let a2 = MetricsFixture.row(rows, [.agent: "A2", .day: "2026-11-02"])
        expectValue(a2, .calls_made, 2)
        expectValue(a2, .useless_data, 1)
        expectValue(a2, .reachable_rate, 1)
        // A2 made no call on 3 Nov: the row is there for its states, with null rates.
        let a2Third = MetricsFixture.row(rows, [.agent: "A2", .day: "2026-11-03"])
        expectValue(a2Third, .calls_made, 0)
        expectValue(a2Third, .connect_rate, nil)
        let total = rows.compactMap { $0.value(.calls_made) }.reduce(0, +)
        #expect(total == 6)
    }

    @Test func restrictingToSitesOrTeamsKeepsTheirAgentsWork() throws {
        expectValue(try MetricsFixture.rows(sites: ["S2"]).first, .calls_made, 1)
        expectValue(try MetricsFixture.rows(teams: ["T1", "T2"]).first, .calls_made, 5)
        let bySite = try MetricsFixture.rows(by: [.site])
        expectValue(MetricsFixture.row(bySite, [.site: "S1"]), .connected_calls, 3)
        expectValue(MetricsFixture.row(bySite, [.site: "S2"]), .connected_calls, 1)
    }

    @Test func noDataGivesZeroCountsAndNullRates() throws {
        let row = try MetricsFixture.rows(records: MetricRecords()).first
        #expect(row != nil)
        expectValue(row, .calls_made, 0)
        expectValue(row, .connect_rate, nil)
        expectValue(row, .corruption_rate, nil)
        expectValue(row, .aht_seconds, nil)
        expectValue(row, .average_order_value, nil)
        expectValue(row, .sales_amount, 0)
        #expect(row?.values.count == MetricID.allCases.count)
    }
}
