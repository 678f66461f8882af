import FluentKit
import Foundation
import WaihuCore
import WaihuStore

extension DeskService {
    /// What the agent asks: log into a project (ready or busy), change state, log out.
    package struct StateInput: Codable, Sendable {
        package var state: String
        package var reason: String?
        /// The project to log into (id or code); needed when logged out, ignored otherwise.
        package var project: String?
    }

    /// The agent's desk now: state, and the call in hand (a lead taken, or a call the dialer put through).
    package struct DeskStatus: Codable, Sendable {
        package var state: String
        package var since: Date?
        package var reason: String?
        package var project_id: UUID?
        package var call: Call?
        /// The agent's callbacks due within 15 minutes or overdue (回拨提醒), earliest first.
        package var callbacks: [Reminder]
        /// The agent's own figures for today (the organisation's day).
        package var today: DeskFigures
        /// In after-call work: when the project's wrap-up limit makes the agent ready (once the disposition is recorded).
        package var wrap_up_ends_at: Date?
        /// The agent's latest ended call: what became of a preview call the network did not connect.
        package var last_call: Earlier?
        /// The logged-in project's completed accounts per agent and day (每人每日目标), to set `today.completed` against.
        package var daily_target: Int?
        /// Today's busy time by reason, the reasons named.
        package var breaks: [BreakTime]
        /// The server's time: the desk's timers run on it, not on the computer's clock.
        package var now: Date?
        /// The agent's phone line when calls go out on the SIP trunk (nil on the simulated network).
        package var phone: PhoneLine? = nil

        package struct BreakTime: Codable, Sendable {
            package var reason: String
            package var name: String
            package var seconds: Int
        }

        package struct Reminder: Codable, Sendable {
            package var customer_id: String?
            package var name: String?
            package var at: Date
        }

        package struct Call: Codable, Sendable {
            package var attempt_id: UUID
            package var project_id: UUID
            package var lead: LeadDTO?
            package var started_at: Date
            package var answered_at: Date?
            /// Set once the customer has hung up; after-call work follows until the disposition.
            package var ended_at: Date?
            package var talk_seconds: Int
            /// The agent pressed Dial and the dialer has not placed the call yet.
            package var dial_requested: Bool
            /// A test call (拨测): the project is in its test phase and the call counts in no figure.
            package var test_call: Bool
            /// The customer asked to be called back at this time (预约回拨), by this agent or anyone.
            package var callback_at: Date?
            /// The project's script in force, filled with the lead's data, and its questionnaire.
            package var script: ScriptService.DeskScript?
            /// This customer's earlier attempts, newest first.
            package var history: [Earlier]
            /// The project's products with their prices, to pick from in an order; empty: typed freely.
            package var products: [ProductList.Product]
        }

        package struct Earlier: Codable, Sendable {
            package var started_at: Date
            package var disposition: String?
            package var talk_seconds: Int
        }
    }

