import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Scoring a task's call, a review with its appeal, an agent's own reviews.
extension QualityPages {
    struct ItemRow: Encodable {
        var id: String
        var section: String
        var text: String
        var points: Int
        var kind: String
        var fatal: Bool
        var score: String
        var mark: String
        var comment: String
        var failed: Bool
    }

    struct CallView: Encodable {
        var project: String
        var agent: String
        var at: String
        var talk: String
        var result: String
        var customer: String
        var answers: [AdminPages.Option]
        var orders: [AdminPages.Option]
        /// The transcript turn by turn (坐席/客户, time), and what the phrase check found in it.
        var transcript: [AdminPages.Option]
        var hits: [String]
        /// Where the page plays the recording from, when one is linked, and its length.
        var recording: String?
        var recordingLength: String
    }

    struct TaskData: Encodable {
        var id: String
        /// Where the form goes: the task's review, or a calibration's score (which takes no findings).
        var action: String
        var findingsShown: Bool
        var call: CallView
        var scorecard: String
        var version: Int
        var items: [ItemRow]
        var categories: [FindingOption]
        var comment: String
    }

    /// A finding category on the review form: ticked or not, its note, and for a leak the households.
    struct FindingOption: Encodable {
        var value: String
        var label: String
        var checked: Bool
        var note: String
        var households: String
    }

    static func findingOptions(_ typed: [String: String], _ language: Language) -> [FindingOption] {
        FindingCategory.allCases.map { category in
            FindingOption(value: category.rawValue, label: category.name.text(language), checked: typed["f_" + category.rawValue] != nil,
                          note: typed["fn_" + category.rawValue] ?? "", households: typed["fh_" + category.rawValue] ?? "")
        }
    }

    /// The form's findings: `f_<category>` ticked, `fn_<category>` its note, `fh_data_leak` the households of a leak.
    static func findings(_ fields: [String: String]) throws -> [Finding] {
        try FindingCategory.allCases.compactMap { category -> Finding? in
            guard fields["f_" + category.rawValue] != nil else { return nil }
            let households = try FormFlow.optional(fields["fh_" + category.rawValue]).map { text throws -> Int in
                guard let value = Int(text) else { throw DomainError.invalidField("households", zh: "涉及户数须为整数", en: "the households are a whole number") }
                return value
            } ?? 1
            return Finding(category: category, note: fields["fn_" + category.rawValue] ?? "", households: households)
        }
    }

    /// The call as the inspector hears it: who, when, how long, the result, the customer masked, the answers and the order.
    static func callView(_ attemptID: UUID, req: Request) async throws -> CallView {
        let language = req.language
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        guard let call = try await CallAttemptModel.find(attemptID, on: req.db) else { throw DomainError.notFound(LocalizedText(zh: "通话", en: "call")) }
        let project = try await call.projectID.asyncMap { try await ProjectModel.find($0, on: req.db) } ?? nil
        let agent = try await call.agentID.asyncMap { try await AgentModel.find($0, on: req.db) } ?? nil
        let lead = try await call.leadID.asyncMap { try await LeadModel.find($0, on: req.db) } ?? nil
        let dispositions = try await call.projectID.asyncMap { try await DispositionQueries.inForce(project: $0, on: req.db) } ?? .standard
        var history: LeadHistoryService.Call?
        if let lead, let projectID = call.projectID, let leadID = lead.id {
            history = try await LeadHistoryService.calls(of: leadID, project: projectID, on: req.db).first { $0.startedAt == call.startedAt }
        }
        let transcript = try await PhraseQueries.transcript(attemptID, on: req.db).map { turn in
            AdminPages.Option(value: turn.text, label: Strings.text(turn.speaker == "agent" ? "qa_agent_said" : "qa_customer_said", language)
                                                      + " " + DeskTime.minutes(turn.startMs / 1000))
        }
        let recording = try await RecordingQueries.recording(attemptID, on: req.db)
        let hits = try await PhraseQueries.hits(attempts: [attemptID], on: req.db).map { hit in
            "\(DeskTime.minutes(hit.start_ms / 1000)) \(hit.phrase)（\(PhraseCategory(rawValue: hit.category)?.name.text(language) ?? hit.category)）"
        }
        return CallView(project: project.map { "\($0.code) \($0.name)" } ?? "", agent: agent.map { "\($0.number) \($0.name)" } ?? "",
                        at: LocalTime(call.startedAt, in: zone).description, talk: DeskTime.minutes(call.talkSeconds),
                        result: call.disposition.map { dispositions.rule($0)?.name.text(language) ?? $0 } ?? "",
                        customer: [lead?.customerID, lead?.name].compactMap { $0.map(PhoneMask.maskDigitRuns) }.joined(separator: " "),
                        answers: history?.answers.map { .init(value: $0.answer, label: $0.question) } ?? [],
                        orders: history?.orders.map { order in
                            .init(value: String(format: "¥%.2f", Double(order.amountCents) / 100),
                                  label: order.number + " · " + order.orderItems.map { "\($0.product) × \($0.quantity)" }.joined(separator: "，"))
                        } ?? [], transcript: transcript, hits: hits,
                        recording: recording.map { _ in "/qa/recordings/\(attemptID.uuidString)" }, recordingLength: recording.map { DeskTime.minutes($0.seconds) } ?? "")
    }

