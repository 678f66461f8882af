import Fluent
import Foundation
import SQLKit

/// Recordings linked to calls.
public enum RecordingQueries {
    public static func recording(_ attempt: UUID, on db: any Database) async throws -> (location: String, seconds: Int)? {
        try await StoreSQL.sql(db).select().columns("location", "duration_seconds").from("recordings")
            .where("attempt_id", .equal, SQLBind(attempt)).first().map {
                (try $0.decode(column: "location", as: String.self), try $0.decode(column: "duration_seconds", as: Int.self))
            }
    }
}
