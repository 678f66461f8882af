import Crypto
import Foundation
import Vapor
import WaihuApp
import WaihuStore

/// The web sessions' store: a session is written only once it holds something (a CSRF token, a
/// signed-in user), its key is kept as a SHA-256 digest, it expires after `lifetime` without use,
/// and the sessions of a user can be revoked (a changed password ends the others).
struct StoredSessions: AsyncSessionDriver {
    static let lifetime: TimeInterval = 12 * 3600
    /// An unchanged session's expiry is pushed back at most this often, not on every request.
    static let refreshAfter: TimeInterval = 5 * 60

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: Tokens.randomText(bytes: 32))
        guard !data.snapshot.isEmpty else { return id }
        try await WebSessionModel(keyHash: Tokens.digest(id.string), userID: Self.user(data), data: Self.encode(data),
                                  expiresAt: request.now.addingTimeInterval(Self.lifetime)).create(on: request.db)
        return id
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        guard let stored = try await WebSessionQueries.session(keyHash: Tokens.digest(sessionID.string), at: request.now, on: request.db),
              let values = try? JSONDecoder().decode([String: String].self, from: Data(stored.data.utf8)) else { return nil }
        request.storage[ReadSession.self] = stored
        return SessionData(initialData: values)
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let now = request.now
        let encoded = try Self.encode(data)
        if let stored = request.storage[ReadSession.self], stored.keyHash == Tokens.digest(sessionID.string) {
            let fresh = stored.expiresAt.timeIntervalSince(now) > Self.lifetime - Self.refreshAfter
            guard stored.data != encoded || !fresh else { return sessionID }
            stored.data = encoded
            stored.userID = Self.user(data)
            stored.expiresAt = now.addingTimeInterval(Self.lifetime)
            try await stored.save(on: request.db)
            return sessionID
        }
        // A session that was never stored (it was empty until now) or has expired meanwhile: a new key.
        return try await createSession(data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await WebSessionQueries.delete(keyHash: Tokens.digest(sessionID.string), on: request.db)
    }

    static func user(_ data: SessionData) -> UUID? {
        data["user_id"].flatMap(UUID.init(uuidString:))
    }

    static func encode(_ data: SessionData) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(data.snapshot), as: UTF8.self)
    }

    private struct ReadSession: StorageKey {
        typealias Value = WebSessionModel
    }
}

extension Request {
    /// Starts a new session for a user who just proved who they are: the key the browser had before
    /// signing in is discarded (no session fixation), the CSRF token carried over.
    func beginSignedInSession(user: UUID) async throws {
        let csrf = session.data["csrf"]
        if let old = session.id { try await StoredSessions().deleteSession(old, for: self) }
        session.id = nil
        session.data = SessionData(initialData: ["user_id": user.uuidString].merging(csrf.map { ["csrf": $0] } ?? [:]) { a, _ in a })
    }

    /// The digest of this request's own session key, if it has one.
    var sessionKeyHash: String? {
        guard let id = hasSession ? session.id : nil else { return nil }
        return Tokens.digest(id.string)
    }
}