    /// The scorecard's items as a form to fill, with what was typed before a refusal.
    static func formRows(_ card: Scorecard, typed: [String: String]) -> [ItemRow] {
        card.sections.flatMap { section in
            section.items.map { item in
                ItemRow(id: item.id, section: section.title, text: item.text, points: item.points, kind: item.kind.rawValue, fatal: item.fatal,
                        score: "", mark: typed["m_" + item.id] ?? "", comment: typed["c_" + item.id] ?? "", failed: false)
            }
        }
    }

    static func task(_ req: Request) async throws -> View { try await taskPage(req, error: nil, typed: [:]) }

    static func taskPage(_ req: Request, error: String?, typed: [String: String]) async throws -> View {
        let id = try QualityController.id(req, "task")
        guard let task = try await QATaskModel.find(id, on: req.db), let project = try await ProjectModel.find(task.projectID, on: req.db) else {
            throw DomainError.notFound(LocalizedText(zh: "质检任务", en: "review task"))
        }
        let (card, version) = try await QualityService.scorecard(for: project, on: req.db)
        let items = formRows(card, typed: typed)
        let data = TaskData(id: id.uuidString, action: "/qa/tasks/\(id.uuidString)", findingsShown: true, call: try await callView(task.attemptID, req: req), scorecard: card.name, version: version,
                            items: items, categories: findingOptions(typed, req.language), comment: typed["comment"] ?? "")
        return try await PageRenderer.render("qa-task", titleKey: "qa_task_title", data: data, error: error, for: req)
    }

    /// The form's marks: `m_<item>` is pass or fail, a mark, or occurrences by the item's kind; `c_<item>` its comment.
    static func marks(_ fields: [String: String], scorecard: Scorecard) throws -> [String: ReviewScore.Mark] {
        var marks: [String: ReviewScore.Mark] = [:]
        for item in scorecard.items {
            guard let text = FormFlow.optional(fields["m_" + item.id]) else { continue }
            let comment = FormFlow.optional(fields["c_" + item.id])
            switch item.kind {
            case .pass_fail: marks[item.id] = .init(passed: text == "pass", comment: comment)
            case .scale, .deduction:
                guard let value = Int(text) else {
                    throw DomainError(.badInput, code: "mark_out_of_range", zh: "评分项“\(item.text)”须填整数", en: "The item \(item.text) takes a whole number")
                }
                marks[item.id] = item.kind == .scale ? .init(value: value, comment: comment) : .init(occurrences: value, comment: comment)
            }
        }
        return marks
    }

