import Fluent
import Foundation
import SQLKit
import WaihuCore

/// The lexicon in force, the hits of the agent's side of transcripts, found again whenever a call's transcript changes.
public enum PhraseQueries {
    /// The center's lexicon, or the shipped one while it has none.
    public static func lexicon(on db: any Database) async throws -> [PhraseEntry] {
        let rows = try await StoreSQL.sql(db).select().columns("phrase", "category").from("phrase_lexicon").orderBy("phrase").all()
        let entries = try rows.compactMap { row -> PhraseEntry? in
            guard let category = PhraseCategory(rawValue: try row.decode(column: "category", as: String.self)) else { return nil }
            return PhraseEntry(try row.decode(column: "phrase", as: String.self), category)
        }
        return entries.isEmpty ? DefaultLexicon.entries : entries
    }

    /// Replaces the lexicon; every entry needs words that are not only spaces or punctuation, once each.
    public static func save(_ entries: [PhraseEntry], on db: any Database) async throws {
        for (index, entry) in entries.enumerated() where PhraseMatcher.normalised(entry.phrase).isEmpty {
            throw DomainError(.badInput, code: "empty_phrase", zh: "第 \(index + 1) 条忌语为空（只有空格或标点）",
                              en: "Entry \(index + 1) is empty (only spaces or punctuation)")
        }
        try await StoreTransaction.write(db) { tx in
            let sql = try StoreSQL.sql(tx)
            try await sql.delete(from: "phrase_lexicon").run()
            var seen: Set<String> = []
            for entry in entries where seen.insert(entry.phrase).inserted {
                try await sql.insert(into: "phrase_lexicon").columns("id", "phrase", "category")
                    .values(SQLBind(UUID()), SQLBind(entry.phrase), SQLBind(entry.category.rawValue)).run()
            }
        }
    }

    /// Checks the agent's side of these calls' transcripts again and keeps what was found, replacing what was.
    public static func recheck(_ attempts: [UUID], on db: any Database) async throws {
        guard !attempts.isEmpty else { return }
        let check = TranscriptCheck(entries: try await lexicon(on: db))
        let sql = try StoreSQL.sql(db)
        for start in stride(from: 0, to: attempts.count, by: 500) {
            let some = Array(attempts[start ..< min(start + 500, attempts.count)])
            let rows = try await sql.select().columns("attempt_id", "start_ms", "text").from("transcript_segments")
                .where("attempt_id", .in, SQLBind.group(some)).where("speaker", .equal, SQLBind("agent")).all()
            var turns: [UUID: [TranscriptCheck.Turn]] = [:]
            for row in rows {
                turns[try row.decode(column: "attempt_id", as: UUID.self), default: []]
                    .append(.init(startMs: try row.decode(column: "start_ms", as: Int.self), text: try row.decode(column: "text", as: String.self)))
            }
            let findings = turns.map { ($0.key, check.findings(agentTurns: $0.value)) }
            try await StoreTransaction.write(db) { tx in
                let sql = try StoreSQL.sql(tx)
                try await sql.delete(from: "phrase_hits").where("attempt_id", .in, SQLBind.group(some)).run()
                for (attempt, found) in findings {
                    for finding in found {
                        try await sql.insert(into: "phrase_hits").columns("id", "attempt_id", "phrase", "category", "start_ms", "offset")
                            .values(SQLBind(UUID()), SQLBind(attempt), SQLBind(finding.phrase), SQLBind(finding.category.rawValue),
                                    SQLBind(finding.startMs), SQLBind(finding.offset)).run()
                    }
                }
            }
        }
    }

    /// Every call with a transcript.
    public static func transcribedAttempts(on db: any Database) async throws -> [UUID] {
        try await StoreSQL.sql(db).select().distinct().column("attempt_id").from("transcript_segments").all()
            .map { try $0.decode(column: "attempt_id", as: UUID.self) }
    }

    public struct Hit: Sendable, Codable {
        public var attempt_id: UUID
        public var phrase: String
        public var category: String
        public var start_ms: Int
        public var offset: Int
    }

    /// The hits of some calls, or of a project's calls started in a range, by call and time.
    public static func hits(attempts: [UUID]? = nil, project: UUID? = nil, from: Date? = nil, to: Date? = nil,
                            on db: any Database) async throws -> [Hit] {
        let sql = try StoreSQL.sql(db)
        var select = sql.select().column(SQLColumn("attempt_id", table: "h")).column(SQLColumn("phrase", table: "h"))
            .column(SQLColumn("category", table: "h")).column(SQLColumn("start_ms", table: "h")).column(SQLColumn("offset", table: "h"))
            .from(SQLAlias(SQLIdentifier("phrase_hits"), as: SQLIdentifier("h")))
            .join(SQLAlias(SQLIdentifier(CallAttemptModel.schema), as: SQLIdentifier("c")), method: SQLJoinMethod.inner,
                  on: SQLColumn("attempt_id", table: "h"), .equal, SQLColumn("id", table: "c"))
        if let attempts { select = select.where(SQLColumn("attempt_id", table: "h"), .in, SQLBind.group(attempts)) }
        if let project { select = select.where(SQLColumn("project_id", table: "c"), .equal, SQLBind(project)) }
        if let from { select = select.where(SQLColumn("started_at", table: "c"), .greaterThanOrEqual, SQLBind(from)) }
        if let to { select = select.where(SQLColumn("started_at", table: "c"), .lessThan, SQLBind(to)) }
        return try await select.orderBy(SQLColumn("started_at", table: "c")).orderBy(SQLColumn("start_ms", table: "h")).all().map { row in
            Hit(attempt_id: try row.decode(column: "attempt_id", as: UUID.self), phrase: try row.decode(column: "phrase", as: String.self),
                category: try row.decode(column: "category", as: String.self), start_ms: try row.decode(column: "start_ms", as: Int.self),
                offset: try row.decode(column: "offset", as: Int.self))
        }
    }

    /// A call's transcript, turn by turn.
    public static func transcript(_ attempt: UUID, on db: any Database) async throws -> [(speaker: String, startMs: Int, text: String)] {
        try await StoreSQL.sql(db).select().columns("speaker", "start_ms", "text").from("transcript_segments")
            .where("attempt_id", .equal, SQLBind(attempt)).orderBy("start_ms").all().map { row in
                (try row.decode(column: "speaker", as: String.self), try row.decode(column: "start_ms", as: Int.self),
                 try row.decode(column: "text", as: String.self))
            }
    }
}
