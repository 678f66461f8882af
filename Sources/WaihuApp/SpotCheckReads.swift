import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Spot checks as their pages and API read them: a vendor its own site's, the organisation's people all; each with
/// what it found, the vendor's acknowledgement and fix.
package enum SpotCheckReads {
    package struct Item: Codable, Sendable {
        package var id: UUID
        package var attempt_id: UUID
        package var call_started_at: Date
        package var agent: String
        package var phone: String
        /// The rules that refused the call when it was made (a number audit); empty when it was allowed.
        package var violations: [String]
        package var rule_version: String?
        package var verified: Bool?
        package var reason: String?
        package var checked_by: String?
        package var checked_at: Date?
    }

    package struct View: Codable, Sendable {
        package var id: UUID
        package var kind: String
        package var kind_name: String
        package var site: String
        package var month: String
        package var created_by: String
        package var created_at: Date
        package var calls: Int
        /// Number audits: calls made against the rules. Verifications: successes found not valid.
        package var findings: Int
        /// Verifications: successes not yet looked at.
        package var unchecked: Int
        package var acknowledged_at: Date?
        package var acknowledged_by: String?
        package var fixed_at: Date?
        package var fixed_by: String?
        package var fix_note: String?
        package var items: [Item]?
    }

    package static func list(user: CurrentUser, language: Language, on db: any Database) async throws -> [View] {
        let query = SpotCheckModel.query(on: db).sort(\.$createdAt, .descending).limit(200)
        if user.scope != .organisation {
            guard let site = user.scope.boundSite else { return [] }
            query.filter(\.$siteID == site)
        }
        let checks = try await query.all()
        var views: [View] = []
        for check in checks { views.append(try await view(check, items: false, language: language, reveal: false, on: db)) }
        return views
    }

    package static func one(_ id: UUID, user: CurrentUser, language: Language, on db: any Database) async throws -> View {
        guard let check = try await SpotCheckModel.find(id, on: db), user.scope == .organisation || user.scope.boundSite == check.siteID else {
            throw DomainError.notFound(LocalizedText(zh: "抽查", en: "spot check"))
        }
        return try await view(check, items: true, language: language, reveal: AccessPolicy.allows(user.role, .revealNumbers), on: db)
    }

    static func view(_ check: SpotCheckModel, items withItems: Bool, language: Language, reveal: Bool, on db: any Database) async throws -> View {
        let id = try check.requireID()
        let items = try await SpotCheckItemModel.query(on: db).filter(\.$checkID == id).all()
        let numbers = check.kind == SpotCheckKind.numbers.rawValue
        let violations = { (item: SpotCheckItemModel) -> [LocalizedText] in
            (try? JSONDecoder().decode([LocalizedText].self, from: Data((item.violations ?? "[]").utf8))) ?? []
        }
        var view = View(
            id: id, kind: check.kind, kind_name: SpotCheckKind(rawValue: check.kind)?.name.text(language) ?? check.kind,
            site: try await SiteModel.find(check.siteID, on: db)?.name ?? "", month: check.month, created_by: check.createdBy, created_at: check.createdAt,
            calls: items.count, findings: numbers ? items.filter { !violations($0).isEmpty }.count : items.filter { $0.verified == false }.count,
            unchecked: numbers ? 0 : items.filter { $0.checkedAt == nil }.count, acknowledged_at: check.acknowledgedAt, acknowledged_by: check.acknowledgedBy,
            fixed_at: check.fixedAt, fixed_by: check.fixedBy, fix_note: check.fixNote)
        guard withItems else { return view }
        let calls = try await QualityReads.calls(items.map(\.attemptID), on: db)
        view.items = items.compactMap { item in
            guard let id = item.id, let call = calls.attempts[item.attemptID] else { return nil }
            return Item(id: id, attempt_id: item.attemptID, call_started_at: call.startedAt, agent: call.agentID.flatMap { calls.agents[$0] } ?? "",
                        phone: reveal ? call.phone : PhoneMask.mask(call.phone), violations: violations(item).map { $0.text(language) },
                        rule_version: item.ruleVersion, verified: item.verified, reason: item.reason, checked_by: item.checkedBy, checked_at: item.checkedAt)
        }.sorted { $0.call_started_at < $1.call_started_at }
        return view
    }

    /// The successes of a site's month found not valid by a verification: what settlement leaves out (RULES E-19).
    package static func invalidSuccesses(site: UUID, month: String, on db: any Database) async throws -> Set<UUID> {
        let checks = try await SpotCheckModel.query(on: db).filter(\.$siteID == site).filter(\.$month == month)
            .filter(\.$kind == SpotCheckKind.successes.rawValue).all().compactMap(\.id)
        guard !checks.isEmpty else { return [] }
        return Set(try await SpotCheckItemModel.query(on: db).filter(\.$checkID ~~ checks).filter(\.$verified == false).all().map(\.attemptID))
    }

    /// A vendor's checks it has not yet acknowledged: its notices.
    package static func unacknowledged(site: UUID, on db: any Database) async throws -> [SpotCheckModel] {
        try await SpotCheckModel.query(on: db).filter(\.$siteID == site).filter(\.$acknowledgedAt == nil).sort(\.$createdAt, .descending).all()
    }
}
