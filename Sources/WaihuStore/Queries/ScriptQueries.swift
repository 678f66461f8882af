import Fluent
import Foundation
import SQLKit
import WaihuCore

/// A version of a project's script.
public struct ScriptVersion: Sendable {
    public var version: Int
    public var script: Script
    public var createdBy: String
    public var createdAt: Date
}

/// Projects' scripts, versioned: saving adds a version, the highest is in force.
public enum ScriptQueries {
    /// The version in force, or nil when the project has no script yet.
    public static func inForce(project: UUID, on db: any Database) async throws -> ScriptVersion? {
        try await ScriptModel.query(on: db).filter(\.$projectID == project).sort(\.$version, .descending).first().map(decode)
    }

    /// One version, or nil.
    public static func version(_ number: Int, project: UUID, on db: any Database) async throws -> ScriptVersion? {
        try await ScriptModel.query(on: db).filter(\.$projectID == project).filter(\.$version == number).first().map(decode)
    }

    /// Every version, newest first.
    public static func versions(project: UUID, on db: any Database) async throws -> [ScriptVersion] {
        try await ScriptModel.query(on: db).filter(\.$projectID == project).sort(\.$version, .descending).all().map(decode)
    }

    /// Stores a validated script as the project's next version, with its audit line; returns the version.
    public static func save(_ script: Script, project: UUID, actor: AuditEvent, at now: Date, on db: any Database) async throws -> Int {
        let json = String(decoding: try JSONEncoder().encode(script), as: UTF8.self)
        return try await StoreTransaction.write(db) { tx in
            let latest = try await ScriptModel.query(on: tx).filter(\.$projectID == project).max(\.$version) ?? 0
            let model = ScriptModel()
            model.projectID = project
            model.version = latest + 1
            model.content = json
            model.createdBy = actor.actorName
            model.createdAt = now
            try await model.create(on: tx)
            var event = actor
            event.targetID = project.uuidString
            event.detail = "version=\(latest + 1) questions=\(script.questions.count)"
            try await AuditLog.append(event, at: now, on: tx)
            return latest + 1
        }
    }

    static func decode(_ model: ScriptModel) throws -> ScriptVersion {
        ScriptVersion(version: model.version, script: try JSONDecoder().decode(Script.self, from: Data(model.content.utf8)),
                      createdBy: model.createdBy, createdAt: model.createdAt)
    }
}

/// One attempt's answers, for the export.
public struct AnsweredAttempt: Sendable {
    public var attemptID: UUID
    public var startedAt: Date
    public var agentNumber: String?
    public var customerID: String?
    public var disposition: String?
    public var scriptVersion: Int?
    public var answers: [String: Answer]
}

/// Questionnaire answers, stored with the attempt's end (`AttemptQueries.finish`).
public enum AnswerQueries {
    static func insert(_ answers: [String: Answer], attempt: UUID, project: UUID, version: Int?, at now: Date,
                       _ sql: any SQLDatabase) async throws {
        try await sql.insert(into: AttemptAnswersModel.schema)
            .columns("id", "attempt_id", "project_id", "script_version", "answers", "answered_at")
            .values(SQLBind(UUID()), SQLBind(attempt), SQLBind(project), SQLBind(version),
                    SQLBind(String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)), SQLBind(now))
            .run()
    }

    /// The answers of a project's attempts answered in [from, to), oldest first, with who and what they were.
    public static func list(project: UUID, from: Date, to: Date, on db: any Database) async throws -> [AnsweredAttempt] {
        let rows = try await AttemptAnswersModel.query(on: db).filter(\.$projectID == project)
            .filter(\.$answeredAt >= from).filter(\.$answeredAt < to).sort(\.$answeredAt)
            .join(CallAttemptModel.self, on: \AttemptAnswersModel.$attemptID == \CallAttemptModel.$id).all()
        let attempts = try rows.map { try $0.joined(CallAttemptModel.self) }
        let agents = try await AgentModel.query(on: db).filter(\.$id ~~ Set(attempts.compactMap(\.agentID))).all()
        let numbers = Dictionary(uniqueKeysWithValues: agents.compactMap { agent in agent.id.map { ($0, agent.number) } })
        let leads = try await LeadModel.query(on: db).filter(\.$id ~~ Set(attempts.compactMap(\.leadID))).all()
        let customers = Dictionary(uniqueKeysWithValues: leads.compactMap { lead in lead.id.map { ($0, lead.customerID) } })
        return try zip(rows, attempts).map { row, attempt in
            AnsweredAttempt(attemptID: row.attemptID, startedAt: attempt.startedAt, agentNumber: attempt.agentID.flatMap { numbers[$0] },
                            customerID: attempt.leadID.flatMap { customers[$0] } ?? nil, disposition: attempt.disposition,
                            scriptVersion: row.scriptVersion,
                            answers: try JSONDecoder().decode([String: Answer].self, from: Data(row.answers.utf8)))
        }
    }
}

extension AnswerQueries {
    /// The answers given on these attempts, by attempt, with the script version they were given under.
    public static func of(attempts: [UUID], on db: any Database) async throws -> [UUID: (version: Int?, answers: [String: Answer])] {
        guard !attempts.isEmpty else { return [:] }
        var found: [UUID: (version: Int?, answers: [String: Answer])] = [:]
        for row in try await AttemptAnswersModel.query(on: db).filter(\.$attemptID ~~ attempts).all() {
            found[row.attemptID] = (row.scriptVersion, try JSONDecoder().decode([String: Answer].self, from: Data(row.answers.utf8)))
        }
        return found
    }
}
