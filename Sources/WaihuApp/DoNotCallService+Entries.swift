import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A do-not-call entry as it leaves the server; the number masked unless the caller may reveal it.
package struct DoNotCallDTO: Codable, Sendable {
    package var id: UUID?
    package var phone: String
    package var reason: String
    package var reason_name: String
    package var product: String?
    package var source: String
    package var added_by: String
    package var added_at: Date
    package var expires_at: Date?
    package var removed_at: Date?
    package var removed_by: String?
    package var removal_reason: String?

    package init(_ entry: DoNotCallModel, reveal: Bool, language: Language) {
        id = entry.id
        phone = reveal ? entry.phone : PhoneMask.mask(entry.phone)
        reason = entry.reason
        reason_name = DoNotCallReason(rawValue: entry.reason)?.name.text(language) ?? entry.reason
        product = entry.product
        source = entry.source
        added_by = entry.addedBy
        added_at = entry.addedAt
        expires_at = entry.expiresAt
        removed_at = entry.removedAt
        removed_by = entry.removedBy
        removal_reason = entry.removalReason
    }
}

extension DoNotCallService {
    package struct Addition: Sendable {
        package var phone: String
        package var reason: String?
        package var product: String?
        package var expiresAt: Date?
        package var source = "manual"

        package init(phone: String, reason: String? = nil, product: String? = nil, expiresAt: Date? = nil,
                     source: String = "manual") {
            self.phone = phone
            self.reason = reason
            self.product = product
            self.expiresAt = expiresAt
            self.source = source
        }
    }

    /// Lists one number, audited; a refusal of calls stays at least six months.
    package static func add(_ addition: Addition, actor: AuditEvent, at now: Date, on db: any Database) async throws -> DoNotCallModel {
        let phone = try PhoneParser.normalised(addition.phone)
        guard let reason = DoNotCallReason.parse(addition.reason) else {
            throw DomainError.invalidField("reason", zh: "须为 complaint、refused_calls、harassment、special 或 legal",
                                           en: "expected complaint, refused_calls, harassment, special or legal")
        }
        let zone = TimeZone(identifier: try await OrganisationQueries.settings(on: db).timeZone) ?? .current
        let expiry = try DoNotCallEntryRules.expiry(addition.expiresAt, reason: reason, at: now, zone: zone)
        let entry = DoNotCallModel()
        entry.phone = phone
        entry.reason = reason.rawValue
        entry.source = addition.source
        entry.addedBy = actor.actorName
        entry.addedAt = now
        entry.expiresAt = expiry
        entry.product = addition.product.flatMap { $0.isEmpty ? nil : $0 }
        try await StoreTransaction.write(db) { tx in
            try await entry.create(on: tx)
            var event = actor
            event.targetID = entry.id?.uuidString
            event.detail = "phone=\(PhoneMask.mask(phone)) reason=\(reason.rawValue)" + (entry.product.map { " product=\($0)" } ?? "")
            try await AuditLog.append(event, at: now, on: tx)
        }
        return entry
    }

    /// Takes a number off the list, keeping the entry with who removed it and why; its leads that
    /// the listing held back are looked at afresh.
    package static func remove(_ id: UUID, reason: String, actor: AuditEvent, at now: Date, on db: any Database) async throws -> DoNotCallModel {
        let why = reason.trimmingWhitespace()
        guard !why.isEmpty else {
            throw DomainError(.badInput, code: "removal_reason_missing", zh: "移出禁止呼叫名单须填写原因",
                              en: "Taking a number off the do-not-call list needs a reason")
        }
        guard let entry = try await DoNotCallModel.find(id, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "禁止呼叫名单条目", en: "do-not-call entry"))
        }
        guard entry.removedAt == nil else {
            throw DomainError(.conflict, code: "already_removed", zh: "该号码已移出名单", en: "The entry was already removed")
        }
        entry.removedAt = now
        entry.removedBy = actor.actorName
        entry.removalReason = why
        try await StoreTransaction.write(db) { tx in
            try await entry.save(on: tx)
            var event = actor
            event.targetID = id.uuidString
            event.detail = "phone=\(PhoneMask.mask(entry.phone)) reason=\(why)"
            try await AuditLog.append(event, at: now, on: tx)
            try await LeadQueries.clearPolicyDeferrals(phone: entry.phone, on: tx)
        }
        return entry
    }

    /// Every entry of one number, newest first, removed ones included.
    package static func entries(phone raw: String, on db: any Database) async throws -> [DoNotCallModel] {
        try await DoNotCallModel.query(on: db).filter(\.$phone == PhoneParser.normalised(raw)).sort(\.$addedAt, .descending).all()
    }
}
