import Fluent
import Foundation
import SQLKit
import WaihuCore

/// A project's dispositions, stored whole.
public enum DispositionQueries {
    /// The set the project saved, or nil.
    public static func stored(project: UUID, on db: any Database) async throws -> DispositionSet? {
        guard let model = try await DispositionSetModel.query(on: db).filter(\.$projectID == project).first() else { return nil }
        return try JSONDecoder().decode(DispositionSet.self, from: Data(model.dispositions.utf8))
    }

    /// Every project's set in force, by project id (the standard one for a project that saved none).
    public static func allInForce(projects: [UUID], on db: any Database) async throws -> [UUID: DispositionSet] {
        var stored: [UUID: DispositionSet] = [:]
        for model in try await DispositionSetModel.query(on: db).filter(\.$projectID ~~ Set(projects)).all() {
            stored[model.projectID] = try JSONDecoder().decode(DispositionSet.self, from: Data(model.dispositions.utf8))
        }
        return Dictionary(uniqueKeysWithValues: projects.map { ($0, stored[$0] ?? .standard) })
    }

    /// The set in force: the project's own, or the standard one until it saves its own.
    public static func inForce(project: UUID, on db: any Database) async throws -> DispositionSet {
        try await stored(project: project, on: db) ?? .standard
    }

    /// Replaces the project's set (already validated) and appends the audit line, together.
    public static func save(_ set: DispositionSet, project: UUID, actor: AuditEvent, at now: Date,
                            on db: any Database) async throws {
        let json = String(decoding: try JSONEncoder().encode(set), as: UTF8.self)
        try await StoreTransaction.write(db) { tx in
            let model = try await DispositionSetModel.query(on: tx).filter(\.$projectID == project).first() ?? DispositionSetModel()
            model.projectID = project
            model.dispositions = json
            model.updatedBy = actor.actorName
            model.updatedAt = now
            try await model.save(on: tx)
            // Categories may have changed: every kept day is built again.
            try await MetricCellQueries.invalidateAll(on: tx)
            var event = actor
            event.targetID = project.uuidString
            event.detail = "codes=" + set.dispositions.map(\.code).joined(separator: ",")
            try await AuditLog.append(event, at: now, on: tx)
        }
    }
}

extension LeadQueries {
    /// Leads the contact rules held back are looked at again at the next take: after the rules
    /// change (for a project, or all when `project` is nil) or a number leaves the do-not-call list.
    public static func clearPolicyDeferrals(project: UUID? = nil, phone: String? = nil, on db: any Database) async throws {
        var update = try StoreSQL.sql(db).update(LeadModel.schema).set("next_attempt_at", to: SQLLiteral.null)
            .set("deferral", to: SQLLiteral.null).where("deferral", .equal, SQLBind(LeadDeferral.policy.rawValue))
        if let project { update = update.where("project_id", .equal, SQLBind(project)) }
        if let phone { update = update.where("phone", .equal, SQLBind(phone)) }
        try await update.run()
    }
}
