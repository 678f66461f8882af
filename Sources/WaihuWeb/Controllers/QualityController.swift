import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Quality inspection over HTTP (issue 17): scorecards, sampling, the inspector's tasks, reviews and appeals.
enum QualityController {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "scorecards", permission: .viewReviews, surface: .api, use: scorecards)
        api.endpoint(.PUT, "scorecards", ":code", permission: .manageScorecards, surface: .api, use: saveScorecard)
        api.endpoint(.POST, "projects", ":id", "qa", "samples", permission: .reviewCalls, surface: .api, use: sample)
        api.endpoint(.GET, "qa", "tasks", permission: .reviewCalls, surface: .api, use: tasks)
        api.endpoint(.POST, "qa", "tasks", ":task", "review", permission: .reviewCalls, surface: .api, use: review)
        api.endpoint(.GET, "qa", "reviews", permission: .viewReviews, surface: .api, use: reviews)
        api.endpoint(.GET, "qa", "reviews", "mine", permission: .appealReviews, surface: .api, use: mine)
        api.endpoint(.POST, "qa", "reviews", ":review", "appeal", permission: .appealReviews, surface: .api, use: appeal)
        api.endpoint(.POST, "qa", "reviews", ":review", "decision", permission: .reviewCalls, surface: .api, use: decide)
        api.endpoint(.GET, "qa", "lexicon", permission: .viewReviews, surface: .api, use: lexicon)
        api.endpoint(.PUT, "qa", "lexicon", permission: .manageScorecards, surface: .api, use: saveLexicon)
        api.endpoint(.GET, "qa", "phrases", permission: .viewReviews, surface: .api, use: phrases)
        api.endpoint(.GET, "recording-retention", permission: .viewReviews, surface: .api, use: retention)
        api.endpoint(.PUT, "recording-retention", permission: .manageContactRules, surface: .api, use: setRetention)
        QualityPages.register(app)
    }

    struct RetentionDTO: Content {
        var days: Int
    }

    static func retention(_ req: Request) async throws -> RetentionDTO {
        RetentionDTO(days: try await QualityService.retentionDays(on: req.db))
    }

    static func setRetention(_ req: Request) async throws -> RetentionDTO {
        let input = try req.content.decode(RetentionDTO.self)
        return RetentionDTO(days: try await QualityService.setRetention(days: input.days, actor: req.auditEvent("recording.retention", targetType: "organisation"),
                                                                         at: req.now, on: req.db))
    }

    struct ScorecardDTO: Content {
        var scorecard: Scorecard
        var version: Int
    }

    static func scorecards(_ req: Request) async throws -> [ScorecardDTO] {
        try await QualityQueries.scorecards(on: req.db).map { ScorecardDTO(scorecard: $0.scorecard, version: $0.version) }
    }

    static func saveScorecard(_ req: Request) async throws -> ScorecardDTO {
        var card = try req.content.decode(Scorecard.self)
        card.code = req.parameters.get("code") ?? card.code
        let version = try await QualityQueries.save(card, by: try req.currentUser().username, at: req.now, on: req.db)
        var event = req.auditEvent("qa.scorecard", targetType: "scorecard")
        event.targetID = card.code
        event.detail = "version=\(version)"
        try await AuditLog.append(event, at: req.now, on: req.db)
        return ScorecardDTO(scorecard: card, version: version)
    }

    struct SampleInput: Content {
        var from: String
        var to: String
        var per_agent: Int?
        var share: Double?
        var min_talk: Int?
        var dispositions: [String]?
        var inspectors: [String]?
        var site: String?
        var team: String?
        var seed: UInt64
    }

    static func sample(_ req: Request) async throws -> QualityService.SampleOutcome {
        try await sample(req, try req.content.decode(SampleInput.self))
    }

    static func sample(_ req: Request, _ input: SampleInput) async throws -> QualityService.SampleOutcome {
        guard let from = LocalDate(input.from) else { throw DomainError.invalidField("from", zh: "日期格式为 YYYY-MM-DD", en: "a date is YYYY-MM-DD") }
        guard let to = LocalDate(input.to) else { throw DomainError.invalidField("to", zh: "日期格式为 YYYY-MM-DD", en: "a date is YYYY-MM-DD") }
        if input.per_agent != nil && input.share != nil {
            throw DomainError(.badInput, code: "per_agent_or_share", zh: "按每名坐席条数或按比例抽检，二选一", en: "Sample per agent or by share, not both")
        }
        let amount: SamplingPlan.Amount = input.per_agent.map { .perAgent($0) } ?? input.share.map { .share($0, minimum: 5) } ?? SamplingPlan.defaultAmount
        let plan = try SamplingPlan(amount: amount, minimumTalk: input.min_talk ?? 0,
                                    dispositions: input.dispositions.flatMap { $0.isEmpty ? nil : Set($0) }, seed: input.seed)
        return try await QualityService.sample(project: try await ProjectController.find(req), from: from, to: to, plan: plan,
                                               inspectors: input.inspectors.flatMap { $0.isEmpty ? nil : $0 }, site: input.site, team: input.team,
                                               actor: req.auditEvent("qa.sample", targetType: "project"), at: req.now, on: req.db)
    }

    static func tasks(_ req: Request) async throws -> [QualityReads.Task] {
        try await QualityReads.tasks(inspector: try req.currentUser().id, on: req.db)
    }

    struct ReviewInput: Content {
        var marks: [String: ReviewScore.Mark]
        var comment: String?
        var findings: [Finding]?
    }

    static func review(_ req: Request) async throws -> QualityReads.Review {
        let input = try req.content.decode(ReviewInput.self)
        let review = try await QualityService.review(task: try id(req, "task"), marks: input.marks, comment: input.comment,
                                                     findings: input.findings ?? [], user: try req.currentUser(),
                                                     actor: req.auditEvent("qa.review", targetType: "qa_review"), at: req.now, on: req.db)
        return try await QualityReads.review(try review.requireID(), on: req.db)
    }

    static func reviews(_ req: Request) async throws -> [QualityReads.Review] {
        try await QualityReads.reviews(scope: try req.currentUser().scope, on: req.db)
    }

    static func mine(_ req: Request) async throws -> [QualityReads.Review] {
        try await QualityReads.reviews(scope: try req.currentUser().scope, on: req.db)
    }

    struct AppealInput: Content {
        var reason: String
    }

    static func appeal(_ req: Request) async throws -> QualityReads.Review {
        let input = try req.content.decode(AppealInput.self)
        let review = try await QualityService.appeal(review: try id(req, "review"), reason: input.reason, user: try req.currentUser(), at: req.now, on: req.db)
        return try await QualityReads.review(try review.requireID(), on: req.db)
    }

    struct DecisionInput: Content {
        var outcome: String
        var note: String?
        var marks: [String: ReviewScore.Mark]?
    }

    static func decide(_ req: Request) async throws -> QualityReads.Review {
        let input = try req.content.decode(DecisionInput.self)
        guard let outcome = AppealOutcome(rawValue: input.outcome) else {
            throw DomainError.invalidField("outcome", zh: "结果须为 upheld（维持）或 revised（改判）", en: "the outcome is upheld or revised")
        }
        let review = try await QualityService.decide(review: try id(req, "review"), outcome: outcome, note: input.note ?? "", marks: input.marks,
                                                     user: try req.currentUser(), actor: req.auditEvent("qa.appeal_decision", targetType: "qa_review"),
                                                     at: req.now, on: req.db)
        return try await QualityReads.review(try review.requireID(), on: req.db)
    }

    static func lexicon(_ req: Request) async throws -> [PhraseEntry] { try await PhraseQueries.lexicon(on: req.db) }

    /// Replaces the lexicon; every call with a transcript is checked again with it.
    static func saveLexicon(_ req: Request) async throws -> [PhraseEntry] {
        let entries = try req.content.decode([PhraseEntry].self)
        try await PhraseQueries.save(entries, on: req.db)
        var event = req.auditEvent("qa.lexicon", targetType: "lexicon")
        event.detail = "entries=\(entries.count)"
        try await AuditLog.append(event, at: req.now, on: req.db)
        try await PhraseQueries.recheck(try await PhraseQueries.transcribedAttempts(on: req.db), on: req.db)
        return try await PhraseQueries.lexicon(on: req.db)
    }

    /// The hits of a project's calls (`project`, `from`, `to` as the organisation's days, the last 30 days by default).
    static func phrases(_ req: Request) async throws -> [PhraseQueries.Hit] {
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let today = LocalTime(req.now, in: zone).date
        let from = try req.query[String.self, at: "from"].map { text throws -> LocalDate in
            guard let day = LocalDate(text) else { throw DomainError.invalidField("from", zh: "日期格式为 YYYY-MM-DD", en: "a date is YYYY-MM-DD") }
            return day
        } ?? today.addingDays(-29)
        let to = try req.query[String.self, at: "to"].map { text throws -> LocalDate in
            guard let day = LocalDate(text) else { throw DomainError.invalidField("to", zh: "日期格式为 YYYY-MM-DD", en: "a date is YYYY-MM-DD") }
            return day
        } ?? today
        var project: UUID?
        if let code = req.query[String.self, at: "project"], !code.isEmpty {
            guard let found = try await ProjectQueries.project(code, in: try req.currentUser().scope, on: req.db) else {
                throw DomainError.notFound(LocalizedText(zh: "项目 \(code)", en: "project \(code)"))
            }
            project = try found.project.requireID()
        }
        return try await PhraseQueries.hits(project: project, from: LocalTime.instant(from, in: zone), to: LocalTime.instant(to.addingDays(1), in: zone),
                                            on: req.db)
    }

    static func id(_ req: Request, _ name: String) throws -> UUID {
        guard let id = req.parameters.get(name, as: UUID.self) else {
            throw DomainError.notFound(LocalizedText(zh: name == "task" ? "质检任务" : "质检结果", en: name == "task" ? "review task" : "review"))
        }
        return id
    }
}
