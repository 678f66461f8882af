import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// What the quality pages and API read: an inspector's open tasks, reviews within a scope, one review with its
/// scorecard's items beside their marks.
package enum QualityReads {
    package struct Task: Codable, Sendable {
        package var id: UUID
        package var attempt_id: UUID
        package var project: String
        package var agent: String
        package var call_started_at: Date
        package var talk_seconds: Int
        package var disposition: String?
        package var flagged: Bool
        package var created_at: Date
    }

    package struct Item: Codable, Sendable {
        package var id: String
        package var section: String
        package var text: String
        package var points: Int
        package var kind: String
        package var fatal: Bool
        package var score: Int?
        package var mark: ReviewScore.Mark?
    }

    package struct Review: Codable, Sendable {
        package var id: UUID
        package var attempt_id: UUID
        package var project: String
        package var agent: String
        package var call_started_at: Date
        package var scorecard: String
        package var scorecard_version: Int
        package var inspector: String
        package var reviewed_at: Date
        package var score: Int
        package var grade: String
        package var fatal: [String]
        package var items: [Item]
        package var comment: String?
        package var appeal_reason: String?
        package var appealed_at: Date?
        package var appeal_outcome: String?
        package var appeal_decided_by: String?
        package var appeal_decided_at: Date?
        package var appeal_note: String?
    }

    /// The open tasks of an inspector, flagged first, oldest call first.
    package static func tasks(inspector: UUID, on db: any Database) async throws -> [Task] {
        let tasks = try await QATaskModel.query(on: db).filter(\.$inspectorID == inspector).filter(\.$reviewedAt == nil).all()
        let calls = try await calls(tasks.map(\.attemptID), on: db)
        return tasks.compactMap { task in
            guard let call = calls.attempts[task.attemptID], let id = task.id else { return nil }
            return Task(id: id, attempt_id: task.attemptID, project: calls.projects[task.projectID] ?? "",
                        agent: call.agentID.flatMap { calls.agents[$0] } ?? "", call_started_at: call.startedAt, talk_seconds: call.talkSeconds,
                        disposition: call.disposition, flagged: task.flagged, created_at: task.createdAt)
        }.sorted { ($0.flagged ? 0 : 1, $0.call_started_at) < ($1.flagged ? 0 : 1, $1.call_started_at) }
    }

    /// Reviews of calls whose agents the scope holds (all in the organisation's), newest first.
    package static func reviews(scope: AccessScope, limit: Int = 500, on db: any Database) async throws -> [Review] {
        var query = QAReviewModel.query(on: db).sort(\.$reviewedAt, .descending).limit(limit)
        if scope != .organisation {
            // Joined to the calls, so that a supervisor's or a vendor's reviews do not need every call of their agents read first.
            let agents = try await AgentQueries.agents(in: scope, on: db).compactMap(\.id)
            query = query.join(CallAttemptModel.self, on: \QAReviewModel.$attemptID == \CallAttemptModel.$id)
                .filter(CallAttemptModel.self, \.$agentID ~~ agents)
        }
        let reviews = try await query.all()
        return try await describe(reviews, on: db)
    }

    package static func review(_ id: UUID, on db: any Database) async throws -> Review {
        guard let review = try await QAReviewModel.find(id, on: db), let described = try await describe([review], on: db).first else {
            throw DomainError.notFound(LocalizedText(zh: "质检结果", en: "review"))
        }
        return described
    }

    static func describe(_ reviews: [QAReviewModel], on db: any Database) async throws -> [Review] {
        let calls = try await calls(reviews.map(\.attemptID), on: db)
        var cards: [String: Scorecard] = [:]
        for review in reviews where cards["\(review.scorecardCode)#\(review.scorecardVersion)"] == nil {
            cards["\(review.scorecardCode)#\(review.scorecardVersion)"] =
                try await QualityQueries.scorecard(review.scorecardCode, version: review.scorecardVersion, on: db)
        }
        return reviews.compactMap { review in
            guard let id = review.id, let call = calls.attempts[review.attemptID] else { return nil }
            let card = cards["\(review.scorecardCode)#\(review.scorecardVersion)"]
            let marks = review.itemMarks
            let scores = card.flatMap { try? ReviewScore($0, marks: marks) }?.items ?? [:]
            let items = card?.sections.flatMap { section in
                section.items.map { item in
                    Item(id: item.id, section: section.title, text: item.text, points: item.points, kind: item.kind.rawValue, fatal: item.fatal,
                         score: scores[item.id], mark: marks[item.id])
                }
            } ?? []
            return Review(id: id, attempt_id: review.attemptID, project: call.projectID.flatMap { calls.projects[$0] } ?? "",
                          agent: call.agentID.flatMap { calls.agents[$0] } ?? "", call_started_at: call.startedAt,
                          scorecard: card?.name ?? review.scorecardCode, scorecard_version: review.scorecardVersion, inspector: review.inspector,
                          reviewed_at: review.reviewedAt, score: review.score, grade: review.grade, fatal: review.fatalItems, items: items,
                          comment: review.comment, appeal_reason: review.appealReason, appealed_at: review.appealedAt,
                          appeal_outcome: review.appealOutcome, appeal_decided_by: review.appealDecidedBy,
                          appeal_decided_at: review.appealDecidedAt, appeal_note: review.appealNote)
        }
    }

    struct Calls {
        var attempts: [UUID: CallAttemptModel]
        var projects: [UUID: String]
        var agents: [UUID: String]
    }

    static func calls(_ ids: [UUID], on db: any Database) async throws -> Calls {
        let attempts = ids.isEmpty ? [] : try await CallAttemptModel.query(on: db).filter(\.$id ~~ Set(ids)).all()
        let projects = try await ProjectModel.query(on: db).all()
        let agents = try await AgentModel.query(on: db).filter(\.$id ~~ Set(attempts.compactMap(\.agentID))).all()
        return Calls(attempts: Dictionary(uniqueKeysWithValues: attempts.compactMap { a in a.id.map { ($0, a) } }),
                     projects: Dictionary(uniqueKeysWithValues: projects.compactMap { p in p.id.map { ($0, p.code) } }),
                     agents: Dictionary(uniqueKeysWithValues: agents.compactMap { a in a.id.map { ($0, "\(a.number) \(a.name)") } }))
    }
}
