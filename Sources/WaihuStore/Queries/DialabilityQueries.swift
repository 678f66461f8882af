import Fluent
import Foundation
import SQLKit
import WaihuCore

/// A project's leads with their customers' histories and retry state, read in four queries whatever the size
/// of the project, for `Dialability.explain`. Histories are by number (not by customer id).
public enum DialabilityQueries {
    public static func leads(project: UUID, before now: Date, on db: any Database) async throws -> [Dialability.Lead] {
        let sql = try StoreSQL.sql(db)
        let dispositions = try await DispositionQueries.inForce(project: project, on: db)
        let projectPhones = sql.select().column("phone").from(LeadModel.schema).where("project_id", .equal, SQLBind(project))
        let calls = RowCollector<[String: [PastCall]]>([:])
        try await sql.select().column("phone").column("started_at").column("talk_seconds").column("in_progress")
            .column("product").column("disposition").from(CallAttemptModel.schema)
            .where("test_call", .equal, SQLLiteral.boolean(false)).where("started_at", .lessThanOrEqual, SQLBind(now))
            .where("phone", .in, SQLGroupExpression(projectPhones.query))
            .run { row in
                guard let phone = try? row.decode(column: "phone", as: String.self),
                      let at = try? row.decode(column: "started_at", as: Date.self) else { return }
                calls.value[phone, default: []].append(PolicyQueries.pastCall(
                    at: at, talk: (try? row.decode(column: "talk_seconds", as: Int.self)) ?? 0,
                    inProgress: (try? row.decode(column: "in_progress", as: Bool.self)) ?? false,
                    product: (try? row.decode(column: "product", as: String?.self)) ?? nil,
                    disposition: (try? row.decode(column: "disposition", as: String?.self)) ?? nil))
            }
        var listings: [String: [DoNotCallListing]] = [:]
        for row in try await sql.select().column("phone").column("reason").column("product").column("expires_at")
            .from(DoNotCallModel.schema).where("removed_at", .is, SQLLiteral.null)
            .where("phone", .in, SQLGroupExpression(projectPhones.query)).all() {
            guard let entry = PolicyQueries.listing(reason: try row.decode(column: "reason", as: String?.self),
                                                    product: try row.decode(column: "product", as: String?.self),
                                                    expires: try row.decode(column: "expires_at", as: Date?.self), at: now) else { continue }
            listings[try row.decode(column: "phone", as: String.self), default: []].append(entry)
        }
        let leads = RowCollector<[Dialability.Lead]>([])
        let histories = calls.value
        let listed = listings
        try await sql.select().columns("phone", "status", "next_attempt_at", "deferral", "last_disposition").from(LeadModel.schema)
            .where("project_id", .equal, SQLBind(project))
            .run { row in
                guard let status = (try? row.decode(column: "status", as: String.self)).flatMap(LeadStatus.init(rawValue:)) else { return }
                let phone = (try? row.decode(column: "phone", as: String?.self)) ?? nil
                let last = (try? row.decode(column: "last_disposition", as: String?.self)) ?? nil
                leads.value.append(Dialability.Lead(
                    status: status,
                    history: ContactHistory(calls: phone.flatMap { histories[$0] } ?? [], listings: phone.flatMap { listed[$0] } ?? []),
                    nextAttemptAt: (try? row.decode(column: "next_attempt_at", as: Date?.self)) ?? nil,
                    deferral: ((try? row.decode(column: "deferral", as: String?.self)) ?? nil).flatMap(LeadDeferral.init(rawValue:)),
                    exhausted: status == .finished && last.flatMap { dispositions.rule($0)?.category } == .unreachable))
            }
        return leads.value
    }
}
