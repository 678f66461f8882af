import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Complaints: registered, judged; a valid one lists the number at once, in the same transaction.
public enum ComplaintQueries {
    /// What else a judgement does in its transaction (the penalties it books).
    public typealias Consequence = @Sendable (ComplaintModel, any Database) async throws -> Void

    /// Stores a complaint (its validity may already be known) with its audit line.
    public static func register(_ complaint: ComplaintModel, actor: AuditEvent, then consequence: Consequence? = nil, on db: any Database) async throws {
        try await StoreTransaction.write(db) { tx in
            try await complaint.create(on: tx)
            try await listIfValid(complaint, tx)
            if complaint.valid != nil { try await consequence?(complaint, tx) }
            var event = actor
            event.targetID = complaint.id?.uuidString
            event.detail = "kind=\(complaint.kind) channel=\(complaint.channel) valid=\(complaint.valid.map(String.init) ?? "pending")"
            try await AuditLog.append(event, at: complaint.registeredAt, on: tx)
        }
    }

    /// Records the judgement on a complaint, audited.
    public static func judge(_ complaint: ComplaintModel, valid: Bool, actor: AuditEvent, at now: Date, then consequence: Consequence? = nil,
                             on db: any Database) async throws {
        complaint.valid = valid
        complaint.judgedBy = actor.actorName
        complaint.judgedAt = now
        try await StoreTransaction.write(db) { tx in
            try await complaint.save(on: tx)
            try await listIfValid(complaint, tx)
            try await consequence?(complaint, tx)
            if let attempt = complaint.attemptID, let call = try await CallAttemptModel.find(attempt, on: tx) {
                try await MetricCellQueries.invalidate([call.startedAt], on: tx)
            }
            var event = actor
            event.targetID = complaint.id?.uuidString
            event.detail = "valid=\(valid)"
            try await AuditLog.append(event, at: now, on: tx)
        }
    }

    static func listIfValid(_ complaint: ComplaintModel, _ db: any Database) async throws {
        guard complaint.valid == true, let kind = ComplaintKind(rawValue: complaint.kind) else { return }
        try await DoNotCallQueries.list(complaint.phone, reason: kind.listingReason, source: "complaint",
                                        by: complaint.judgedBy ?? complaint.registeredBy,
                                        at: complaint.judgedAt ?? complaint.registeredAt, StoreSQL.sql(db))
    }

    /// The newest complaints first.
    public static func recent(limit: Int = 200, on db: any Database) async throws -> [ComplaintModel] {
        try await ComplaintModel.query(on: db).sort(\.$registeredAt, .descending).limit(limit).all()
    }
}
