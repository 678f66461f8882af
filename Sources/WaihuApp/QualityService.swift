import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Sampling calls for review, reviewing them against the project's scorecard, appeals (issue 17).
package enum QualityService {
    package struct SampleOutcome: Codable, Sendable {
        package var attempt_ids: [UUID]
        package var by_agent: [String: Int]
        package var by_inspector: [String: Int]
    }

    /// The project's scorecard in force: its own, or by its type (sales for marketing, survey for the others).
    package static func scorecard(for project: ProjectModel, on db: any Database) async throws -> (scorecard: Scorecard, version: Int) {
        let code = project.scorecard ?? (project.type == .marketing ? DefaultScorecards.sales.code : DefaultScorecards.survey.code)
        guard let found = try await QualityQueries.scorecard(code, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "评分表 \(code)", en: "scorecard \(code)"))
        }
        return found
    }

    /// Samples the project's connected calls of the days from `from` to `to` (the organisation's days) by the plan,
    /// never a call sampled before, and gives the tasks to the inspectors in turn (every active QA inspector when
    /// none is named).
    package static func sample(project: ProjectRecord, from: LocalDate, to: LocalDate, plan: SamplingPlan, inspectors names: [String]?,
                               site: String? = nil, team: String? = nil, actor: AuditEvent, at now: Date, on db: any Database) async throws -> SampleOutcome {
        guard from <= to else {
            throw DomainError(.badInput, code: "range_reversed", zh: "结束日期 \(to) 早于开始日期 \(from)", en: "The end date \(to) is before the start date \(from)")
        }
        let zone = try await OrganisationQueries.timeZone(on: db)
        let users = try await UserQueries.users(on: db).filter { $0.active && ($0.role == .qa || $0.role == .admin) }
        let inspectors = names.map { wanted in users.filter { wanted.contains($0.username) } } ?? users.filter { $0.role == .qa }
        if let names, let missing = names.first(where: { name in !inspectors.contains { $0.username == name } }) {
            throw DomainError.invalidField("inspectors", zh: "“\(missing)”不是在职的质检员", en: "\(missing) is not an active QA inspector")
        }
        guard !inspectors.isEmpty else {
            throw DomainError(.ruleRefused, code: "no_inspectors", zh: "没有在职的质检员可以分配抽检任务，请先添加质检员账号",
                              en: "No active QA inspector to give the tasks to: add a QA account first")
        }
        let projectID = try project.project.requireID()
        let agents = try await agents(site: site, team: team, on: db)
        let candidates = try await QualityQueries.candidates(project: projectID, from: LocalTime.instant(from, in: zone),
                                                             to: LocalTime.instant(to.addingDays(1), in: zone), agents: agents, on: db)
        let chosen = plan.choose(candidates)
        let assigned = SamplingPlan.assign(chosen, to: inspectors)
        let described = "\(from)…\(to) " + describe(plan) + [site, team].compactMap { $0.flatMap { $0.isEmpty ? nil : ", " + $0 } }.joined()
        try await QualityQueries.createTasks(try assigned.map { ($0.0, try $0.1.requireID()) }, project: projectID, plan: described, at: now, on: db)
        var event = actor
        event.targetID = project.project.code
        event.detail = "project=\(project.project.code) \(described); \(chosen.count) calls"
        try await AuditLog.append(event, at: now, on: db)
        return SampleOutcome(attempt_ids: chosen.map(\.attempt),
                             by_agent: Dictionary(grouping: chosen, by: \.agent).mapValues(\.count),
                             by_inspector: Dictionary(grouping: assigned, by: \.1.username).mapValues(\.count))
    }

    /// The agents of a site and/or a team (by name), for a sample of one part of the floor; nil when neither is named.
    static func agents(site: String?, team: String?, on db: any Database) async throws -> Set<UUID>? {
        let site = site?.trimmingWhitespace() ?? "", team = team?.trimmingWhitespace() ?? ""
        guard !site.isEmpty || !team.isEmpty else { return nil }
        var query = AgentModel.query(on: db)
        if !site.isEmpty {
            guard let found = try await OrganisationQueries.site(named: site, on: db), let id = found.id else {
                throw DomainError.notFound(LocalizedText(zh: "现场 \(site)", en: "site \(site)"))
            }
            query = query.filter(\.$siteID == id)
        }
        if !team.isEmpty {
            let teams = try await TeamModel.query(on: db).filter(\.$name == team).all().compactMap(\.id)
            guard !teams.isEmpty else { throw DomainError.notFound(LocalizedText(zh: "班组 \(team)", en: "team \(team)")) }
            query = query.filter(\.$teamID ~~ teams)
        }
        return Set(try await query.all().compactMap(\.id))
    }

    /// The plan as the audit log and the task keep it, readable: "2 per agent, talk ≥ 30 s, seed 2026".
    static func describe(_ plan: SamplingPlan) -> String {
        var parts: [String] = []
        switch plan.amount {
        case .perAgent(let count): parts.append("\(count) per agent")
        case .share(let share, let minimum): parts.append("\(share * 100)% per agent, at least \(minimum)")
        }
        if plan.minimumTalk > 0 { parts.append("talk ≥ \(plan.minimumTalk) s") }
        if let dispositions = plan.dispositions { parts.append("results " + dispositions.sorted().joined(separator: "/")) }
        parts.append("seed \(plan.seed)")
        return parts.joined(separator: ", ")
    }

    /// Scores a task's call with its project's scorecard, with what the inspector found; a task is reviewed once, by
    /// its inspector. An unqualified ticket and the findings book their penalties in the same transaction.
    package static func review(task id: UUID, marks: [String: ReviewScore.Mark], comment: String?, findings: [Finding] = [], user: CurrentUser,
                               actor: AuditEvent, at now: Date, on db: any Database) async throws -> QAReviewModel {
        let findings = try Finding.validated(findings)
        guard let task = try await QATaskModel.find(id, on: db) else { throw DomainError.notFound(LocalizedText(zh: "质检任务", en: "review task")) }
        guard task.inspectorID == user.id || user.role == .admin else {
            throw DomainError(.forbidden, code: "not_your_task", zh: "这条质检任务分配给了另一名质检员", en: "This task is another inspector's")
        }
        guard task.reviewedAt == nil else {
            throw DomainError(.conflict, code: "task_already_reviewed", zh: "这条质检任务已经评过分", en: "This task has already been reviewed")
        }
        guard let project = try await ProjectModel.find(task.projectID, on: db) else { throw DomainError.notFound(LocalizedText(zh: "项目", en: "project")) }
        let (scorecard, version) = try await scorecard(for: project, on: db)
        let score = try ReviewScore(scorecard, marks: marks)
        let review = QAReviewModel()
        review.id = UUID()
        review.taskID = id
        review.attemptID = task.attemptID
        review.scorecardCode = scorecard.code
        review.scorecardVersion = version
        review.inspector = user.username
        review.reviewedAt = now
        review.score = score.total
        review.grade = score.grade.rawValue
        review.fatal = String(decoding: try JSONEncoder().encode(score.fatal), as: UTF8.self)
        review.marks = String(decoding: try JSONEncoder().encode(marks), as: UTF8.self)
        review.comment = comment.flatMap { $0.trimmingWhitespace().isEmpty ? nil : String($0.prefix(2_000)) }
        let agent = try await CallAttemptModel.find(task.attemptID, on: db)?.agentID
        let reviewID = try review.requireID()
        let models = findings.map { finding in
            let model = QAFindingModel()
            model.id = UUID()
            model.reviewID = reviewID
            model.attemptID = task.attemptID
            model.agentID = agent
            model.category = finding.category.rawValue
            model.note = finding.note
            model.households = finding.households
            model.createdAt = now
            model.apologyRequired = finding.category.needsApology
            return model
        }
        try await StoreTransaction.write(db) { tx in
            try await QualityQueries.saveReview(review, task: task, actor: actor, at: now, on: tx)
            for model in models { try await model.create(on: tx) }
            try await PenaltyService.bookReview(review, findings: models, agent: agent, at: now, on: tx)
        }
        return review
    }

    /// The agent appeals a review of their own call, within the window, once.
    package static func appeal(review id: UUID, reason: String, user: CurrentUser, at now: Date, on db: any Database) async throws -> QAReviewModel {
        let reason = reason.trimmingWhitespace()
        guard !reason.isEmpty else { throw DomainError.missingField("reason") }
        guard let review = try await QAReviewModel.find(id, on: db) else { throw DomainError.notFound(LocalizedText(zh: "质检结果", en: "review")) }
        let agent = try? DeskService.agent(of: user)
        let call = try await CallAttemptModel.find(review.attemptID, on: db)
        try Appeal.checkOpen(reviewedAt: review.reviewedAt, appealedAt: review.appealedAt, ownCall: agent != nil && call?.agentID == agent, at: now)
        review.appealReason = String(reason.prefix(2_000))
        review.appealedAt = now
        try await review.save(on: db)
        return review
    }

    /// Another inspector decides an appeal: the review stands, or is scored again with new marks.
    package static func decide(review id: UUID, outcome: AppealOutcome, note: String, marks: [String: ReviewScore.Mark]?, user: CurrentUser,
                               actor: AuditEvent, at now: Date, on db: any Database) async throws -> QAReviewModel {
        guard let review = try await QAReviewModel.find(id, on: db) else { throw DomainError.notFound(LocalizedText(zh: "质检结果", en: "review")) }
        try Appeal.checkDecision(inspector: review.inspector, decider: user.username, appealedAt: review.appealedAt, decidedAt: review.appealDecidedAt)
        let wasUnqualified = review.grade == ReviewGrade.unqualified.rawValue
        var detail = "appeal \(outcome.rawValue)"
        if outcome == .revised {
            guard let marks, let scorecard = try await QualityQueries.scorecard(review.scorecardCode, version: review.scorecardVersion, on: db) else {
                throw DomainError.missingField("marks")
            }
            let score = try ReviewScore(scorecard, marks: marks)
            detail += " score \(review.score)→\(score.total) grade \(review.grade)→\(score.grade.rawValue)"
            review.score = score.total
            review.grade = score.grade.rawValue
            review.fatal = String(decoding: try JSONEncoder().encode(score.fatal), as: UTF8.self)
            review.marks = String(decoding: try JSONEncoder().encode(marks), as: UTF8.self)
        }
        review.appealOutcome = outcome.rawValue
        review.appealDecidedBy = user.username
        review.appealDecidedAt = now
        let trimmed = note.trimmingWhitespace()
        review.appealNote = trimmed.isEmpty ? nil : String(trimmed.prefix(2_000))
        let decided = detail
        try await StoreTransaction.write(db) { tx in
            try await review.save(on: tx)
            try await PenaltyService.reviewDecided(review, wasUnqualified: wasUnqualified, by: user.username, at: now, on: tx)
            if let call = try await CallAttemptModel.find(review.attemptID, on: tx) { try await MetricCellQueries.invalidate([call.startedAt], on: tx) }
            var event = actor
            event.targetID = id.uuidString
            event.detail = decided
            try await AuditLog.append(event, at: now, on: tx)
        }
        return review
    }
}
