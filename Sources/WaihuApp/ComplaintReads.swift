import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Complaints as their pages and API read them: within the caller's scope (a supervisor their teams', a site's
/// people their site's), the number masked unless they may reveal it, each with its steps, what may be done next,
/// and its deadlines with the overdue ones flagged.
package enum ComplaintReads {
    package struct StepView: Codable, Sendable {
        package var step: String
        package var name: String
        package var by: String
        package var at: Date
        package var note: String
    }

    package struct View: Codable, Sendable {
        package var id: UUID?
        package var type: String
        package var type_name: String
        package var phone: String
        package var channel: String
        package var channel_name: String
        package var kind: String
        package var kind_name: String
        package var valid: Bool?
        package var attempt_id: UUID?
        package var agent: String?
        package var team: String?
        package var site: String?
        package var note: String
        package var registered_by: String
        package var registered_at: Date
        package var judged_by: String?
        package var judged_at: Date?
        package var root_cause: String?
        package var compensation: Double?
        package var stage: String
        package var stage_name: String
        package var steps: [StepView]
        package var open_steps: [String]
        package var feedback_due: Date
        package var result_due: Date
        /// `feedback` and/or `result` when past due and not done.
        package var overdue: [String]
    }

    package static func view(_ complaint: ComplaintModel, names: Names, deadlines: ComplaintDeadlines, zone: TimeZone, language: Language,
                             reveal: Bool, at now: Date) -> View {
        let progress = ComplaintService.progress(complaint)
        let stage = progress.stage
        let feedbackDue = deadlines.feedbackDue(registeredAt: complaint.registeredAt)
        let resultDue = deadlines.resultDue(registeredAt: complaint.registeredAt, in: zone)
        var overdue: [String] = []
        if !progress.done.contains(.fedBack) && now > feedbackDue { overdue.append("feedback") }
        if !progress.done.contains(.replied) && now > resultDue { overdue.append("result") }
        return View(
            id: complaint.id, type: complaint.type, type_name: ComplaintType(rawValue: complaint.type)?.name.text(language) ?? complaint.type,
            phone: reveal ? complaint.phone : PhoneMask.mask(complaint.phone), channel: complaint.channel,
            channel_name: ComplaintChannel(rawValue: complaint.channel)?.name.text(language) ?? complaint.channel,
            kind: complaint.kind, kind_name: ComplaintKind(rawValue: complaint.kind)?.name.text(language) ?? complaint.kind,
            valid: complaint.valid, attempt_id: complaint.attemptID, agent: complaint.agentID.flatMap { names.agents[$0] },
            team: complaint.teamID.flatMap { names.teams[$0] }, site: complaint.siteID.flatMap { names.sites[$0] },
            note: reveal ? complaint.note : PhoneMask.maskDigitRuns(complaint.note), registered_by: complaint.registeredBy,
            registered_at: complaint.registeredAt, judged_by: complaint.judgedBy, judged_at: complaint.judgedAt, root_cause: complaint.rootCause,
            compensation: complaint.compensationCents.map { Double($0) / 100 }, stage: stage?.rawValue ?? "registered",
            stage_name: stage?.name.text(language) ?? (language == .zh ? "已登记" : "Registered"),
            steps: complaint.steps.map { step in
                StepView(step: step.step, name: ComplaintStep(rawValue: step.step)?.name.text(language) ?? step.step, by: step.by, at: step.at, note: step.note)
            },
            open_steps: progress.open.map(\.rawValue), feedback_due: feedbackDue, result_due: resultDue, overdue: overdue)
    }

    package struct Names: Sendable {
        var agents: [UUID: String]
        var teams: [UUID: String]
        var sites: [UUID: String]
    }

    static func names(on db: any Database) async throws -> Names {
        let agents = try await AgentModel.query(on: db).all()
        let teams = try await TeamModel.query(on: db).all()
        let sites = try await SiteModel.query(on: db).all()
        return Names(agents: Dictionary(uniqueKeysWithValues: agents.compactMap { a in a.id.map { ($0, "\(a.number) \(a.name)") } }),
                     teams: Dictionary(uniqueKeysWithValues: teams.compactMap { t in t.id.map { ($0, t.name) } }),
                     sites: Dictionary(uniqueKeysWithValues: sites.compactMap { s in s.id.map { ($0, s.name) } }))
    }

    /// The newest complaints within the scope; `open` keeps those not yet replied to.
    package static func list(user: CurrentUser, open: Bool = false, limit: Int = 200, language: Language, at now: Date,
                             on db: any Database) async throws -> [View] {
        let query = ComplaintModel.query(on: db).sort(\.$registeredAt, .descending).limit(limit)
        switch user.scope {
        case .organisation: break
        case .site(let site): query.filter(\.$siteID == site)
        case .teams(let teams, _): query.filter(\.$teamID ~~ teams)
        case .ownAgent(let agent, _):
            guard let agent else { return [] }
            query.filter(\.$agentID == agent)
        }
        let complaints = try await query.all()
        let deadlines = try await ComplaintService.deadlines(on: db)
        let zone = try await OrganisationQueries.timeZone(on: db)
        let names = try await names(on: db)
        let reveal = AccessPolicy.allows(user.role, .revealNumbers)
        return complaints.map { view($0, names: names, deadlines: deadlines, zone: zone, language: language, reveal: reveal, at: now) }
            .filter { !open || $0.stage != ComplaintStep.replied.rawValue }
    }

    package static func one(_ id: UUID, user: CurrentUser, language: Language, at now: Date, on db: any Database) async throws -> View {
        guard let complaint = try await ComplaintModel.find(id, on: db),
              user.scope == .organisation || complaint.agentID.map({ agent in
                  user.scope.includesAgent(agent, team: complaint.teamID, site: complaint.siteID ?? UUID())
              }) == true else {
            throw DomainError.notFound(LocalizedText(zh: "投诉", en: "complaint"))
        }
        return view(complaint, names: try await names(on: db), deadlines: try await ComplaintService.deadlines(on: db),
                    zone: try await OrganisationQueries.timeZone(on: db), language: language,
                    reveal: AccessPolicy.allows(user.role, .revealNumbers), at: now)
    }
}
