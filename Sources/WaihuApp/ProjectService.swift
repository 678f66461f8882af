import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Creating and changing projects with their checks and audit lines: shared by the API,
/// the pages and the CLI.
package enum ProjectService {
    package struct Draft: Sendable {
        package var code: String
        package var name: String
        package var type: ProjectType
        package var target: Int?
        package var timeZone: String?
        package var siteIDs: [UUID] = []

        package init(code: String,
                     name: String,
                     type: ProjectType,
                     target: Int? = nil,
                     timeZone: String? = nil,
                     siteIDs: [UUID] = []) {
            self.code = code
            self.name = name
            self.type = type
            self.target = target
            self.timeZone = timeZone
            self.siteIDs = siteIDs
        }
    }

    /// A project by code (or id) that the scope may see, or a 404 naming it.
    package static func find(_ key: String, scope: AccessScope, on db: any Database) async throws -> ProjectRecord {
        guard let project = try await ProjectQueries.project(key, in: scope, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "项目 \(key)", en: "project \(key)"))
        }
        return project
    }

    package static func create(_ draft: Draft, actor: AuditEvent, at now: Date, on db: any Database) async throws -> ProjectRecord {
        let code = try ProjectFields.validateCode(draft.code)
        let name = try ProjectFields.validateName(draft.name)
        let target = try ProjectFields.validateTarget(draft.target)
        let defaultZone = try await OrganisationQueries.settings(on: db).timeZone
        let zone = try ProjectFields.validateTimeZone(draft.timeZone ?? defaultZone)
        try await checkSites(draft.siteIDs, on: db)
        guard try await !ProjectQueries.codeExists(code, on: db) else {
            throw DomainError(.conflict, code: "project_code_taken",
                              zh: "项目编号 \(code) 已存在", en: "The project code \(code) is taken")
        }
        let project = ProjectModel(code: code, name: name, type: draft.type,
                                   status: .requirement, target: target, timeZone: zone)
        try await StoreTransaction.write(db) { tx in
            try await project.create(on: tx)
            try await ProjectQueries.setSites(draft.siteIDs, of: try project.requireID(), on: tx)
            var event = actor
            event.targetID = project.id?.uuidString
            event.detail = "code=\(code) type=\(draft.type.rawValue)"
            try await AuditLog.append(event, at: now, on: tx)
        }
        return ProjectRecord(project: project, siteIDs: draft.siteIDs)
    }

    package struct Patch: Sendable {
        package var name: String?
        package var type: ProjectType?
        package var target: Int??
        package var timeZone: String?
        package var siteIDs: [UUID]?
        package var status: ProjectStatus?
        package var recycleMonths: Int?
        package var conversationSeconds: Int?
        package var effectiveConversationSeconds: Int?
        package var callbackPassMinutes: Int?
        package var wrapUpSeconds: Int?
        /// A daily target per agent; `.some(nil)` clears it.
        package var dailyTarget: Int??
        package var products: ProductList?

        package init(name: String? = nil,
                     type: ProjectType? = nil,
                     target: Int?? = nil,
                     timeZone: String? = nil,
                     siteIDs: [UUID]? = nil,
                     status: ProjectStatus? = nil,
                     recycleMonths: Int? = nil,
                     conversationSeconds: Int? = nil,
                     effectiveConversationSeconds: Int? = nil,
                     callbackPassMinutes: Int? = nil,
                     wrapUpSeconds: Int? = nil,
                     dailyTarget: Int?? = nil,
                     products: ProductList? = nil) {
            self.name = name
            self.type = type
            self.target = target
            self.timeZone = timeZone
            self.siteIDs = siteIDs
            self.status = status
            self.recycleMonths = recycleMonths
            self.conversationSeconds = conversationSeconds
            self.effectiveConversationSeconds = effectiveConversationSeconds
            self.callbackPassMinutes = callbackPassMinutes
            self.wrapUpSeconds = wrapUpSeconds
            self.dailyTarget = dailyTarget
            self.products = products
        }
    }

    package static func update(_ record: ProjectRecord, _ patch: Patch, actor: AuditEvent, at now: Date, on db: any Database) async throws -> ProjectRecord {
        let project = record.project
        var changes: [String] = []
        if let name = patch.name { project.name = try ProjectFields.validateName(name); changes.append("name") }
        if let type = patch.type { project.type = type; changes.append("type=\(type.rawValue)") }
        if let target = patch.target { project.target = try ProjectFields.validateTarget(target); changes.append("target") }
        if let zone = patch.timeZone { project.timeZone = try ProjectFields.validateTimeZone(zone); changes.append("time_zone=\(zone)") }
        if let months = patch.recycleMonths {
            project.recycleMonths = try RecyclingPeriod(months: months).months
            changes.append("recycle_months=\(months)")
        }
        if let status = patch.status {
            let current = project.status
            let readiness = try await ProjectQueries.readiness(of: try project.requireID(), on: db)
            try ProjectLifecycle.check(from: current, to: status, readiness: readiness)
            project.status = status
            changes.append("status \(current.rawValue)→\(status.rawValue)")
        }
        let thresholds = patch.conversationSeconds != nil || patch.effectiveConversationSeconds != nil
        if thresholds {
            let conversation = patch.conversationSeconds ?? project.conversationSeconds
            let effective = patch.effectiveConversationSeconds ?? project.effectiveConversationSeconds
            guard (1 ... 3600).contains(conversation), (1 ... 3600).contains(effective), conversation <= effective else {
                throw DomainError.invalidField("conversation_seconds", zh: "通话时长阈值须为 1–3600 秒，且沟通阈值不大于有效沟通阈值",
                                               en: "talk thresholds are 1–3600 s, the conversation one no more than the effective one")
            }
            (project.conversationSeconds, project.effectiveConversationSeconds) = (conversation, effective)
            changes.append("conversation_seconds=\(conversation) effective_conversation_seconds=\(effective)")
        }
        if let minutes = patch.callbackPassMinutes {
            guard (1 ... 1440).contains(minutes) else {
                throw DomainError.invalidField("callback_pass_minutes", zh: "须为 1–1440 分钟", en: "must be 1–1440 minutes")
            }
            project.callbackPassMinutes = minutes
            changes.append("callback_pass_minutes=\(minutes)")
        }
        if let seconds = patch.wrapUpSeconds {
            guard WrapUp.allowedSeconds.contains(seconds) else {
                throw DomainError.invalidField("wrap_up_seconds", zh: "须为 \(WrapUp.allowedSeconds.lowerBound)–\(WrapUp.allowedSeconds.upperBound) 秒",
                                               en: "must be \(WrapUp.allowedSeconds.lowerBound)–\(WrapUp.allowedSeconds.upperBound) seconds")
            }
            project.wrapUpSeconds = seconds
            changes.append("wrap_up_seconds=\(seconds)")
        }
        if let target = patch.dailyTarget {
            if let target, !(1 ... 10_000).contains(target) {
                throw DomainError.invalidField("daily_target", zh: "每人每日目标须为 1–10000，或留空", en: "the daily target per agent is 1–10000, or empty")
            }
            project.dailyTarget = target
            changes.append("daily_target=\(target.map(String.init) ?? "none")")
        }
        if let products = patch.products {
            project.products = products
            changes.append("products=\(products.products.count)")
        }
        var sites = record.siteIDs
        if let newSites = patch.siteIDs {
            try await checkSites(newSites, on: db)
            sites = newSites
            changes.append("sites")
        }
        let detail = "code=\(project.code) " + changes.joined(separator: "; ")
        try await StoreTransaction.write(db) { tx in
            try await project.save(on: tx)
            // Closing stops handing out leads and gives the allocated ones back to the pool, together.
            var returned = ""
            if patch.status == .closing {
                let count = try await LeadAllocationQueries.recycle(project: try project.requireID(), holder: nil, allocatedAtOrBefore: nil,
                                                                    agentsLeftBy: nil, on: tx)
                returned = "; leads returned to the pool=\(count)"
            }
            // The metrics' conversations are counted anew from the events.
            if thresholds { try await MetricCellQueries.invalidateAll(on: tx) }
            if let newSites = patch.siteIDs {
                try await ProjectQueries.setSites(newSites, of: try project.requireID(), on: tx)
            }
            var event = actor
            event.targetID = project.id?.uuidString
            event.detail = detail + returned
            try await AuditLog.append(event, at: now, on: tx)
        }
        return ProjectRecord(project: project, siteIDs: sites)
    }

    package static func checkSites(_ ids: [UUID], on db: any Database) async throws {
        for id in ids where try await SiteModel.find(id, on: db) == nil {
            throw DomainError.invalidField("site_ids", zh: "职场 \(id) 不存在", en: "no such site \(id)")
        }
    }
}
