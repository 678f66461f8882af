import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A vendor's monthly spot checks (issue 17 items 7 and 8, RULES SM-02, SM-04): a seeded, unannounced sample of its
/// dialled calls re-decided against the contact rules as they stood at each call, or of its successes for an
/// inspector to verify; never the same call twice in checks of a kind. The vendor sees the check on its home page
/// the day it is made, acknowledges it and reports the fix.
package enum SpotCheckService {
    package struct Start: Codable, Sendable {
        package var kind: String
        package var site: String
        package var month: String
        package var size: Int?
        package var seed: UInt64

        package init(kind: String, site: String, month: String, size: Int?, seed: UInt64) {
            self.kind = kind
            self.site = site
            self.month = month
            self.size = size
            self.seed = seed
        }
    }

    package static func start(_ input: Start, user: CurrentUser, actor: AuditEvent, at now: Date, on db: any Database) async throws -> SpotCheckModel {
        guard let kind = SpotCheckKind(rawValue: input.kind) else {
            throw DomainError.invalidField("kind", zh: "须为 numbers（号码抽查）或 successes（开通量核实）", en: "expected numbers or successes")
        }
        let (first, next) = try SpotCheck.month(input.month)
        let size = try SpotCheck.size(input.size ?? kind.defaultSize)
        guard let site = try await OrganisationQueries.sites(in: user.scope, on: db).first(where: { $0.name == input.site }), let siteID = site.id else {
            throw DomainError.notFound(LocalizedText(zh: "现场 \(input.site)", en: "site \(input.site)"))
        }
        let zone = try await OrganisationQueries.timeZone(on: db)
        let agents = try await AgentModel.query(on: db).filter(\.$siteID == siteID).all().compactMap(\.id)
        let earlier = try await SpotCheckModel.query(on: db).filter(\.$kind == kind.rawValue).all().compactMap(\.id)
        let taken = earlier.isEmpty ? Set<UUID>() : Set(try await SpotCheckItemModel.query(on: db).filter(\.$checkID ~~ earlier).all().map(\.attemptID))
        var calls = try await CallAttemptModel.query(on: db).filter(\.$agentID ~~ agents).filter(\.$testCall == false)
            .filter(\.$startedAt >= LocalTime.instant(first, in: zone)).filter(\.$startedAt < LocalTime.instant(next, in: zone)).all()
            .filter { $0.id.map { !taken.contains($0) } ?? false }
        if kind == .successes {
            var sets: [UUID: DispositionSet] = [:]
            for project in Set(calls.compactMap(\.projectID)) { sets[project] = try await DispositionQueries.inForce(project: project, on: db) }
            calls = calls.filter { call in
                guard let code = call.disposition else { return false }
                return (call.projectID.flatMap { sets[$0]?.rule(code)?.category } ?? DispositionCategory.of(code)) == .success
            }
        }
        let chosen = Set(SamplingPlan.pick(calls.compactMap(\.id), count: size, seed: input.seed))
        guard !chosen.isEmpty else {
            throw DomainError(.ruleRefused, code: "spot_check_no_calls",
                              zh: "\(site.name) 在 \(input.month) 没有可抽查的\(kind == .successes ? "成功" : "外呼")记录", en: "\(site.name) has no \(kind == .successes ? "success" : "call") to check in \(input.month)")
        }
        let check = SpotCheckModel()
        check.id = UUID()
        check.kind = kind.rawValue
        check.siteID = siteID
        check.month = input.month
        check.seed = Int64(bitPattern: input.seed)
        check.createdBy = user.username
        check.createdAt = now
        var items: [SpotCheckItemModel] = []
        for call in calls where call.id.map(chosen.contains) ?? false {
            let item = SpotCheckItemModel()
            item.checkID = try check.requireID()
            item.attemptID = try call.requireID()
            if kind == .numbers { try await redecide(call, into: item, on: db) }
            items.append(item)
        }
        let found = items.filter { ($0.violations ?? "[]") != "[]" }.count
        let taking = items
        try await StoreTransaction.write(db) { tx in
            try await check.create(on: tx)
            for item in taking { try await item.create(on: tx) }
            var event = actor
            event.targetID = "\(site.name) \(input.month)"
            event.detail = "\(kind.name.zh) \(taking.count) 条" + (kind == .numbers ? "，违规 \(found) 条" : "") + "，seed \(input.seed)"
            try await AuditLog.append(event, at: now, on: tx)
        }
        return check
    }

    /// The call re-decided: the rules and the listings in force when it was made, the calls before it.
    static func redecide(_ call: CallAttemptModel, into item: SpotCheckItemModel, on db: any Database) async throws {
        let project = try await call.projectID.asyncMap { try await ProjectModel.find($0, on: db) } ?? nil
        let lead = try await call.leadID.asyncMap { try await LeadModel.find($0, on: db) } ?? nil
        let rules = try await PolicyQueries.rules(project: call.projectID, asOf: call.startedAt, on: db)
        let history = try await PolicyQueries.history(phone: call.phone, customerID: lead?.customerID, asOf: call.startedAt,
                                                      excluding: try call.requireID(), on: db)
        let zone = project.flatMap { TimeZone(identifier: $0.timeZone) } ?? TimeZone(identifier: OrganisationDefaults.timeZone)!
        let refusals = ContactPolicy.refusals(history, rules: rules.rules, product: call.product, at: call.startedAt, zone: zone)
        item.violations = String(decoding: try JSONEncoder().encode(refusals.map(\.message)), as: UTF8.self)
        item.ruleVersion = rules.version
    }

    /// An inspector verifies a success of a verification check: it stands, or not with the reason.
    package static func verify(item id: UUID, verified: Bool, reason: String, user: CurrentUser, at now: Date, on db: any Database) async throws -> SpotCheckItemModel {
        guard let item = try await SpotCheckItemModel.find(id, on: db), let check = try await SpotCheckModel.find(item.checkID, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "抽查记录", en: "checked call"))
        }
        guard check.kind == SpotCheckKind.successes.rawValue else {
            throw DomainError(.ruleRefused, code: "not_a_verification", zh: "号码抽查由规则自动判定，不需人工核实", en: "A number audit is decided by the rules, not by hand")
        }
        guard item.checkedAt == nil else {
            throw DomainError(.conflict, code: "already_verified", zh: "这条成功记录已经核实过", en: "This success is already verified")
        }
        item.reason = try SpotCheck.verification(verified: verified, reason: reason)
        item.verified = verified
        item.checkedBy = user.username
        item.checkedAt = now
        try await item.save(on: db)
        return item
    }

    package enum VendorStep: String, Sendable {
        case acknowledge
        case fixed
    }

    /// The vendor acknowledges a check of its site, then reports what it fixed.
    package static func vendor(_ step: VendorStep, check id: UUID, note: String, user: CurrentUser, actor: AuditEvent, at now: Date,
                               on db: any Database) async throws -> SpotCheckModel {
        guard let check = try await SpotCheckModel.find(id, on: db), user.scope.boundSite == check.siteID else {
            throw DomainError.notFound(LocalizedText(zh: "抽查", en: "spot check"))
        }
        switch step {
        case .acknowledge:
            guard check.acknowledgedAt == nil else {
                throw DomainError(.conflict, code: "check_acknowledged", zh: "这次抽查已经确认收到", en: "This check is already acknowledged")
            }
            check.acknowledgedAt = now
            check.acknowledgedBy = user.username
        case .fixed:
            guard check.acknowledgedAt != nil else {
                throw DomainError(.ruleRefused, code: "check_not_acknowledged", zh: "请先确认收到，再报告整改", en: "Acknowledge the check before reporting the fix")
            }
            guard check.fixedAt == nil else { throw DomainError(.conflict, code: "check_fixed", zh: "整改已经报告", en: "The fix is already reported") }
            let note = note.trimmingWhitespace()
            guard !note.isEmpty else { throw DomainError.missingField("note") }
            check.fixedAt = now
            check.fixedBy = user.username
            check.fixNote = String(note.prefix(2_000))
        }
        try await StoreTransaction.write(db) { tx in
            try await check.save(on: tx)
            var event = actor
            event.targetID = check.month
            event.detail = step == .acknowledge ? "确认收到" : "整改：" + (check.fixNote ?? "")
            try await AuditLog.append(event, at: now, on: tx)
        }
        return check
    }
}
