import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// An agent's work on leads (坐席外呼): take the next lead, dial it — the contact rules are asked
/// when it is taken and again at the dial — and record how the call ended.
package enum DeskService {
    /// The lead taken, or why none was: the refusals met on the way, by rule.
    package struct NextLead: Codable, Sendable {
        package var reserved: Bool
        package var attempt_id: UUID?
        package var lead: LeadDTO?
        package var refusals: [String: Int]
        package var examined: Int
        /// Why no lead was taken, as a sentence for the agent (none when one was).
        package var message_zh: String?
        package var message_en: String?
    }

    /// What ending an attempt did to its lead.
    package struct Finished: Codable, Sendable {
        package var attempt_id: UUID
        package var disposition: String
        package var category: String
        package var lead_status: String
        /// The order taken on the call, when there was one.
        package var order_number: String?
        package var next_attempt_at: Date?
        package var deferral: String?
        package var attempts_exhausted: Bool
        package var listed_do_not_call: Bool
    }

    /// The agent a signed-in agent user works as.
    package static func agent(of user: CurrentUser) throws -> UUID {
        guard case .ownAgent(let agent?, _) = user.scope else {
            throw DomainError(.forbidden, code: "not_an_agent", zh: "此账号未关联坐席，不能外呼",
                              en: "This account is not linked to an agent and cannot make calls")
        }
        return agent
    }

    /// Takes the agent's next dialable lead of the project, in one transaction with the decision.
    package static func next(_ project: ProjectRecord, user: CurrentUser, at now: Date, on db: any Database) async throws -> NextLead {
        let agent = try agent(of: user)
        let status = project.project.status
        guard status.handsOutLeads else {
            throw DomainError(.ruleRefused, code: "project_closed", zh: "项目已结束，不再分派客户",
                              en: "The project is closing or closed: no more leads are handed out")
        }
        // A vendor's agent gets customer data only under its vendor's qualification, contract and NDA (issue 18 item 3).
        if let site = try await AgentModel.find(agent, on: db)?.siteID {
            try await VendorService.gate(site: site, on: LocalDate(now, in: project.zone), db: db)
        }
        try await checkNoResultPending(agent: agent, on: db)
        let projectID = try project.project.requireID()
        let rules = try await PolicyQueries.rules(project: projectID, on: db)
        let request = ReservationRequest(agent: agent, project: projectID, at: now, rules: rules, zone: project.zone,
                                         testCall: status.makesTestCalls,
                                         callbackPass: Double(project.project.callbackPassMinutes) * 60, onlyOne: true)
        switch try await LeadReservationQueries.reserve(request, on: db) {
        case .reserved(let reservation):
            guard let lead = reservation.lead else { throw StoreInconsistency("lead \(reservation.leadID)") }
            let dto = try await LeadView.dtos([lead], reveal: false, on: db).first
            return NextLead(reserved: true, attempt_id: reservation.attemptID, lead: dto, refusals: [:], examined: 1,
                            message_zh: nil, message_en: nil)
        case .noneDialable(let refusals, let examined):
            let why = NoLeadExplanation.explain(refusals: refusals, examined: examined, schedule: rules.rules.schedule,
                                                at: now, in: project.zone)
            return NextLead(reserved: false, attempt_id: nil, lead: nil,
                            refusals: Dictionary(uniqueKeysWithValues: refusals.map { ($0.key.rawValue, $0.value) }), examined: examined,
                            message_zh: why.zh, message_en: why.en)
        }
    }

    /// The agent's own attempt still in progress, with its project.
    package static func ownOpenAttempt(_ id: UUID, user: CurrentUser, on db: any Database) async throws -> (OpenAttempt, ProjectRecord) {
        let agent = try agent(of: user)
        let notYours = DomainError(.forbidden, code: "not_your_attempt", zh: "这不是您的外呼", en: "This attempt is not yours")
        guard let attempt = try await AttemptQueries.open(id, on: db) else {
            // Another agent's ended call is refused as not theirs: whether it has ended is not theirs to learn.
            if try await AttemptQueries.exists(id, heldByOtherThan: agent, on: db) { throw notYours }
            throw AttemptQueries.notOpen
        }
        guard attempt.agentID == agent else { throw notYours }
        guard let project = try await ProjectQueries.project(attempt.projectID.uuidString, in: .organisation, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "项目", en: "project"))
        }
        return (attempt, project)
    }

    /// The check at dial time; a refused dial releases the lead, as it never became a call. An allowed one is
    /// placed by the project's live dialer through the telephony interface (`waihu serve`).
    package static func dial(_ id: UUID, user: CurrentUser, at now: Date, on db: any Database) async throws -> PolicyCheck {
        let (attempt, project) = try await ownOpenAttempt(id, user: user, on: db)
        let dialling = try await AgentStateQueries.current(agent: try agent(of: user), on: db).state == .dialing
        guard attempt.answeredAt == nil, attempt.endedAt == nil, !dialling else {
            throw DomainError(.conflict, code: "already_dialled", zh: "这通电话已经拨出", en: "This call has already been dialled")
        }
        try await checkNoResultPending(agent: try agent(of: user), on: db)
        let rules = try await PolicyQueries.rules(project: attempt.projectID, on: db)
        let decision = try await LeadReservationQueries.confirmDial(attempt.reservation, project: attempt.projectID, at: now, rules: rules,
                                                                    zone: project.zone, on: db)
        if decision.allowed { try await AttemptQueries.requestDial(id, at: now, on: db) }
        return PolicyCheck(decision, version: rules.version)
    }

    /// A call a person answered waits for its result before the agent takes or dials another lead.
    package static let resultPending = DomainError(.conflict, code: "disposition_pending",
                                                   zh: "请先提交上一通电话的结果", en: "Record the result of your last call first")

    static func checkNoResultPending(agent: UUID, on db: any Database) async throws {
        if let held = try await AttemptQueries.open(agent: agent, on: db), held.answeredAt != nil { throw resultPending }
    }

    /// Gives the lead back without a call.
    package static func release(_ id: UUID, user: CurrentUser, on db: any Database) async throws {
        let (attempt, _) = try await ownOpenAttempt(id, user: user, on: db)
        let dialling = try await AgentStateQueries.current(agent: try agent(of: user), on: db).state == .dialing
        guard attempt.answeredAt == nil, attempt.endedAt == nil, !dialling else {
            throw DomainError(.conflict, code: "already_dialled", zh: "已经拨出的电话不能放回，请提交结果",
                              en: "A call already dialled cannot be put back: record its result")
        }
        try await LeadReservationQueries.release(attempt.reservation, on: db)
    }

    /// The agent hangs up (挂断) their call, ringing or connected: the project's live dialer ends it at its next
    /// beat (within a second); after-call work follows a connected call. A call already over is refused.
    package static func hangUp(_ id: UUID, user: CurrentUser, at now: Date, on db: any Database) async throws {
        let (attempt, _) = try await ownOpenAttempt(id, user: user, on: db)
        let state = try await AgentStateQueries.current(agent: try agent(of: user), on: db).state
        guard attempt.endedAt == nil, [.dialing, .talking].contains(state) || attempt.dialRequestedAt != nil,
              try await AttemptQueries.requestHangUp(id, at: now, on: db) else {
            throw DomainError(.conflict, code: "not_on_call", zh: "这通电话已经结束或还没有拨出", en: "This call is over or was not dialled")
        }
    }
}
