import Fluent
import Foundation
import SQLKit
import WaihuCore

/// How an attempt in progress ended, as the agent (or the dialer) records it.
public struct AttemptEnd: Sendable {
    public var disposition: DispositionRule
    public var answeredAt: Date?
    public var endedAt: Date
    public var talkSeconds: Int
    public var acwSeconds: Int
    public var callbackAt: Date?
    public var product: String?
    /// The order taken on the call, confirmed by the customer.
    public var order: OrderCapture?
    /// The version of the script the agent worked with.
    public var scriptVersion: Int?
    /// The questionnaire's answers, already checked against that version.
    public var answers: [String: Answer]

    public init(disposition: DispositionRule, answeredAt: Date?, endedAt: Date, talkSeconds: Int, acwSeconds: Int,
                callbackAt: Date? = nil, product: String? = nil, order: OrderCapture? = nil,
                scriptVersion: Int? = nil, answers: [String: Answer] = [:]) {
        self.order = order
        self.scriptVersion = scriptVersion
        self.answers = answers
        self.disposition = disposition
        self.answeredAt = answeredAt
        self.endedAt = endedAt
        self.talkSeconds = talkSeconds
        self.acwSeconds = acwSeconds
        self.callbackAt = callbackAt
        self.product = product
    }
}

/// An attempt in progress as it was reserved.
public struct OpenAttempt: Sendable, Equatable {
    public var id: UUID
    public var projectID: UUID
    public var leadID: UUID
    public var agentID: UUID?
    public var phone: String
    public var startedAt: Date
    /// Filled by the dialer on calls it placed: when a person answered, when the call ended, how long it talked.
    public var answeredAt: Date?
    public var endedAt: Date?
    public var talkSeconds: Int = 0
    /// The agent pressed Dial on this preview lead and the dialer has not placed the call yet.
    public var dialRequestedAt: Date? = nil
    /// A test call (拨测) of a project in its test phase, left out of every figure.
    public var testCall: Bool = false

    /// The reservation that holds its lead.
    public var reservation: Reservation { Reservation(leadID: leadID, attemptID: id, phone: phone) }
}

/// Ending attempts: the attempt, its lead and any do-not-call listing change together.
public enum AttemptQueries {
    /// Why an attempt cannot be dialled or ended any more.
    public static let notOpen = DomainError(.conflict, code: "attempt_not_open",
                                            zh: "这次外呼已经结束或不存在", en: "This attempt has already ended or does not exist")

    /// An attempt still in progress, or nil when there is none with this id (or it has ended).
    public static func open(_ id: UUID, on db: any Database) async throws -> OpenAttempt? {
        try await open(id, StoreSQL.sql(db))
    }

    /// Whether there is an attempt with this id that is not `agent`'s (another agent's, or the dialer's with no agent).
    public static func exists(_ id: UUID, heldByOtherThan agent: UUID, on db: any Database) async throws -> Bool {
        guard let row = try await StoreSQL.sql(db).select().column("agent_id").from(CallAttemptModel.schema)
            .where("id", .equal, SQLBind(id)).first() else { return false }
        return try row.decode(column: "agent_id", as: UUID?.self) != agent
    }

    static func open(_ id: UUID, _ sql: any SQLDatabase) async throws -> OpenAttempt? {
        guard let row = try await sql.select()
            .columns("id", "project_id", "lead_id", "agent_id", "phone", "started_at", "answered_at", "ended_at", "talk_seconds",
                     "dial_requested_at", "test_call")
            .from(CallAttemptModel.schema).where("id", .equal, SQLBind(id))
            .where("in_progress", .equal, SQLLiteral.boolean(true)).first(),
              let project = try row.decode(column: "project_id", as: UUID?.self),
              let lead = try row.decode(column: "lead_id", as: UUID?.self) else { return nil }
        return OpenAttempt(id: id, projectID: project, leadID: lead, agentID: try row.decode(column: "agent_id", as: UUID?.self),
                           phone: try row.decode(column: "phone", as: String.self),
                           startedAt: try row.decode(column: "started_at", as: Date.self),
                           answeredAt: try row.decode(column: "answered_at", as: Date?.self),
                           endedAt: try row.decode(column: "ended_at", as: Date?.self),
                           talkSeconds: try row.decode(column: "talk_seconds", as: Int.self),
                           dialRequestedAt: try row.decode(column: "dial_requested_at", as: Date?.self),
                           testCall: try row.decode(column: "test_call", as: Bool.self))
    }

    /// Ends an attempt with its disposition in one transaction: the attempt is recorded, its lead
    /// finished or put back to wait per the disposition's retry rule or callback, and a `dnc_request`
    /// lists the number at once for every project. Refused — nothing written — when the attempt has
    /// already ended or the disposition's requirements are not met.
    public static func finish(_ attempt: UUID, _ end: AttemptEnd, listedBy actor: String,
                              on db: any Database) async throws -> LeadProgress {
        try await StoreTransaction.immediate(db) { sql, _ in
            guard let open = try await open(attempt, sql) else { throw notOpen }
            guard end.endedAt >= open.startedAt else {
                throw DomainError.invalidField("ended_at", zh: "结束时间早于开始时间", en: "the end is before the start")
            }
            let attempts = try await sql.select().column("attempts").from(LeadModel.schema)
                .where("id", .equal, SQLBind(open.leadID)).first()?.decode(column: "attempts", as: Int.self) ?? 0
            let progress = try LeadProgress.after(end.disposition, attempts: attempts + 1, endedAt: end.endedAt,
                                                  callbackAt: end.callbackAt)
            try await sql.update(CallAttemptModel.schema)
                .set("in_progress", to: SQLLiteral.boolean(false)).set("disposition", to: SQLBind(end.disposition.code))
                .set("answered_at", to: SQLBind(end.answeredAt)).set("ended_at", to: SQLBind(end.endedAt))
                .set("talk_seconds", to: SQLBind(end.talkSeconds)).set("acw_seconds", to: SQLBind(end.acwSeconds))
                .set("product", to: SQLBind(end.product)).set("script_version", to: SQLBind(end.scriptVersion))
                .where("id", .equal, SQLBind(attempt)).run()
            try await sql.update(LeadModel.schema)
                .set("status", to: SQLBind(progress.status.rawValue)).set("attempts", to: SQLBind(attempts + 1))
                .set("next_attempt_at", to: SQLBind(progress.nextAttemptAt)).set("deferral", to: SQLBind(progress.deferral?.rawValue))
                .set("callback_owner", to: SQLBind(progress.deferral == .callback ? end.disposition.callback?.rawValue : nil))
                .set("last_disposition", to: SQLBind(end.disposition.code))
                .where("id", .equal, SQLBind(open.leadID)).run()
            if end.disposition.adds_to_do_not_call {
                try await DoNotCallQueries.list(open.phone, reason: .refusedCalls, source: "disposition", by: actor, at: end.endedAt, sql)
            }
            if let order = end.order { try await OrderQueries.insert(order, attempt: attempt, at: end.endedAt, sql) }
            if !end.answers.isEmpty {
                try await AnswerQueries.insert(end.answers, attempt: attempt, project: open.projectID, version: end.scriptVersion,
                                               at: end.endedAt, sql)
            }
            return progress
        }
    }
}