    /// The project named to log into, when it is visible to the agent and still open.
    package static func loginProject(_ key: String?, user: CurrentUser, on db: any Database) async throws -> UUID? {
        guard let key, !key.isEmpty else { return nil }
        guard let project = try await ProjectQueries.project(key, in: user.scope, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "项目 \(key)", en: "project \(key)"))
        }
        guard project.project.status.handsOutLeads else {
            throw DomainError(.ruleRefused, code: "project_closed", zh: "项目已结束，不能签入", en: "The project is closing or closed: no logging in")
        }
        return try project.project.requireID()
    }

    /// The desk asking for its state, which is its heartbeat: a ready agent whose desk stops asking gets no
    /// call (`DeskPresence`).
    package static func poll(user: CurrentUser, at now: Date, language: Language = .zh, on db: any Database) async throws -> DeskStatus {
        let agent = try agent(of: user)
        let current = try await AgentStateQueries.current(agent: agent, on: db)
        // Written only when due: on SQLite a write takes the file's one write lock and empties the other connections'
        // page caches; most looks find the heartbeat fresh.
        if current.heartbeatDue(at: now) { try await AgentStateQueries.heartbeat(agent: agent, at: now, on: db) }
        return try await status(agent: agent, current: current, at: now, language: language, on: db)
    }

    package static func status(user: CurrentUser, at now: Date, language: Language = .zh, on db: any Database) async throws -> DeskStatus {
        let agent = try agent(of: user)
        return try await status(agent: agent, current: try await AgentStateQueries.current(agent: agent, on: db), at: now,
                                language: language, on: db)
    }

    static func status(agent: UUID, current: AgentStateQueries.Current, at now: Date, language: Language,
                       on db: any Database) async throws -> DeskStatus {
        var call: DeskStatus.Call?
        if let open = try await AttemptQueries.open(agent: agent, on: db) {
            let lead = try await LeadModel.find(open.leadID, on: db)
            let dto = try await lead.asyncMap { try await LeadView.dtos([$0], reveal: false, on: db).first } ?? nil
            let script = try await ScriptQueries.inForce(project: open.projectID, on: db)
            let history = try await AttemptQueries.history(lead: open.leadID, limit: 11, on: db).filter { $0.id != open.id }.prefix(10)
            call = DeskStatus.Call(attempt_id: open.id, project_id: open.projectID, lead: dto,
                                   started_at: open.startedAt, answered_at: open.answeredAt, ended_at: open.endedAt,
                                   talk_seconds: open.talkSeconds, dial_requested: open.dialRequestedAt != nil,
                                   test_call: open.testCall,
                                   callback_at: lead.flatMap { $0.deferral == LeadDeferral.callback.rawValue ? $0.nextAttemptAt : nil },
                                   script: try await script.asyncMap { ScriptService.desk($0, lead: dto, agent: try await AgentModel.find(agent, on: db),
                                                                                            language: language) },
                                   history: history.map { .init(started_at: $0.startedAt, disposition: $0.disposition, talk_seconds: $0.talkSeconds) },
                                   products: try await ProjectModel.find(open.projectID, on: db)?.products.products ?? [])
        }
        let callbacks = try await DeskQueries.callbacksDue(agent: agent, before: now.addingTimeInterval(15 * 60), limit: 20, on: db).map {
            DeskStatus.Reminder(customer_id: $0.customerID.map(PhoneMask.maskDigitRuns), name: $0.name.map(PhoneMask.maskDigitRuns), at: $0.at)
        }
        let zone = try await OrganisationQueries.timeZone(on: db)
        return DeskStatus(state: current.state.rawValue, since: current.since, reason: current.reason,
                          project_id: current.projectID, call: call, callbacks: callbacks,
                          today: try await figures(agent: agent, at: now, zone: zone, on: db),
                          wrap_up_ends_at: try await wrapUpEnd(current, on: db),
                          last_call: try await AttemptQueries.latestEnded(agent: agent, on: db).map {
                              .init(started_at: $0.startedAt, disposition: $0.disposition, talk_seconds: $0.talkSeconds)
                          },
                          daily_target: try await current.projectID.asyncMap { try await DeskQueries.dailyTarget(project: $0, on: db) } ?? nil,
                          breaks: try await breaks(agent: agent, at: now, zone: zone, language: language, on: db), now: now)
    }

    /// Today's busy time by reason (the organisation's day, in `zone`).
    package static func breaks(agent: UUID, at now: Date, zone: TimeZone, language: Language, on db: any Database) async throws -> [DeskStatus.BreakTime] {
        let midnight = LocalTime.startOfDay(now, in: zone)
        return BreakTimes.seconds(try await DeskQueries.busyIntervals(agent: agent, since: midnight, on: db), since: midnight, now: now)
            .map { .init(reason: $0.reason.rawValue, name: $0.reason.name.text(language), seconds: $0.seconds) }
    }

    package static func wrapUpEnd(_ current: AgentStateQueries.Current, on db: any Database) async throws -> Date? {
        guard current.state == .acw, let since = current.since, let project = current.projectID else { return nil }
        let limit = try await ProjectModel.find(project, on: db)?.wrapUpSeconds ?? WrapUp.defaultSeconds
        return since.addingTimeInterval(Double(limit))
    }

    /// The agent's figures for today (the organisation's day, in `zone`), categories from each project's disposition set in force.
    package static func figures(agent: UUID, at now: Date, zone: TimeZone, on db: any Database) async throws -> DeskFigures {
        let groups = try await AttemptQueries.tally(agent: agent, from: LocalTime.startOfDay(now, in: zone),
                                                    to: LocalTime.startOfDay(now, in: zone, plusDays: 1), on: db)
        let sets = try await DispositionQueries.allInForce(projects: Array(Set(groups.compactMap(\.project))), on: db)
        var figures = DeskFigures()
        for group in groups {
            let category = group.project.flatMap { sets[$0] }.flatMap { set in group.disposition.flatMap { set.rule($0)?.category } }
            figures.add(category: category, answered: group.answered, calls: group.calls, talkSeconds: group.talkSeconds)
        }
        return figures
    }

    /// Changes the agent's own state; refused, with nothing written, when the change is not allowed.
    package static func changeState(_ input: StateInput, user: CurrentUser, at now: Date, language: Language = .zh,
                                    on db: any Database) async throws -> DeskStatus {
        let agent = try agent(of: user)
        guard let next = AgentState(rawValue: input.state) else {
            throw DomainError.invalidField("state", zh: "未知状态“\(input.state)”：可选 ready、busy、logged_out",
                                           en: "unknown state '\(input.state)': use ready, busy or logged_out")
        }
        let projectID = try await loginProject(input.project, user: user, on: db)
        let held = try await AttemptQueries.open(agent: agent, on: db)
        let reason = input.reason
        try await AgentStateQueries.change(agent: agent, to: next, reason: next == .busy ? reason : nil, project: projectID,
                                           at: now, source: "desk", check: { current in
            _ = try AgentStateMachine.agentMay(from: current.state, to: next, reason: reason)
            if current.state == .logged_out, next != .logged_out, projectID == nil {
                throw DomainError.invalidField("project", zh: "签入时须选择项目", en: "choose the project to log into")
            }
            if let held, held.answeredAt != nil, next != .busy { throw resultPending }
        }, on: db)
        return try await status(user: user, at: now, language: language, on: db)
    }
}
