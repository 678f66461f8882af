import Fluent
import Foundation
import SQLKit
import SQLiteNIO
import WaihuCore

/// Scorecards, sampling tasks and reviews (issue 17).
public enum QualityQueries {
    /// The scorecard of a code in force: its highest saved version, or the shipped one as version 0.
    public static func scorecard(_ code: String, on db: any Database) async throws -> (scorecard: Scorecard, version: Int)? {
        if let saved = try await ScorecardModel.query(on: db).filter(\.$code == code).sort(\.$version, .descending).first(),
           let card = saved.scorecard {
            return (card, saved.version)
        }
        return DefaultScorecards.all.first { $0.code == code }.map { ($0, 0) }
    }

    /// One version of a scorecard, as a review recorded it.
    public static func scorecard(_ code: String, version: Int, on db: any Database) async throws -> Scorecard? {
        if version == 0 { return DefaultScorecards.all.first { $0.code == code } }
        return try await ScorecardModel.query(on: db).filter(\.$code == code).filter(\.$version == version).first()?.scorecard
    }

    /// Every scorecard code in force, shipped ones first.
    public static func scorecards(on db: any Database) async throws -> [(scorecard: Scorecard, version: Int)] {
        let saved = Set(try await ScorecardModel.query(on: db).all().map(\.code))
        var codes = DefaultScorecards.all.map(\.code)
        codes += saved.subtracting(codes).sorted()
        var cards: [(Scorecard, Int)] = []
        for code in codes { if let card = try await scorecard(code, on: db) { cards.append(card) } }
        return cards
    }

    /// Saves a new version of a scorecard; returns its number.
    public static func save(_ card: Scorecard, by user: String, at now: Date, on db: any Database) async throws -> Int {
        let card = try card.validated()
        return try await StoreTransaction.write(db) { tx in
            let version = (try await scorecard(card.code, on: tx)?.version ?? 0) + 1
            let model = ScorecardModel()
            model.code = card.code
            model.version = version
            model.name = card.name
            model.definition = String(decoding: try JSONEncoder().encode(card), as: UTF8.self)
            model.createdBy = user
            model.createdAt = now
            try await model.create(on: tx)
            return version
        }
    }

    /// The project's connected calls started in [from, to) not sampled before, with their agents; flagged when a
    /// complaint names the call or a forbidden phrase was found in it.
    public static func candidates(project: UUID, from: Date, to: Date, agents: Set<UUID>? = nil,
                                  on db: any Database) async throws -> [SamplingPlan.Candidate] {
        let sql = try StoreSQL.sql(db)
        // Complained about, or a forbidden phrase found on the agent's side: reviewed first.
        var complained = Set(try await sql.select().column("attempt_id").from(ComplaintModel.schema)
            .where("attempt_id", .isNot, SQLLiteral.null).all().compactMap { try $0.decode(column: "attempt_id", as: UUID?.self) })
        complained.formUnion(try await sql.select().column("attempt_id").from("phrase_hits").where("category", .notEqual, SQLBind("missing_courtesy"))
            .all().map { try $0.decode(column: "attempt_id", as: UUID.self) })
        if let sqlite = db as? any SQLiteDatabase {
            return try await candidates(project: project, from: from, to: to, agents: agents, flagged: complained, sqlite: sqlite)
        }
        return try await candidates(project: project, from: from, to: to, agents: agents, flagged: complained, sql: sql)
    }

