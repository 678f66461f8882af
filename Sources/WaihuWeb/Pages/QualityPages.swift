import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The quality pages (质检, issue 17): `/qa` — an inspector's queue, the sample form, appeals to decide, the reviews
/// in one's scope; `/qa/tasks/{id}` — the call and its scorecard to fill; `/qa/reviews/{id}` — a review item by
/// item, with the appeal and its decision; `/qa/mine` — an agent's own reviews.
enum QualityPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "qa", permission: .viewReviews, surface: .page, use: queue)
        app.endpoint(.POST, "qa", "samples", permission: .reviewCalls, surface: .page, use: sample)
        app.endpoint(.GET, "qa", "tasks", ":task", permission: .reviewCalls, surface: .page, use: task)
        app.endpoint(.POST, "qa", "tasks", ":task", permission: .reviewCalls, surface: .page, use: submit)
        app.endpoint(.GET, "qa", "reviews", ":review", permission: .signedIn, surface: .page, use: review)
        app.endpoint(.POST, "qa", "reviews", ":review", "appeal", permission: .appealReviews, surface: .page, use: appeal)
        app.endpoint(.POST, "qa", "reviews", ":review", "decision", permission: .reviewCalls, surface: .page, use: decide)
        app.endpoint(.GET, "qa", "mine", permission: .appealReviews, surface: .page, use: mine)
        app.endpoint(.GET, "qa", "recordings", ":attempt", permission: .viewReviews, surface: .page, use: recording)
        app.endpoint(.GET, "qa", "report", permission: .viewReviews, surface: .page, use: report)
        app.endpoint(.GET, "qa", "findings", permission: .viewReviews, surface: .page, use: findings)
        app.endpoint(.POST, "qa", "findings", ":finding", ":step", permission: .followFindings, surface: .page, use: follow)
        registerCalibration(app)
        app.endpoint(.POST, "qa", "retention", permission: .manageContactRules, surface: .page, use: saveRetention)
    }

    struct TaskRow: Encodable {
        var id: String
        var at: String
        var project: String
        var agent: String
        var talk: String
        var result: String
        var flagged: Bool
    }

    struct ReviewRow: Encodable {
        var id: String
        var at: String
        var reviewedAt: String
        var project: String
        var agent: String
        var inspector: String
        var score: Int
        var grade: String
        var unqualified: Bool
        var appeal: String
    }

    struct QueueData: Encodable {
        var canReview: Bool
        var tasks: [TaskRow]
        var appeals: [ReviewRow]
        var reviews: [ReviewRow]
        var projects: [AdminPages.Option]
        var form: [String: String]
        var retentionDays: Int
        var canSetRetention: Bool
        var sites: [String]
        var teams: [String]
    }

    static func rows(_ reviews: [QualityReads.Review], zone: TimeZone, language: Language) -> [ReviewRow] {
        reviews.map { review in
            let grade = ReviewGrade(rawValue: review.grade) ?? .qualified
            let appeal = review.appeal_outcome.flatMap(AppealOutcome.init(rawValue:))?.name.text(language)
                ?? (review.appealed_at != nil ? Strings.text("qa_appeal_waiting", language) : "")
            return ReviewRow(id: review.id.uuidString, at: LocalTime(review.call_started_at, in: zone).description,
                             reviewedAt: LocalTime(review.reviewed_at, in: zone).description, project: review.project, agent: review.agent,
                             inspector: review.inspector_name, score: review.score, grade: grade.name.text(language),
                             unqualified: grade == .unqualified, appeal: appeal)
        }
    }

    static func queue(_ req: Request) async throws -> View { try await queuePage(req, error: nil, form: [:]) }

    static func queuePage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        let language = req.language
        let user = try req.currentUser()
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let canReview = AccessPolicy.allows(user.role, .reviewCalls)
        let tasks = canReview ? try await QualityReads.tasks(inspector: user.id, on: req.db) : []
        let reviews = try await QualityReads.reviews(scope: user.scope, on: req.db)
        let names = Self.resultNames(language)
        let appeals = canReview ? reviews.filter { $0.appealed_at != nil && $0.appeal_decided_at == nil && $0.inspector != user.username } : []
        var defaults = form
        let today = LocalTime(req.now, in: zone).date
        if defaults.isEmpty {
            defaults = ["from": today.addingDays(-30).description, "to": today.addingDays(-1).description,
                        "seed": String(Int(req.now.timeIntervalSince1970) % 100_000), "min_talk": "30"]
        }
        let data = QueueData(
            canReview: canReview,
            tasks: tasks.map { task in
                TaskRow(id: task.id.uuidString, at: LocalTime(task.call_started_at, in: zone).description, project: task.project, agent: task.agent,
                        talk: DeskTime.minutes(task.talk_seconds), result: task.disposition.map { names[$0] ?? $0 } ?? "", flagged: task.flagged)
            },
            appeals: rows(appeals, zone: zone, language: language), reviews: rows(Array(reviews.prefix(100)), zone: zone, language: language),
            projects: try await ProjectQueries.projects(in: user.scope, on: req.db).map { .init(value: $0.project.code, label: "\($0.project.code) \($0.project.name)") },
            form: defaults, retentionDays: try await QualityService.retentionDays(on: req.db),
            canSetRetention: AccessPolicy.allows(user.role, .manageContactRules),
            sites: try await OrganisationQueries.sites(in: user.scope, on: req.db).map(\.name).sorted(),
            teams: Array(Set(try await OrganisationQueries.teams(in: user.scope, on: req.db).map(\.name))).sorted())
        return try await PageRenderer.render("qa", titleKey: "nav_qa", data: data, error: error, for: req)
    }

    /// The standard results by code, named in the page's language (a project's own code shows as itself).
    static func resultNames(_ language: Language) -> [String: String] {
        Dictionary(DispositionSet.standard.dispositions.map { ($0.code, $0.name.text(language)) }, uniquingKeysWith: { a, _ in a })
    }

    struct SampleForm: Content {
        var project: String
        var from: String
        var to: String
        var per_agent: String?
        var share: String?
        var min_talk: String?
        var site: String?
        var team: String?
        var seed: String
    }

    static func sample(_ req: Request) async throws -> Response {
        let form = try req.content.decode(SampleForm.self)
        let fields = ["project": form.project, "from": form.from, "to": form.to, "per_agent": form.per_agent ?? "", "share": form.share ?? "",
                      "min_talk": form.min_talk ?? "", "site": form.site ?? "", "team": form.team ?? "", "seed": form.seed]
        return try await FormFlow.submit(req, redirect: "/qa", action: {
            guard let seed = UInt64(form.seed.trimmingWhitespace()) else {
                throw DomainError.invalidField("seed", zh: "随机种子须为非负整数", en: "the seed is a whole number")
            }
            let share = try FormFlow.optional(form.share).map { text throws -> Double in
                guard let percent = Double(text) else { throw DomainError.invalidField("share", zh: "抽检比例须为百分数，如 1", en: "the share is a percentage, e.g. 1") }
                return percent / 100
            }
            req.parameters.set("id", to: form.project)
            _ = try await QualityController.sample(req, .init(from: form.from, to: form.to, per_agent: try LeadPages.number(form.per_agent, "per_agent"),
                                                              share: share, min_talk: try LeadPages.number(form.min_talk, "min_talk"),
                                                              dispositions: nil, inspectors: nil, site: FormFlow.optional(form.site),
                                                              team: FormFlow.optional(form.team), seed: seed))
        }, page: { try await queuePage(req, error: $0, form: fields) })
    }

    static func saveRetention(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/qa", action: {
            guard let days = Int(try req.content.decode([String: String].self)["days"] ?? "") else {
                throw DomainError.invalidField("days", zh: "保存天数须为整数", en: "the days are a whole number")
            }
            _ = try await QualityService.setRetention(days: days, actor: req.auditEvent("recording.retention", targetType: "organisation"), at: req.now, on: req.db)
        }, page: { try await queuePage(req, error: $0, form: [:]) })
    }
}
