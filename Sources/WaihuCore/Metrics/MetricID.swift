/// The stable id of every metric of METRICS.md, in the catalog's order; the same ids in the
/// API, the CLI and every export.
public enum MetricID: String, Sendable, Codable, CaseIterable, Comparable {
    // §2 data source
    case account_size, useless_data, corruption_rate, valid_data, dialable_numbers, dialable_rate
    // §3 progress
    case accounts_called, calls_made, average_calling_attempt, target_progress
    // §4 effect
    case reachable_accounts, unreachable_accounts, reachable_rate, completed_accounts, completed_rate
    case successful_accounts, hit_rate, connected_calls, connect_rate, contact_rate, online_success_rate
    case conversations, effective_conversations, effective_conversation_rate, close_rate, avg_talk_seconds
    case connected_per_agent, success_value
    // §5 agent efficiency
    case paid_hours, scheduled_hours, logged_in_hours, productive_hours, non_productive_hours, talk_hours
    case completed_per_hour, successful_per_hour, calls_per_hour, aht_seconds, utilization_rate
    case attendance_rate, attendance_headcount_rate, schedule_adherence, work_efficiency, busy_rate, idle_rate
    case busy_count, help_count, internal_call_hours, playback_hours, attrition_rate
    // §6 orders
    case orders, sales_amount, average_order_value, order_approval_rate, order_sign_rate, signed_amount
    // §7 quality
    case qa_reviews, qa_excellent_rate, unqualified_tickets, complaints, complaint_rate, sms_satisfaction_rate

    public static func < (a: MetricID, b: MetricID) -> Bool {
        order[a]! < order[b]!
    }

    private static let order: [MetricID: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })

    public var definition: MetricDefinition { MetricCatalog.definition(self) }
}
