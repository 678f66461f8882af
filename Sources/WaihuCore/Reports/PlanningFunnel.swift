import Foundation

/// The planning funnel (METRICS.md §9, seed 003 附件4): seats × calls per seat-hour × hours = calls;
/// × connect rate = connected calls; × effective conversation rate = effective conversations; × close
/// rate = orders. Solved either way.
public struct PlanningFunnel: Sendable, Codable, Equatable {
    public var seats: Double
    public var calls_per_seat_hour: Double
    public var hours: Double
    public var connect_rate: Double
    public var effective_conversation_rate: Double
    public var close_rate: Double

    public var calls: Double { seats * calls_per_seat_hour * hours }
    public var connected_calls: Double { calls * connect_rate }
    public var effective_conversations: Double { connected_calls * effective_conversation_rate }
    public var orders: Double { effective_conversations * close_rate }

    public init(seats: Double, calls_per_seat_hour: Double, hours: Double, connect_rate: Double,
                effective_conversation_rate: Double, close_rate: Double) throws(DomainError) {
        for (name, value) in [("seats", seats), ("calls_per_seat_hour", calls_per_seat_hour), ("hours", hours)] where !(value >= 0 && value.isFinite) {
            throw DomainError.invalidField(name, zh: "须为不小于 0 的数", en: "must be a number of 0 or more")
        }
        for (name, value) in [("connect_rate", connect_rate), ("effective_conversation_rate", effective_conversation_rate), ("close_rate", close_rate)]
            where !(0 ... 1).contains(value) {
            throw DomainError.invalidField(name, zh: "比率须在 0 到 1 之间", en: "a rate is between 0 and 1")
        }
        self.seats = seats
        self.calls_per_seat_hour = calls_per_seat_hour
        self.hours = hours
        self.connect_rate = connect_rate
        self.effective_conversation_rate = effective_conversation_rate
        self.close_rate = close_rate
    }

    /// Orders expected from one seat over the hours.
    public var ordersPerSeat: Double { calls_per_seat_hour * hours * connect_rate * effective_conversation_rate * close_rate }

    /// The whole seats needed for `orders` at these rates, or why there can be none (a zero rate).
    public static func seatsFor(orders: Double, calls_per_seat_hour: Double, hours: Double, connect_rate: Double,
                                effective_conversation_rate: Double, close_rate: Double) throws(DomainError) -> PlanningFunnel {
        var funnel = try PlanningFunnel(seats: 0, calls_per_seat_hour: calls_per_seat_hour, hours: hours, connect_rate: connect_rate,
                                        effective_conversation_rate: effective_conversation_rate, close_rate: close_rate)
        guard orders >= 0, orders.isFinite else { throw DomainError.invalidField("orders", zh: "须为不小于 0 的数", en: "must be a number of 0 or more") }
        guard funnel.ordersPerSeat > 0 else {
            throw DomainError(.ruleRefused, code: "funnel_yields_nothing", zh: "按这些比率，任何坐席数都产生不了订单：请检查为 0 的项",
                              en: "At these rates no number of seats yields an order: check the figures that are 0")
        }
        funnel.seats = (orders / funnel.ordersPerSeat).rounded(.up)
        return funnel
    }
}
