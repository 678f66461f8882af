import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Who runs a use case — a signed-in user or the command line: their role and scope decide what
/// they may do and see, and their name goes into the audit log.
package struct Caller: Sendable {
    package var userID: UUID?
    package var name: String
    package var role: Role
    package var scope: AccessScope
    package var ip: String?

    package init(userID: UUID?, name: String, role: Role, scope: AccessScope, ip: String? = nil) {
        self.userID = userID
        self.name = name
        self.role = role
        self.scope = scope
        self.ip = ip
    }

    /// The `waihu` command line: whoever may run it owns the database file, so it acts as an administrator.
    package static let console = Caller(userID: nil, name: "console", role: .admin, scope: .organisation)

    /// Waihu itself: the first start, the demo and the scheduled jobs.
    package static let system = Caller(userID: nil, name: "system", role: .admin, scope: .organisation)

    package func event(_ action: String, targetType: String, targetID: String? = nil, detail: String = "") -> AuditEvent {
        AuditEvent(actorID: userID, actorName: name, action: action, targetType: targetType,
                   targetID: targetID, detail: detail, ip: ip)
    }

    /// Appends an entry to the audit log in this caller's name.
    package func audit(_ action: String, targetType: String, targetID: String? = nil, detail: String = "",
                       at now: Date, on db: any Database) async throws {
        try await AuditLog.append(event(action, targetType: targetType, targetID: targetID, detail: detail), at: now, on: db)
    }
}
