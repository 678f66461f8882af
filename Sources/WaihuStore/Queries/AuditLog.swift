import Fluent
import Foundation

/// One thing that happened, to be appended to the audit log.
public struct AuditEvent: Sendable {
    public var actorID: UUID?
    public var actorName: String
    public var action: String
    public var targetType: String
    public var targetID: String?
    public var detail: String
    public var ip: String?

    public init(actorID: UUID?, actorName: String, action: String, targetType: String,
                targetID: String? = nil, detail: String = "", ip: String? = nil) {
        self.actorID = actorID
        self.actorName = actorName
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.detail = detail
        self.ip = ip
    }
}

/// Filters for reading the audit log.
public struct AuditFilter: Sendable {
    public var actor: String?
    public var action: String?
    public var targetType: String?
    public var from: Date?
    public var to: Date?
    public var limit: Int
    /// Entries skipped before the first returned, newest first: the page's start.
    public var offset: Int

    public init(actor: String? = nil, action: String? = nil, targetType: String? = nil,
                from: Date? = nil, to: Date? = nil, limit: Int = 200, offset: Int = 0) {
        self.actor = actor
        self.action = action
        self.targetType = targetType
        self.from = from
        self.to = to
        self.limit = limit
        self.offset = offset
    }
}

/// The append-only audit log: entries are added and read, never changed.
public enum AuditLog {
    public static func append(_ event: AuditEvent, at: Date, on db: any Database) async throws {
        try await AuditEntryModel(at: at, actorID: event.actorID, actorName: event.actorName,
                                  action: event.action, targetType: event.targetType,
                                  targetID: event.targetID, detail: event.detail, ip: event.ip)
            .create(on: db)
    }

    /// Newest first.
    public static func entries(_ filter: AuditFilter, on db: any Database) async throws -> [AuditEntryModel] {
        var query = AuditEntryModel.query(on: db)
        if let actor = filter.actor { query = query.filter(\.$actorName == actor) }
        if let action = filter.action {
            query = action.hasSuffix(".") ? query.filter(\.$action =~ action) : query.filter(\.$action == action)
        }
        if let type = filter.targetType { query = query.filter(\.$targetType == type) }
        if let from = filter.from { query = query.filter(\.$at >= from) }
        if let to = filter.to { query = query.filter(\.$at < to) }
        let start = max(0, filter.offset)
        return try await query.sort(\.$at, .descending).sort(\.$id).range(start..<start + max(1, min(filter.limit, 1000))).all()
    }
}
