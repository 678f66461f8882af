import Fluent
import Foundation
import SQLKit
import WaihuCore

/// What a month's statements are computed from (issue 18, RULES E): the billable calls of the vendors' agents counted in
/// the database by project, agent, result and quarter hour; the unqualified tickets and valid complaints on their calls;
/// the verification failures; the vendors' other ledger entries.
public enum SettlementQueries {
    /// Billable calls of one project: per site of the agent, disposition code and time bucket the count.
    public struct Billable: Sendable {
        public var site: UUID
        public var code: String
        /// The bucket's start, as an instant.
        public var start: Date
        public var count: Int
    }

    /// A project's billable calls in [from, to) by the agents of the given sites: test calls out, only the given result
    /// codes; counted per local day when the zone keeps one offset over the range (no daylight-saving change), else per
    /// quarter hour, so that a month of a large floor comes back as a few thousand rows.
    public static func billable(project: UUID, codes: Set<String>, sites: Set<UUID>, from: Date, to: Date, zone: TimeZone,
                                on db: any Database) async throws -> [Billable] {
        guard !codes.isEmpty, !sites.isEmpty else { return [] }
        let sql = try StoreSQL.sql(db)
        let fixed = zone.nextDaylightSavingTimeTransition(after: from).map { $0 >= to } ?? true
        let offset = fixed ? zone.secondsFromGMT(for: from) : 0
        let size = fixed ? 86_400 : 900
        let seconds: SQLQueryString = sql.dialect.name == "postgresql" ? "EXTRACT(EPOCH FROM c.started_at)" : "c.started_at"
        let bucket: SQLQueryString = "CAST(FLOOR((" + seconds + " + \(literal: offset)) / \(literal: size)) AS BIGINT)"
        let bucketSQLite: SQLQueryString = "CAST((c.started_at + \(literal: offset)) / \(literal: size) AS INTEGER)"
        let expression = sql.dialect.name == "postgresql" ? bucket : bucketSQLite
        let rows = try await sql.raw("""
            SELECT a.site_id AS site, c.disposition AS code, \(expression) AS bucket, COUNT(*) AS n
            FROM \(ident: CallAttemptModel.schema) c JOIN \(ident: AgentModel.schema) a ON a.id = c.agent_id
            WHERE c.project_id = \(bind: project) AND c.started_at >= \(bind: from) AND c.started_at < \(bind: to)
            AND c.test_call = \(SQLLiteral.boolean(false)) AND c.disposition IN (\(binds: codes.sorted()))
            AND a.site_id IN (\(binds: sites.sorted { $0.uuidString < $1.uuidString }))
            GROUP BY a.site_id, c.disposition, \(expression)
            """).all()
        return try rows.map { row in
            Billable(site: try row.decode(column: "site", as: UUID.self), code: try row.decode(column: "code", as: String.self),
                     start: Date(timeIntervalSince1970: Double(try row.decode(column: "bucket", as: Int.self) * size - offset)),
                     count: try row.decode(column: "n", as: Int.self))
        }
    }

    /// A call of the month, for the verification failures and the quality counts.
    public struct Call: Sendable {
        public var id: UUID
        public var project: UUID?
        public var agent: UUID?
        public var startedAt: Date
        public var disposition: String?
    }

    /// The calls of these ids (a few hundred at most: verification samples, reviews, complaints).
    public static func calls(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: Call] {
        var found: [UUID: Call] = [:]
        let list = Array(ids)
        for start in stride(from: 0, to: list.count, by: 500) {
            for call in try await CallAttemptModel.query(on: db).filter(\.$id ~~ Array(list[start ..< min(start + 500, list.count)]))
                .filter(\.$testCall == false).all() {
                guard let id = call.id else { continue }
                found[id] = Call(id: id, project: call.projectID, agent: call.agentID, startedAt: call.startedAt, disposition: call.disposition)
            }
        }
        return found
    }

    /// A review of a call of the month: its score (the service-quality score's part, E-03) and whether it is an
    /// unqualified ticket.
    public struct Review: Sendable {
        public var call: Call
        public var score: Int
        public var unqualified: Bool
    }

    /// The reviews of calls started in [from, to): read from the reviews (made after their calls, so since `from`), a few
    /// hundred a month, rather than from the month's calls. An appeal's new score is the one read.
    public static func reviews(from: Date, to: Date, on db: any Database) async throws -> [Review] {
        let reviews = try await QAReviewModel.query(on: db).filter(\.$reviewedAt >= from).all()
        let calls = try await calls(Set(reviews.map(\.attemptID)), on: db)
        return reviews.compactMap { review in
            guard let call = calls[review.attemptID], call.startedAt >= from, call.startedAt < to else { return nil }
            return Review(call: call, score: review.score, unqualified: review.reviewGrade == .unqualified)
        }
    }

    /// A valid complaint (not a suggestion) of the month: on a call started in [from, to), or, naming no call, registered
    /// in it; with the agent and site it is about.
    public struct Complaint: Sendable {
        public var agent: UUID?
        public var site: UUID?
    }

    public static func validComplaints(from: Date, to: Date, on db: any Database) async throws -> [Complaint] {
        let complaints = try await ComplaintModel.query(on: db).filter(\.$valid == true).filter(\.$type == ComplaintType.complaint.rawValue)
            .filter(\.$registeredAt >= from).all()
        let linked = try await calls(Set(complaints.compactMap(\.attemptID)), on: db)
        return complaints.compactMap { complaint in
            if let attempt = complaint.attemptID, let call = linked[attempt] {
                return call.startedAt >= from && call.startedAt < to ? Complaint(agent: call.agent, site: nil) : nil
            }
            return complaint.registeredAt < to ? Complaint(agent: complaint.agentID, site: complaint.siteID) : nil
        }
    }

    /// The vendor ledger's entries of the month on these sites, not voided.
    public static func ledger(sites: Set<UUID>, month: String, on db: any Database) async throws -> [PenaltyEntryModel] {
        guard !sites.isEmpty else { return [] }
        return try await PenaltyEntryModel.query(on: db).filter(\.$subjectKind == PenaltySubject.vendor.rawValue)
            .filter(\.$subjectID ~~ Array(sites)).filter(\.$month == month).filter(\.$voidedAt == nil).all()
    }
}
