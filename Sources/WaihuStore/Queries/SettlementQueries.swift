import Fluent
import Foundation
import SQLKit
import WaihuCore

/// What a month's statements are computed from (issue 18, RULES E): the billable calls of the vendors' agents counted in
/// the database by project, agent, result and quarter hour; the unqualified tickets and valid complaints on their calls;
/// the verification failures; the vendors' other ledger entries.
public enum SettlementQueries {
    /// Billable calls of one project: per agent, disposition code and quarter hour (since 1970) the count.
    public struct Billable: Sendable {
        public var agent: UUID
        public var code: String
        public var quarter: Int
        public var count: Int
    }

    /// A project's billable calls in [from, to) by the given agents: test calls out, only the given result codes.
    public static func billable(project: UUID, codes: Set<String>, agents: Set<UUID>, from: Date, to: Date,
                                on db: any Database) async throws -> [Billable] {
        guard !codes.isEmpty, !agents.isEmpty else { return [] }
        let sql = try StoreSQL.sql(db)
        let quarter = DashboardQueries.quarter(sql)
        let rows = try await sql.raw("""
            SELECT agent_id, disposition, \(quarter) AS quarter, COUNT(*) AS n FROM \(ident: CallAttemptModel.schema)
            WHERE project_id = \(bind: project) AND started_at >= \(bind: from) AND started_at < \(bind: to)
            AND test_call = \(SQLLiteral.boolean(false)) AND disposition IN (\(binds: codes.sorted())) AND agent_id IS NOT NULL
            GROUP BY agent_id, disposition, \(quarter)
            """).all()
        return try rows.compactMap { row in
            let agent = try row.decode(column: "agent_id", as: UUID.self)
            guard agents.contains(agent) else { return nil }
            return Billable(agent: agent, code: try row.decode(column: "disposition", as: String.self),
                            quarter: try row.decode(column: "quarter", as: Int.self), count: try row.decode(column: "n", as: Int.self))
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

    /// The unqualified reviews on calls of these agents started in [from, to), as the calls' ids (one per review).
    public static func unqualifiedReviews(agents: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [UUID] {
        guard !agents.isEmpty else { return [] }
        let sql = try StoreSQL.sql(db)
        return try await sql.raw("""
            SELECT r.attempt_id FROM \(ident: QAReviewModel.schema) r JOIN \(ident: CallAttemptModel.schema) c ON c.id = r.attempt_id
            WHERE r.grade = \(bind: ReviewGrade.unqualified.rawValue) AND c.started_at >= \(bind: from) AND c.started_at < \(bind: to)
            AND c.test_call = \(SQLLiteral.boolean(false)) AND c.agent_id IN (\(binds: agents.sorted { $0.uuidString < $1.uuidString }))
            """).all().map { try $0.decode(column: "attempt_id", as: UUID.self) }
    }

    /// Valid complaints (not suggestions) about the vendor's work of the month: on a call of its agents started in the
    /// month, or, naming no call, about one of its agents or sites and registered in the month.
    public static func validComplaints(agents: Set<UUID>, sites: Set<UUID>, from: Date, to: Date, on db: any Database) async throws -> [ComplaintModel] {
        let complaints = try await ComplaintModel.query(on: db).filter(\.$valid == true)
            .filter(\.$type == ComplaintType.complaint.rawValue).all()
        let linked = try await calls(Set(complaints.compactMap(\.attemptID)), on: db)
        return complaints.filter { complaint in
            if let attempt = complaint.attemptID, let call = linked[attempt] {
                return call.agent.map(agents.contains) == true && call.startedAt >= from && call.startedAt < to
            }
            let ours = complaint.agentID.map(agents.contains) == true || complaint.siteID.map(sites.contains) == true
            return ours && complaint.registeredAt >= from && complaint.registeredAt < to
        }
    }

    /// The vendor ledger's entries of the month on these sites, not voided.
    public static func ledger(sites: Set<UUID>, month: String, on db: any Database) async throws -> [PenaltyEntryModel] {
        guard !sites.isEmpty else { return [] }
        return try await PenaltyEntryModel.query(on: db).filter(\.$subjectKind == PenaltySubject.vendor.rawValue)
            .filter(\.$subjectID ~~ Array(sites)).filter(\.$month == month).filter(\.$voidedAt == nil).all()
    }
}
