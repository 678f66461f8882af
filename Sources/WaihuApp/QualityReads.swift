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

    package struct FindingView: Codable, Sendable {
        package var id: UUID
        package var review_id: UUID
        package var attempt_id: UUID
        package var agent: String
        package var category: String
        package var note: String
        package var households: Int
        package var created_at: Date
        package var trained_at: Date?
        package var trained_by: String?
        package var apology_required: Bool
        package var apology_done_at: Date?
        package var apology_by: String?
        package var apology_note: String?
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
        /// The inspector's display name, as pages show them.
        package var inspector_name: String
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
        package var findings: [FindingView]
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
        let inspectors = Set(reviews.map(\.inspector))
        let names = Dictionary(try await UserModel.query(on: db).filter(\.$username ~~ inspectors).all()
            .map { ($0.username, $0.displayName.isEmpty ? $0.username : $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let findings = Dictionary(grouping: try await findings(reviews: reviews.compactMap(\.id), calls: calls, on: db), by: \.review_id)
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
                          inspector_name: names[review.inspector] ?? review.inspector,
                          reviewed_at: review.reviewedAt, score: review.score, grade: review.grade, fatal: review.fatalItems, items: items,
                          comment: review.comment, appeal_reason: review.appealReason, appealed_at: review.appealedAt,
                          appeal_outcome: review.appealOutcome, appeal_decided_by: review.appealDecidedBy,
                          appeal_decided_at: review.appealDecidedAt, appeal_note: review.appealNote, findings: findings[id] ?? [])
        }
    }

    static func findings(reviews: [UUID], calls: Calls, on db: any Database) async throws -> [FindingView] {
        guard !reviews.isEmpty else { return [] }
        let models = try await QAFindingModel.query(on: db).filter(\.$reviewID ~~ Set(reviews)).sort(\.$createdAt).all()
        return models.compactMap { model in finding(model, agent: model.agentID.flatMap { calls.agents[$0] } ?? "") }
    }

    static func finding(_ model: QAFindingModel, agent: String) -> FindingView? {
        guard let id = model.id else { return nil }
        return FindingView(id: id, review_id: model.reviewID, attempt_id: model.attemptID, agent: agent, category: model.category, note: model.note,
                           households: model.households, created_at: model.createdAt, trained_at: model.trainedAt, trained_by: model.trainedBy,
                           apology_required: model.apologyRequired, apology_done_at: model.apologyDoneAt, apology_by: model.apologyBy,
                           apology_note: model.apologyNote)
    }

    /// The findings of calls whose agents the scope holds, newest first; `open` keeps those not yet trained or whose
    /// apology call is not yet made.
    package static func findings(scope: AccessScope, open: Bool, limit: Int = 500, on db: any Database) async throws -> [FindingView] {
        let query = QAFindingModel.query(on: db).sort(\.$createdAt, .descending).limit(limit)
        if scope != .organisation {
            query.filter(\.$agentID ~~ Set(try await AgentQueries.agents(in: scope, on: db).compactMap(\.id)))
        }
        if open {
            query.group(.or) { group in
                group.filter(\.$trainedAt == nil)
                group.group(.and) { $0.filter(\.$apologyRequired == true).filter(\.$apologyDoneAt == nil) }
            }
        }
        let models = try await query.all()
        let agents = try await AgentModel.query(on: db).filter(\.$id ~~ Set(models.compactMap(\.agentID))).all()
        let names = Dictionary(uniqueKeysWithValues: agents.compactMap { a in a.id.map { ($0, "\(a.number) \(a.name)") } })
        return models.compactMap { finding($0, agent: $0.agentID.flatMap { names[$0] } ?? "") }
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