    static func submit(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        let id = try QualityController.id(req, "task")
        do {
            guard let task = try await QATaskModel.find(id, on: req.db), let project = try await ProjectModel.find(task.projectID, on: req.db) else {
                throw DomainError.notFound(LocalizedText(zh: "质检任务", en: "review task"))
            }
            let card = try await QualityService.scorecard(for: project, on: req.db).scorecard
            let review = try await QualityService.review(task: id, marks: try marks(fields, scorecard: card), comment: fields["comment"],
                                                         findings: try findings(fields), user: try req.currentUser(), actor: req.auditEvent("qa.review", targetType: "qa_review"),
                                                         at: req.now, on: req.db)
            return req.redirect(to: "/qa/reviews/\(try review.requireID().uuidString)")
        } catch let error as DomainError {
            let response = try await taskPage(req, error: error.message.text(req.language), typed: fields).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    struct ReviewData: Encodable {
        var review: ReviewRow
        var call: CallView
        var scorecard: String
        var items: [ItemRow]
        var fatal: [String]
        var findings: [FindingRow]
        var comment: String
        var appealReason: String
        var appealNote: String
        var appealDecided: String
        var canAppeal: Bool
        var canDecide: Bool
        var outcomes: [AdminPages.Option]
    }

    static func review(_ req: Request) async throws -> View { try await reviewPage(req, error: nil) }

    static func reviewPage(_ req: Request, error: String?) async throws -> View {
        let language = req.language
        let user = try req.currentUser()
        let id = try QualityController.id(req, "review")
        // Within the caller's scope: an agent their own calls, a vendor its site's, a supervisor their teams'.
        guard AccessPolicy.allows(user.role, .viewReviews) || AccessPolicy.allows(user.role, .appealReviews),
              let review = try await QualityReads.reviews(scope: user.scope, on: req.db).first(where: { $0.id == id }) else {
            throw DomainError.notFound(LocalizedText(zh: "质检结果", en: "review"))
        }
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let items = review.items.map { item in
            ItemRow(id: item.id, section: item.section, text: item.text, points: item.points, kind: item.kind, fatal: item.fatal,
                    score: item.score.map(String.init) ?? "—", mark: "", comment: item.mark?.comment ?? "", failed: (item.score ?? 0) < item.points)
        }
        let data = ReviewData(
            review: rows([review], zone: zone, language: language)[0], call: try await callView(review.attempt_id, req: req), scorecard: review.scorecard,
            items: items, fatal: review.items.filter { review.fatal.contains($0.id) }.map(\.text),
            findings: review.findings.map { findingRow($0, zone: zone, language: language) }, comment: review.comment ?? "",
            appealReason: review.appeal_reason ?? "", appealNote: review.appeal_note ?? "",
            appealDecided: review.appeal_decided_at.map { "\(review.appeal_decided_by ?? "") · \(LocalTime($0, in: zone).description)" } ?? "",
            canAppeal: AccessPolicy.allows(user.role, .appealReviews) && review.appealed_at == nil,
            canDecide: AccessPolicy.allows(user.role, .reviewCalls) && review.appealed_at != nil && review.appeal_decided_at == nil
                && review.inspector != user.username,
            outcomes: AppealOutcome.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language)) })
        return try await PageRenderer.render("qa-review", titleKey: "qa_review_title", data: data, error: error, for: req)
    }

    static func appeal(_ req: Request) async throws -> Response {
        let id = try QualityController.id(req, "review")
        return try await FormFlow.submit(req, redirect: "/qa/reviews/\(id.uuidString)", action: {
            let reason = try req.content.decode([String: String].self)["reason"] ?? ""
            _ = try await QualityService.appeal(review: id, reason: reason, user: try req.currentUser(), at: req.now, on: req.db)
        }, page: { try await reviewPage(req, error: $0) })
    }

    static func decide(_ req: Request) async throws -> Response {
        let id = try QualityController.id(req, "review")
        return try await FormFlow.submit(req, redirect: "/qa/reviews/\(id.uuidString)", action: {
            let fields = try req.content.decode([String: String].self)
            guard let outcome = AppealOutcome(rawValue: fields["outcome"] ?? "") else {
                throw DomainError.invalidField("outcome", zh: "请选择处理结果", en: "choose the outcome")
            }
            var marks: [String: ReviewScore.Mark]?
            if outcome == .revised, let stored = try await QAReviewModel.find(id, on: req.db),
               let card = try await QualityQueries.scorecard(stored.scorecardCode, version: stored.scorecardVersion, on: req.db) {
                marks = try Self.marks(fields, scorecard: card)
            }
            _ = try await QualityService.decide(review: id, outcome: outcome, note: fields["note"] ?? "", marks: marks, user: try req.currentUser(),
                                                actor: req.auditEvent("qa.appeal_decision", targetType: "qa_review"), at: req.now, on: req.db)
        }, page: { try await reviewPage(req, error: $0) })
    }

    /// A call's recording, played from the review page: within the caller's scope, each play in the audit log;
    /// a file on the server streamed, an http(s) address followed.
    static func recording(_ req: Request) async throws -> Response {
        guard let attempt = req.parameters.get("attempt", as: UUID.self), let call = try await CallAttemptModel.find(attempt, on: req.db),
              let recording = try await RecordingQueries.recording(attempt, on: req.db) else {
            throw DomainError.notFound(LocalizedText(zh: "录音", en: "recording"))
        }
        let scope = try req.currentUser().scope
        if scope != .organisation {
            let agents = Set(try await AgentQueries.agents(in: scope, on: req.db).compactMap(\.id))
            guard let agent = call.agentID, agents.contains(agent) else { throw DomainError.notFound(LocalizedText(zh: "录音", en: "recording")) }
        }
        var event = req.auditEvent("recording.play", targetType: "attempt")
        event.targetID = attempt.uuidString
        try await AuditLog.append(event, at: req.now, on: req.db)
        if recording.location.hasPrefix("http://") || recording.location.hasPrefix("https://") { return req.redirect(to: recording.location) }
        guard FileManager.default.fileExists(atPath: recording.location) else {
            throw DomainError(.notFound, code: "recording_missing", zh: "录音文件不在服务器上：\(recording.location)",
                              en: "The recording's file is not on the server: \(recording.location)")
        }
        return try await req.fileio.asyncStreamFile(at: recording.location)
    }

    static func mine(_ req: Request) async throws -> View {
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let reviews = try await QualityReads.reviews(scope: try req.currentUser().scope, on: req.db)
        return try await PageRenderer.render("qa-mine", titleKey: "nav_my_reviews",
                                             data: ["reviews": rows(reviews, zone: zone, language: req.language)], for: req)
    }
}
