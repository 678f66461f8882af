/// Seats for outbound calling (RULES C.7, METRICS §9), the two ways a center plans them:
/// - **list-driven**: a list of `leads` worked through `attemptsPerLead` dials each within `days` of `hoursPerDay` —
///   calls = leads × attempts, raw seats = ⌈calls ÷ (calls per seat-hour × hours per day × days)⌉;
/// - **target-driven**: `orders` wanted within the days — orders per seat-day = calls per seat-hour × hours × connect rate ×
///   effective conversation rate × close rate (the planning funnel), raw seats = ⌈orders ÷ (orders per seat-day × days)⌉.
/// Scheduled seats = ⌈raw ÷ (1 − shrinkage)⌉, shrinkage being the share of paid time not spent dialling.
public struct OutboundStaffing: Sendable, Equatable, Codable {
    public var calls: Double
    public var seats: Int
    public var scheduled: Int

    public static func listDriven(leads: Double, attemptsPerLead: Double, callsPerSeatHour: Double, hoursPerDay: Double, days: Double,
                                  shrinkage: Double) throws(DomainError) -> OutboundStaffing {
        try check([("leads", leads, 100_000_000), ("attempts", attemptsPerLead, 100)])
        let calls = leads * attemptsPerLead
        return try seats(calls: calls, callsPerSeatHour: callsPerSeatHour, hoursPerDay: hoursPerDay, days: days, shrinkage: shrinkage)
    }

    public static func targetDriven(orders: Double, callsPerSeatHour: Double, hoursPerDay: Double, days: Double, connectRate: Double,
                                    effectiveConversationRate: Double, closeRate: Double, shrinkage: Double) throws(DomainError) -> OutboundStaffing {
        try check([("orders", orders, 10_000_000)])
        for (name, rate) in [("connect_rate", connectRate), ("effective_conversation_rate", effectiveConversationRate), ("close_rate", closeRate)]
            where !(rate > 0 && rate <= 1) {
            throw DomainError.invalidField(name, zh: "比率须大于 0 且不超过 1（为 0 时任何坐席数都产生不了订单）",
                                           en: "a rate is above 0 and at most 1 (at 0 no number of seats yields an order)")
        }
        let calls = orders / (connectRate * effectiveConversationRate * closeRate)
        return try seats(calls: calls, callsPerSeatHour: callsPerSeatHour, hoursPerDay: hoursPerDay, days: days, shrinkage: shrinkage)
    }

    static func seats(calls: Double, callsPerSeatHour: Double, hoursPerDay: Double, days: Double, shrinkage: Double) throws(DomainError) -> OutboundStaffing {
        try check([("calls_per_seat_hour", callsPerSeatHour, 1_000), ("hours", hoursPerDay, 24), ("days", days, 366)], positive: true)
        guard shrinkage >= 0, shrinkage < 1 else {
            throw DomainError.invalidField("shrinkage", zh: "须在 0 到 1 之间（不含 1）", en: "is from 0 up to, not including, 1")
        }
        let raw = (calls / (callsPerSeatHour * hoursPerDay * days) - 1e-9).rounded(.up)
        let seats = Int(max(0, raw))
        let scheduled = Int((Double(seats) / (1 - shrinkage) - 1e-9).rounded(.up))
        return OutboundStaffing(calls: calls, seats: seats, scheduled: max(seats, scheduled))
    }

    static func check(_ values: [(String, Double, Double)], positive: Bool = false) throws(DomainError) {
        for (name, value, most) in values where !(value.isFinite && (positive ? value > 0 : value >= 0) && value <= most) {
            throw DomainError.invalidField(name, zh: "须为\(positive ? "大于" : "不小于") 0 且不超过 \(Int(most)) 的数",
                                           en: "must be a number \(positive ? "above" : "of at least") 0 and at most \(Int(most))")
        }
    }
}
