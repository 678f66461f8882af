import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The audit log, read-only: `GET /api/v1/audit`.
enum AuditController {
    static func register(_ app: Application) {
        app.grouped("api", "v1").endpoint(.GET, "audit", permission: .viewAudit, surface: .api, use: list)
    }

    static func list(_ req: Request) async throws -> [AuditDTO] {
        try await AuditLog.entries(filter(req), on: req.db).map(AuditDTO.init)
    }

    /// Filters from the query: `actor`, `action` (a trailing `.` matches a prefix), `target_type`,
    /// `from`, `to` (ISO 8601 instants or dates), `limit`.
    static func filter(_ req: Request) throws -> AuditFilter {
        func instant(_ name: String) throws -> Date? {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
            if let date = ISO8601DateFormatter().date(from: text) { return date }
            if let day = LocalDate(text) {
                var parts = DateComponents()
                (parts.year, parts.month, parts.day) = (day.year, day.month, day.day)
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: OrganisationDefaults.timeZone)!
                if let date = calendar.date(from: parts) { return name == "to" ? date.addingTimeInterval(86_400) : date }
            }
            throw DomainError.invalidField(name, zh: "须为 ISO 8601 时间或 YYYY-MM-DD", en: "expected an ISO 8601 instant or YYYY-MM-DD")
        }
        func text(_ name: String) -> String? {
            guard let value = req.query[String.self, at: name], !value.isEmpty else { return nil }
            return value
        }
        return AuditFilter(actor: text("actor"), action: text("action"), targetType: text("target_type"),
                           from: try instant("from"), to: try instant("to"),
                           limit: req.query[Int.self, at: "limit"] ?? 200)
    }
}

struct AuditDTO: Content {
    var id: UUID?
    var at: Date
    var actor: String
    var action: String
    var target_type: String
    var target_id: String?
    var detail: String
    var ip: String?

    init(_ entry: AuditEntryModel) {
        id = entry.id
        at = entry.at
        actor = entry.actorName
        action = entry.action
        target_type = entry.targetType
        target_id = entry.targetID
        detail = entry.detail
        ip = entry.ip
    }
}
