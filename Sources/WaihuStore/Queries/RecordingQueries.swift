import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Recordings linked to calls.
public enum RecordingQueries {
    public static func recording(_ attempt: UUID, on db: any Database) async throws -> (location: String, seconds: Int)? {
        try await StoreSQL.sql(db).select().columns("location", "duration_seconds").from("recordings")
            .where("attempt_id", .equal, SQLBind(attempt)).first().map {
                (try $0.decode(column: "location", as: String.self), try $0.decode(column: "duration_seconds", as: Int.self))
            }
    }

    /// Links a recording Waihu made to its call (the SIP trunk's relay): a link already there is replaced.
    public static func link(_ attempt: UUID, location: String, seconds: Int, at now: Date, on db: any Database) async throws {
        try await db.transaction { db in
            let sql = try StoreSQL.sql(db)
            try await sql.delete(from: "recordings").where("attempt_id", .equal, SQLBind(attempt)).run()
            try await sql.insert(into: "recordings").columns("id", "attempt_id", "location", "duration_seconds", "linked_at")
                .values(SQLBind(UUID()), SQLBind(attempt), SQLBind(location), SQLBind(seconds), SQLBind(now)).run()
        }
    }

    /// Deletes the recordings past the retention whose calls have no complaint still open (not yet replied to): the
    /// links, and the files on this server. Returns how many went.
    public static func purgeExpired(at now: Date, on db: any Database) async throws -> Int {
        let days = try await OrganisationQueries.settings(on: db).recordingRetentionDays
        let sql = try StoreSQL.sql(db)
        let cutoff = now.addingTimeInterval(-TimeInterval(days) * 86_400)
        let old = try await sql.select().column(SQLColumn("attempt_id", table: "r")).column(SQLColumn("location", table: "r"))
            .column(SQLColumn("started_at", table: "c"))
            .from(SQLAlias(SQLIdentifier("recordings"), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier(CallAttemptModel.schema), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLColumn("attempt_id", table: "r"), .equal, SQLColumn("id", table: "c"))
            .where(SQLColumn("started_at", table: "c"), .lessThan, SQLBind(cutoff)).all()
            .map { (try $0.decode(column: "attempt_id", as: UUID.self), try $0.decode(column: "location", as: String.self),
                    try $0.decode(column: "started_at", as: Date.self)) }
        guard !old.isEmpty else { return 0 }
        let complaints = try await ComplaintModel.query(on: db).filter(\.$attemptID ~~ Set(old.map(\.0))).all()
        let open = Set(complaints.filter { complaint in !complaint.steps.contains { $0.step == ComplaintStep.replied.rawValue } }.compactMap(\.attemptID))
        let going = old.filter { RecordingRetention.expired(callStartedAt: $0.2, at: now, days: days, complaintOpen: open.contains($0.0)) }
        for (attempt, location, _) in going {
            try await sql.delete(from: "recordings").where("attempt_id", .equal, SQLBind(attempt)).run()
            if location.hasPrefix("/") { try? FileManager.default.removeItem(atPath: location) }
        }
        return going.count
    }
}
