import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The recordings' retention (RULES RC-01): 90 days at least; the hourly job deletes what is past it.
extension QualityService {
    package static func retentionDays(on db: any Database) async throws -> Int {
        try await OrganisationQueries.settings(on: db).recordingRetentionDays
    }

    package static func setRetention(days: Int, actor: AuditEvent, at now: Date, on db: any Database) async throws -> Int {
        let days = try RecordingRetention.validated(days)
        let settings = try await OrganisationQueries.settings(on: db)
        settings.recordingRetentionDays = days
        try await StoreTransaction.write(db) { tx in
            try await settings.save(on: tx)
            var event = actor
            event.detail = "\(days) 天"
            try await AuditLog.append(event, at: now, on: tx)
        }
        return days
    }
}
