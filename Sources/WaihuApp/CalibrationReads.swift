import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// What the calibration pages and API read: the sessions, one session's calls with who has scored them (never the
/// scores while it is open), and once closed its report.
package enum CalibrationReads {
    package struct CallView: Codable, Sendable {
        package var attempt_id: UUID
        package var agent: String
        package var call_started_at: Date
        /// Usernames of the inspectors who have scored it.
        package var scored_by: [String]
    }

    package struct ItemView: Codable, Sendable {
        package var item: String
        package var text: String
        package var scores: [String: Int]
        package var spread: Int
        package var agreed: Bool
    }

    package struct ReportCall: Codable, Sendable {
        package var attempt_id: UUID
        package var totals: [String: Int]
        package var mean: Double
        package var spread: Int
        package var items: [ItemView]
    }

    package struct ReportInspector: Codable, Sendable {
        package var inspector: String
        package var calls: Int
        package var deviation: Double
        package var absolute_deviation: Double
    }

    package struct SessionView: Codable, Sendable {
        package var id: UUID
        package var name: String
        package var project: String
        package var scorecard: String
        package var inspectors: [String]
        package var created_by: String
        package var created_at: Date
        package var closed_at: Date?
        package var calls: [CallView]
        /// Once closed: every score side by side, the deviations and the share of items all agree on.
        package var report: [ReportCall]?
        package var report_inspectors: [ReportInspector]?
        package var agreement: Double?
    }

    package static func sessions(on db: any Database) async throws -> [CalibrationSessionModel] {
        try await CalibrationSessionModel.query(on: db).sort(\.$createdAt, .descending).limit(100).all()
    }

    package static func view(_ session: CalibrationSessionModel, on db: any Database) async throws -> SessionView {
        let id = try session.requireID()
        let scores = try await CalibrationScoreModel.query(on: db).filter(\.$sessionID == id).all()
        let calls = try await QualityReads.calls(session.attempts, on: db)
        let card = try await QualityQueries.scorecard(session.scorecardCode, version: session.scorecardVersion, on: db)
        let project = try await ProjectModel.find(session.projectID, on: db)
        let texts = Dictionary(card?.items.map { ($0.id, $0.text) } ?? [], uniquingKeysWith: { a, _ in a })
        var view = SessionView(
            id: id, name: session.name, project: project.map { "\($0.code) \($0.name)" } ?? "", scorecard: card?.name ?? session.scorecardCode,
            inspectors: session.inspectors, created_by: session.createdBy, created_at: session.createdAt, closed_at: session.closedAt,
            calls: session.attempts.compactMap { attempt in
                guard let call = calls.attempts[attempt] else { return nil }
                return CallView(attempt_id: attempt, agent: call.agentID.flatMap { calls.agents[$0] } ?? "", call_started_at: call.startedAt,
                                scored_by: scores.filter { $0.attemptID == attempt }.map(\.inspector).sorted())
            })
        guard session.closedAt != nil else { return view }
        let report = Calibration.report(scores.map { .init(attempt: $0.attemptID, inspector: $0.inspector, items: $0.itemScores, total: $0.total) },
                                        calls: session.attempts, items: card?.items.map(\.id) ?? [])
        view.report = report.calls.map { call in
            ReportCall(attempt_id: call.attempt, totals: call.totals, mean: call.mean, spread: call.spread,
                       items: call.items.map { ItemView(item: $0.item, text: texts[$0.item] ?? $0.item, scores: $0.scores, spread: $0.spread, agreed: $0.agreed) })
        }
        view.report_inspectors = report.inspectors.map {
            ReportInspector(inspector: $0.inspector, calls: $0.calls, deviation: $0.deviation, absolute_deviation: $0.absoluteDeviation)
        }
        view.agreement = report.agreement
        return view
    }
}
