import Fluent
import Foundation

/// Reading, writing, revoking and purging web sessions by the digest of their key.
public enum WebSessionQueries {
    /// The session with this key digest, unless it has expired.
    public static func session(keyHash: String, at now: Date, on db: any Database) async throws -> WebSessionModel? {
        try await WebSessionModel.query(on: db).filter(\.$keyHash == keyHash).filter(\.$expiresAt > now).first()
    }

    public static func delete(keyHash: String, on db: any Database) async throws {
        try await WebSessionModel.query(on: db).filter(\.$keyHash == keyHash).delete()
    }

    /// Ends every session of a user but the one with `keeping` (the digest of the caller's own, if any).
    public static func revoke(user: UUID, keeping: String?, on db: any Database) async throws {
        var query = WebSessionModel.query(on: db).filter(\.$userID == user)
        if let keeping { query = query.filter(\.$keyHash != keeping) }
        try await query.delete()
    }

    /// Deletes the sessions that expired before `now`; returns how many.
    @discardableResult
    public static func purgeExpired(at now: Date, on db: any Database) async throws -> Int {
        let expired = try await WebSessionModel.query(on: db).filter(\.$expiresAt <= now).count()
        if expired > 0 { try await WebSessionModel.query(on: db).filter(\.$expiresAt <= now).delete() }
        return expired
    }
}
