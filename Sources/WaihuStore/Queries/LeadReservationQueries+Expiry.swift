import Fluent
import Foundation
import SQLKit
import WaihuCore

extension LeadReservationQueries {
    /// Gives back the leads reserved before `cutoff` and never dialled: a desk left with a lead on screen
    /// must not hold the customer (nor count as a call towards the caps) for ever. Returns how many.
    @discardableResult
    public static func expireUndialled(before cutoff: Date, on db: any Database) async throws -> Int {
        try await StoreTransaction.immediate(db) { sql, _ in
            let rows = try await sql.select().columns("id", "lead_id", "phone").from(CallAttemptModel.schema)
                .where("in_progress", .equal, SQLLiteral.boolean(true)).where("started_at", .lessThan, SQLBind(cutoff))
                .where("answered_at", .is, SQLLiteral.null).where("ended_at", .is, SQLLiteral.null)
                .where("dial_requested_at", .is, SQLLiteral.null)
                // A preview call placed a while after it was taken rings with its agent dialling: not idle.
                .where(SQLColumn("agent_id"), .notIn, SQLSubquery.select { $0.column("agent_id").from(AgentStateIntervalModel.schema)
                    .where("ended_at", .is, SQLLiteral.null)
                    .where("state", .in, SQLBind.group([AgentState.dialing.rawValue, AgentState.talking.rawValue])) })
                .all()
            var expired = 0
            for row in rows {
                guard let lead = try row.decode(column: "lead_id", as: UUID?.self) else { continue }
                try await release(Reservation(leadID: lead, attemptID: try row.decode(column: "id", as: UUID.self),
                                              phone: try row.decode(column: "phone", as: String.self)), sql)
                expired += 1
            }
            return expired
        }
    }
}
