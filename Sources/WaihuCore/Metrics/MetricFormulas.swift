import Foundation

/// The catalog's formulas over one row's sums. A ratio whose denominator is zero is nil (null).
struct MetricFormulas {
    let tally: SliceTally
    let key: SliceKey
    let engine: MetricEngine
    let outcomes: OutcomeCounts

    init(tally: SliceTally, key: SliceKey, engine: MetricEngine) {
        self.tally = tally
        self.key = key
        self.engine = engine
        outcomes = OutcomeCounts(tally.leads.values) + tally.counted
    }

    func value(_ id: MetricID) -> Double? {
        switch id {
        case .account_size, .useless_data, .corruption_rate, .valid_data, .dialable_numbers, .dialable_rate,
             .accounts_called, .calls_made, .average_calling_attempt, .target_progress:
            dataAndProgress(id)
        case .reachable_accounts, .unreachable_accounts, .reachable_rate, .completed_accounts, .completed_rate,
             .successful_accounts, .hit_rate, .connected_calls, .connect_rate, .contact_rate, .online_success_rate,
             .conversations, .effective_conversations, .effective_conversation_rate, .close_rate, .avg_talk_seconds,
             .connected_per_agent, .success_value:
            effect(id)
        case .orders, .sales_amount, .average_order_value, .order_approval_rate, .order_sign_rate, .signed_amount,
             .qa_reviews, .qa_excellent_rate, .unqualified_tickets, .complaints, .complaint_rate, .sms_satisfaction_rate:
            ordersAndQuality(id)
        default:
            efficiency(id)
        }
    }

    func dataAndProgress(_ id: MetricID) -> Double? {
        let o = outcomes
        switch id {
        case .account_size: return Double(o.leads)
        case .useless_data: return Double(o.invalid)
        case .corruption_rate: return ratio(o.invalid, o.leads)
        case .valid_data: return Double(o.leads - o.invalid)
        case .dialable_numbers: return Double(o.leads - o.rejected)
        case .dialable_rate: return ratio(o.leads - o.rejected, o.leads)
        case .accounts_called: return Double(o.called)
        case .calls_made: return Double(tally.calls)
        case .average_calling_attempt: return ratio(o.unfinishedAttempts, o.unfinished)
        default: return target.flatMap { ratio(o.completed + o.success, $0) }
        }
    }

    func effect(_ id: MetricID) -> Double? {
        let o = outcomes, t = tally
        let reachable = o.refused + o.completed + o.success
        switch id {
        case .reachable_accounts: return Double(reachable)
        case .unreachable_accounts: return Double(o.unreachable)
        case .reachable_rate: return ratio(reachable, o.leads - o.invalid)
        case .completed_accounts: return Double(o.completed + o.success)
        case .completed_rate: return ratio(o.completed + o.success, reachable)
        case .successful_accounts: return Double(o.success)
        case .hit_rate: return ratio(o.success, o.completed + o.success)
        case .connected_calls: return Double(t.connected)
        case .connect_rate: return ratio(t.connected, t.calls)
        case .contact_rate: return ratio(t.connected, o.called)
        case .online_success_rate: return ratio(o.success, t.connected)
        case .conversations: return Double(t.conversations)
        case .effective_conversations: return Double(t.effectiveConversations)
        case .effective_conversation_rate: return ratio(t.effectiveConversations, t.connected)
        case .close_rate: return ratio(o.success, t.effectiveConversations)
        case .avg_talk_seconds: return ratio(t.talkSeconds, t.connected)
        case .connected_per_agent: return ratio(t.connected, t.agentsWithAttempts.count)
        default: return ratio(o.success, t.connected).map { Double(o.success) * $0 }
        }
    }

    func ordersAndQuality(_ id: MetricID) -> Double? {
        let t = tally
        switch id {
        case .orders: return Double(t.orders)
        case .sales_amount: return Double(t.salesCents) / 100
        case .average_order_value: return ratio(t.salesCents, t.ordersNotRejected).map { $0 / 100 }
        case .order_approval_rate: return ratio(t.ordersApproved, t.ordersVerified)
        case .order_sign_rate: return ratio(t.ordersSigned, t.ordersSigned + t.ordersReturned)
        case .signed_amount: return Double(t.signedCents) / 100
        case .qa_reviews: return Double(t.reviews)
        case .qa_excellent_rate: return ratio(t.reviewsExcellent, t.reviews)
        case .unqualified_tickets: return Double(t.reviewsUnqualified)
        case .complaints: return Double(t.complaints)
        case .complaint_rate: return ratio(t.complaints, t.connected)
        default: return ratio(t.satisfiedReplies, t.replies)
        }
    }

    /// The project target of the row's projects together; nil when one of them has none.
    var target: Int? {
        let codes: [String]
        if let project = key.project { codes = [project] }
        else if let named = engine.query.projects { codes = Array(named) }
        else { codes = engine.records.projects.map(\.code) }
        var sum = 0
        for code in codes {
            guard let target = engine.projects[code]?.target else { return nil }
            sum += target
        }
        return sum
    }
}

func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
    denominator == 0 ? nil : Double(numerator) / Double(denominator)
}

func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
    guard let numerator, let denominator, denominator != 0 else { return nil }
    return numerator / denominator
}

/// A row's leads counted by their outcome in the slice. Counts of disjoint sets of leads add up.
struct OutcomeCounts: Sendable, Equatable {
    var leads = 0, rejected = 0, called = 0
    var success = 0, completed = 0, refused = 0, invalid = 0, unreachable = 0
    /// Called leads whose outcome is not refused, completed or success, and their attempts.
    var unfinished = 0, unfinishedAttempts = 0

    init() {}

    static func + (a: OutcomeCounts, b: OutcomeCounts) -> OutcomeCounts {
        var sum = a
        for path in fields { sum[keyPath: path] += b[keyPath: path] }
        return sum
    }

    static var fields: [WritableKeyPath<OutcomeCounts, Int>] { [
        \.leads, \.rejected, \.called, \.success, \.completed, \.refused, \.invalid, \.unreachable, \.unfinished, \.unfinishedAttempts,
    ] }

    init<S: Sequence>(_ tallies: S) where S.Element == LeadTally {
        for lead in tallies {
            leads += 1
            if lead.rejected { rejected += 1 }
            if lead.attempts > 0 { called += 1 }
            switch lead.outcome {
            case .success: success += 1
            case .completed: completed += 1
            case .refused: refused += 1
            case .invalid: invalid += 1
            case .unreachable: unreachable += 1
            case nil: break
            }
            if lead.attempts > 0, let outcome = lead.outcome, outcome == .invalid || outcome == .unreachable {
                unfinished += 1
                unfinishedAttempts += lead.attempts
            }
        }
    }
}
