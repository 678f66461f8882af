import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Listings made by what happens on calls: a `dnc_request` disposition, a valid complaint.
extension DoNotCallQueries {
    /// Puts a number on the do-not-call list for every product, permanently, unless such a listing
    /// is already in force.
    public static func list(_ phone: String, reason: DoNotCallReason, source: String, by actor: String, at now: Date,
                            _ sql: any SQLDatabase) async throws {
        let listed = try await sql.select().column("id").from(DoNotCallModel.schema).where("phone", .equal, SQLBind(phone))
            .where("removed_at", .is, SQLLiteral.null).where("product", .is, SQLLiteral.null)
            .where("expires_at", .is, SQLLiteral.null).first()
        guard listed == nil else { return }
        try await sql.insert(into: DoNotCallModel.schema)
            .columns("id", "phone", "reason", "source", "added_by", "added_at")
            .values(SQLBind(UUID()), SQLBind(phone), SQLBind(reason.rawValue), SQLBind(source), SQLBind(actor), SQLBind(now))
            .run()
    }
}