    /// The read through SQLKit, as PostgreSQL runs it.
    static func candidates(project: UUID, from: Date, to: Date, agents: Set<UUID>?, flagged complained: Set<UUID>,
                           sql: any SQLDatabase) async throws -> [SamplingPlan.Candidate] {
        var select = sql.select().column(SQLColumn("id", table: "c")).column(SQLColumn("talk_seconds", table: "c"))
            .column(SQLColumn("disposition", table: "c")).column(SQLColumn("number", table: "a"))
            .from(SQLAlias(SQLIdentifier(CallAttemptModel.schema), as: SQLIdentifier("c")))
            .join(SQLAlias(SQLIdentifier(AgentModel.schema), as: SQLIdentifier("a")), method: SQLJoinMethod.inner,
                  on: SQLColumn("agent_id", table: "c"), .equal, SQLColumn("id", table: "a"))
            .where(SQLColumn("project_id", table: "c"), .equal, SQLBind(project))
            .where(SQLColumn("test_call", table: "c"), .equal, SQLLiteral.boolean(false))
            .where(SQLColumn("talk_seconds", table: "c"), .greaterThan, SQLLiteral.numeric("0"))
            .where(SQLColumn("started_at", table: "c"), .greaterThanOrEqual, SQLBind(from))
            .where(SQLColumn("started_at", table: "c"), .lessThan, SQLBind(to))
            .where(SQLColumn("id", table: "c"), .notIn, SQLGroupExpression(
                SQLRaw("SELECT attempt_id FROM \(QATaskModel.schema)")))
        if let agents { select = select.where(SQLColumn("agent_id", table: "c"), .in, SQLBind.group(Array(agents))) }
        return try await select.all().map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return SamplingPlan.Candidate(attempt: id, agent: try row.decode(column: "number", as: String.self),
                                          talkSeconds: try row.decode(column: "talk_seconds", as: Int.self),
                                          disposition: try row.decode(column: "disposition", as: String?.self),
                                          flagged: complained.contains(id))
        }
    }

    /// The same read on SQLite with plain binds and rows read as they come: a month of a large floor is millions of
    /// connected calls, and a decoder per value costs seconds.
    static func candidates(project: UUID, from: Date, to: Date, agents: Set<UUID>?, flagged: Set<UUID>,
                           sqlite: any SQLiteDatabase) async throws -> [SamplingPlan.Candidate] {
        // The agents' numbers looked up here rather than joined: two hundred of them, and a join per row costs.
        let numbers = Dictionary(try await sqlite.query("SELECT id, number FROM \(AgentModel.schema)").compactMap { row -> (UUID, String)? in
            guard let id = row.column("id").flatMap(Self.uuid), case .text(let number)? = row.column("number") else { return nil }
            return (id, number)
        }, uniquingKeysWith: { a, _ in a })
        // The calls' columns each joined into one text, in the same order (one scan steps every aggregate): the agents'
        // and the calls' ids back to back (36 characters each), the talk times and the results each separated. Read from
        // the partial index of connected calls alone (named: without statistics SQLite would take the wider one by
        // project and start): SQLite appends a column's value to its text in C, where millions of rows would each cost a
        // row object here, and a joined expression per row would cost a string each.
        var query = """
            SELECT group_concat(c.agent_id, '') AS agents, group_concat(c.id, '') AS ids, group_concat(c.talk_seconds, ',') AS talks,
            group_concat(coalesce(c.disposition, ''), char(31)) AS results
            FROM \(CallAttemptModel.schema) c INDEXED BY \(UpdateIndexesForConnectedCalls.name)
            WHERE c.project_id = ?1 AND c.test_call = 0 AND c.talk_seconds > 0 AND c.started_at >= ?2 AND c.started_at < ?3
            AND c.agent_id IS NOT NULL AND c.id NOT IN (SELECT attempt_id FROM \(QATaskModel.schema))
            """
        var binds: [SQLiteData] = [.text(project.uuidString), .float(from.timeIntervalSince1970), .float(to.timeIntervalSince1970)]
        if let agents {
            guard !agents.isEmpty else { return [] }
            query += " AND c.agent_id IN (" + agents.indices.map { _ in "?" }.joined(separator: ", ") + ")"
            binds += agents.map { .text($0.uuidString) }
        }
        guard let row = try await sqlite.query(query, binds).first, case .text(var agentText)? = row.column("agents"),
              case .text(var idText)? = row.column("ids"), case .text(var talkText)? = row.column("talks"),
              case .text(var resultText)? = row.column("results") else { return [] }
        let talks = talkText.withUTF8 { bytes in bytes.split(separator: 0x2C, omittingEmptySubsequences: false).map { Self.integer($0) } }
        let results = resultText.withUTF8 { bytes in
            bytes.split(separator: 0x1F, omittingEmptySubsequences: false).map { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
        }
        var candidates: [SamplingPlan.Candidate] = []
        candidates.reserveCapacity(talks.count)
        var unreadable = 0
        agentText.withUTF8 { agentBytes in
            idText.withUTF8 { idBytes in
                guard agentBytes.count == talks.count * 36, idBytes.count == talks.count * 36, results.count == talks.count else {
                    unreadable = max(talks.count, 1)
                    return
                }
                for index in talks.indices {
                    let start = index * 36
                    guard let agent = TextUUID.parse(agentBytes[start ..< start + 36]), let number = numbers[agent],
                          let id = TextUUID.parse(idBytes[start ..< start + 36]), let talk = talks[index] else {
                        unreadable += 1
                        continue
                    }
                    candidates.append(SamplingPlan.Candidate(attempt: id, agent: number, talkSeconds: talk, disposition: results[index],
                                                             flagged: flagged.contains(id)))
                }
            }
        }
        guard unreadable == 0 else { throw StoreSQL.StoreError.unreadable(table: CallAttemptModel.schema, rows: unreadable) }
        return candidates
    }

    /// A whole number written in ASCII digits.
    static func integer(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !digits.isEmpty, digits.count < 19 else { return nil }
        var value = 0
        for byte in digits {
            guard (0x30 ... 0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// An id as SQLite keeps it: text, or 16 bytes.
    static func uuid(_ data: SQLiteData) -> UUID? {
        switch data {
        case .text(var text): return text.withUTF8 { TextUUID.parse($0[...]) }
        case .blob(var buffer):
            guard buffer.readableBytes == 16, let bytes = buffer.readBytes(length: 16) else { return nil }
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        default: return nil
        }
    }

    /// Creates the review tasks of a sample in one transaction; an attempt another sample took meanwhile is refused
    /// by the store (one task per attempt, ever), and then nothing is created.
    public static func createTasks(_ tasks: [(candidate: SamplingPlan.Candidate, inspector: UUID)], project: UUID, plan: String,
                                   at now: Date, on db: any Database) async throws {
        try await StoreTransaction.write(db) { tx in
            let sql = try StoreSQL.sql(tx)
            for start in stride(from: 0, to: tasks.count, by: 200) {
                var insert = sql.insert(into: QATaskModel.schema).columns("id", "attempt_id", "project_id", "inspector_id", "plan", "flagged", "created_at")
                for task in tasks[start ..< min(start + 200, tasks.count)] {
                    insert = insert.values(SQLBind(UUID()), SQLBind(task.candidate.attempt), SQLBind(project), SQLBind(task.inspector),
                                           SQLBind(plan), SQLBind(task.candidate.flagged), SQLBind(now))
                }
                try await insert.run()
            }
        }
    }

    /// A review saved, its task closed, the day of its call counted again in the metrics.
    public static func saveReview(_ review: QAReviewModel, task: QATaskModel?, actor: AuditEvent, at now: Date, on db: any Database) async throws {
        try await StoreTransaction.write(db) { tx in
            try await review.create(on: tx)
            if let task {
                task.reviewedAt = now
                try await task.save(on: tx)
            }
            if let call = try await CallAttemptModel.find(review.attemptID, on: tx) {
                try await MetricCellQueries.invalidate([call.startedAt], on: tx)
            }
            var event = actor
            event.targetID = review.id?.uuidString
            event.detail = "scorecard \(review.scorecardCode) v\(review.scorecardVersion), score \(review.score), \(review.grade)"
            try await AuditLog.append(event, at: now, on: tx)
        }
    }
}
