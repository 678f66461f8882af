import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Orders taken on the desk, and their verification and delivery.
public enum OrderQueries {
    /// The order of a desk attempt: numbered after the attempt (one order per call), pending verification.
    static func insert(_ order: OrderCapture, attempt: UUID, at now: Date, _ sql: any SQLDatabase) async throws {
        let agent = try await sql.select().column("agent_id").from(CallAttemptModel.schema).where("id", .equal, SQLBind(attempt)).first()?
            .decode(column: "agent_id", as: UUID?.self)
        try await sql.insert(into: OrderModel.schema)
            .columns("id", "number", "attempt_id", "amount_cents", "status", "items", "delivery_name", "delivery_address", "delivery_phone",
                     "agent_id", "confirmed_at", "payment_method", "read_back", "created_at", "updated_at")
            .values(SQLBind(UUID()), SQLBind(number(for: attempt)), SQLBind(attempt), SQLBind(order.amountCents), SQLBind(OrderStatus.pending.rawValue),
                    SQLBind(String(decoding: try JSONEncoder().encode(order.items), as: UTF8.self)), SQLBind(order.delivery_name),
                    SQLBind(order.delivery_address), SQLBind(order.delivery_phone), SQLBind(agent), SQLBind(now),
                    SQLBind(order.confirmation.payment_method.rawValue),
                    SQLBind(String(decoding: try JSONEncoder().encode(order.confirmation.read_back.sorted()), as: UTF8.self)),
                    SQLBind(now), SQLBind(now))
            .run()
    }

    /// The number of the call's order (`OrderNumber`); orders taken before it kept their long numbers.
    public static func number(for attempt: UUID) -> String { OrderNumber.make(for: attempt) }

    /// Changes one order in a transaction: `change` checks and applies the step (and says what it did, for
    /// the audit line), the day of its call is counted again in the metrics.
    public static func update(_ number: String, actor: AuditEvent, at now: Date, on db: any Database,
                              _ change: @escaping @Sendable (OrderModel) throws -> String) async throws -> OrderModel {
        try await StoreTransaction.write(db) { tx in
            guard let order = try await OrderModel.query(on: tx).filter(\.$number == number).first() else {
                throw DomainError.notFound(LocalizedText(zh: "订单 \(number)", en: "order \(number)"))
            }
            let detail = try change(order)
            try await order.save(on: tx)
            if let call = try await CallAttemptModel.find(order.attemptID, on: tx) {
                try await MetricCellQueries.invalidate([call.startedAt], on: tx)
            }
            var event = actor
            event.targetID = number
            event.detail = detail
            try await AuditLog.append(event, at: now, on: tx)
            return order
        }
    }

    /// Orders whose call started in [from, to), newest first, optionally of one project or one agent.
    public static func list(project: UUID?, agent: UUID? = nil, from: Date, to: Date, limit: Int, on db: any Database) async throws -> [(OrderModel, CallAttemptModel)] {
        var query = OrderModel.query(on: db).join(CallAttemptModel.self, on: \OrderModel.$attemptID == \CallAttemptModel.$id)
            .filter(CallAttemptModel.self, \.$startedAt >= from).filter(CallAttemptModel.self, \.$startedAt < to)
        if let project { query = query.filter(CallAttemptModel.self, \.$projectID == project) }
        if let agent { query = query.filter(CallAttemptModel.self, \.$agentID == agent) }
        return try await query.sort(CallAttemptModel.self, \.$startedAt, .descending).limit(limit).all()
            .map { ($0, try $0.joined(CallAttemptModel.self)) }
    }
}
