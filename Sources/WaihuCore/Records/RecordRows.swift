import Foundation

/// The kinds of record files `waihu import` takes for centers whose telephone system is not driven
/// by Waihu, and for migration (METRICS.md §1.2, §1.4–§1.6).
public enum RecordKind: String, Sendable, Codable, CaseIterable {
    case calls, states, schedules, orders, transcripts, reviews, recordings

    /// The columns of the file; all must be in the header, though some values may be empty.
    public var columns: [String] {
        switch self {
        case .calls: ["attempt_id", "project", "lead_id", "phone", "agent", "started_at", "answered_at", "ended_at",
                      "prep_seconds", "talk_seconds", "acw_seconds", "disposition"]
        case .states: ["agent", "state", "started_at", "ended_at", "reason"]
        case .schedules: ["agent", "date", "scheduled_seconds", "paid_seconds", "scheduled_to_attend", "attended"]
        case .orders: ["order_id", "attempt_id", "amount", "status"]
        case .transcripts: ["attempt_id", "speaker", "start_ms", "end_ms", "text"]
        case .reviews: ["review_id", "attempt_id", "scorecard", "inspector", "reviewed_at", "score", "grade", "fatal"]
        case .recordings: ["attempt_id", "path_or_url", "duration_seconds"]
        }
    }

    /// Columns a file may add; read when present.
    public var optionalColumns: [String] {
        switch self {
        case .schedules: ["shift_start", "shift_end", "break_minutes", "leave"]
        default: []
        }
    }
}

/// A call attempt from a file (外拨记录): `lead_id` is the lead's customer id in the project,
/// `agent` the employee number (empty when no agent took it).
public struct CallRecord: Sendable, Equatable {
    public var attemptID: String
    public var project: String
    public var customerID: String
    public var phone: String
    public var agent: String?
    public var startedAt: Date
    public var answeredAt: Date?
    public var endedAt: Date
    public var prepSeconds: Int
    public var talkSeconds: Int
    public var acwSeconds: Int
    public var disposition: String

    public init(_ row: RecordFields) throws(DomainError) {
        attemptID = try row.required("attempt_id")
        project = try row.required("project")
        customerID = try row.required("lead_id")
        phone = try PhoneParser.normalised(try row.required("phone"))
        agent = row.text("agent")
        startedAt = try row.time("started_at")
        answeredAt = try row.optionalTime("answered_at")
        endedAt = try row.time("ended_at")
        prepSeconds = try row.seconds("prep_seconds")
        talkSeconds = try row.seconds("talk_seconds")
        acwSeconds = try row.seconds("acw_seconds")
        disposition = try row.required("disposition")
        guard endedAt >= startedAt else {
            throw DomainError(.badInput, code: "ended_before_started", zh: "结束时间早于开始时间", en: "ended_at is before started_at")
        }
        if let answeredAt, answeredAt < startedAt || answeredAt > endedAt {
            throw DomainError(.badInput, code: "answered_outside_call",
                              zh: "接听时间不在开始与结束时间之间", en: "answered_at is not between started_at and ended_at")
        }
        if talkSeconds > 0 && answeredAt == nil {
            throw DomainError(.badInput, code: "talk_without_answer",
                              zh: "有通话时长却没有接听时间", en: "talk_seconds is over 0 but answered_at is empty")
        }
    }
}

/// A stretch of an agent in one state from a file (坐席状态).
public struct StateRecord: Sendable, Equatable {
    public var agent: String
    public var state: AgentState
    public var startedAt: Date
    public var endedAt: Date
    public var reason: BusyReason?
    /// The project the agent was logged into, when the file has a `project` column.
    public var project: String?

    public init(_ row: RecordFields) throws(DomainError) {
        agent = try row.required("agent")
        let name = try row.required("state")
        guard let state = AgentState(rawValue: name) else {
            throw DomainError.invalidField("state", zh: "状态须为 \(AgentState.allCases.map(\.rawValue).joined(separator: "、")) 之一，不是「\(name)」",
                                           en: "a state is one of \(AgentState.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(name)\"")
        }
        self.state = state
        startedAt = try row.time("started_at")
        endedAt = try row.time("ended_at")
        guard endedAt > startedAt else {
            throw DomainError(.badInput, code: "ended_before_started", zh: "结束时间须晚于开始时间", en: "ended_at must be after started_at")
        }
        if let text = row.text("reason"), state == .busy {
            guard let reason = BusyReason(rawValue: text) else {
                throw DomainError.invalidField("reason", zh: "示忙原因须为 \(BusyReason.allCases.map(\.rawValue).joined(separator: "、")) 之一，不是「\(text)」",
                                               en: "a busy reason is one of \(BusyReason.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(text)\"")
            }
            self.reason = reason
        }
        project = row.text("project")
    }
}

/// An agent's schedule for a day from a file (排班): the same record the metrics read.
extension MetricSchedule {
    public init(_ row: RecordFields) throws(DomainError) {
        let agent = try row.required("agent"), date = try row.date("date")
        let scheduled = try row.seconds("scheduled_seconds"), paid = try row.seconds("paid_seconds")
        guard scheduled <= 86_400, paid <= 86_400 else {
            throw DomainError(.badInput, code: "more_than_a_day", zh: "一天的排班或付薪秒数不能超过 86400", en: "A day's scheduled or paid seconds cannot exceed 86,400")
        }
        self.init(agent: agent, date: date, scheduledSeconds: scheduled, paidSeconds: paid,
                  scheduledToAttend: try row.flag("scheduled_to_attend"), attended: try row.flag("attended"))
        // The optional roster columns: a shift's local times (and breaks), or a leave type.
        let start = row.text("shift_start"), end = row.text("shift_end"), leave = row.text("leave")
        if start != nil || end != nil || leave != nil {
            let breaks = try row.text("break_minutes").map { text throws(DomainError) -> Int in
                guard let minutes = Int(text) else { throw DomainError.invalidField("break_minutes", zh: "须为整数", en: "expected a whole number") }
                return minutes
            }
            roster = try RosterDay.parse(start: start, end: end, breakMinutes: breaks, leave: leave)
        }
    }
}

/// An order from a file (订单): `attempt_id` is the attempt's id in the calls file (or Waihu's own).
public struct OrderRecord: Sendable, Equatable {
    public var orderID: String
    public var attemptID: String
    public var amountCents: Int
    public var status: OrderStatus

    public init(_ row: RecordFields) throws(DomainError) {
        orderID = try row.required("order_id")
        attemptID = try row.required("attempt_id")
        amountCents = try row.cents("amount")
        status = try OrderStatus.parse(try row.required("status"))
    }
}

/// One turn of a call's transcript from a file (通话转写): who spoke, when (milliseconds from the call's start), what.
public struct TranscriptRecord: Sendable, Equatable {
    public enum Speaker: String, Sendable, Codable { case agent, customer }

    public var attemptID: String
    public var speaker: Speaker
    public var startMs: Int
    public var endMs: Int
    public var text: String

    public init(attemptID: String, speaker: Speaker, startMs: Int, endMs: Int, text: String) {
        self.attemptID = attemptID
        self.speaker = speaker
        self.startMs = startMs
        self.endMs = endMs
        self.text = text
    }

    public init(_ row: RecordFields) throws(DomainError) {
        attemptID = try row.required("attempt_id")
        let speaker = try row.required("speaker")
        guard let parsed = Speaker(rawValue: speaker.lowercased()) ?? (speaker == "坐席" ? .agent : speaker == "客户" ? .customer : nil) else {
            throw DomainError.invalidField("speaker", zh: "说话人须为 agent（坐席）或 customer（客户），不是「\(speaker)」",
                                           en: "the speaker is agent or customer, not \"\(speaker)\"")
        }
        self.speaker = parsed
        guard let start = Int(try row.required("start_ms")), start >= 0, let end = Int(try row.required("end_ms")), end >= start else {
            throw DomainError.invalidField("start_ms", zh: "起止毫秒须为整数且结束不早于开始", en: "start_ms and end_ms are whole milliseconds, the end not before the start")
        }
        startMs = start
        endMs = end
        text = try row.required("text")
        guard text.count <= 10_000 else {
            throw DomainError.invalidField("text", zh: "一段转写最多 10000 字", en: "a turn's text is at most 10,000 characters")
        }
    }
}

/// A QA review from another system (质检历史): its grade must fit its score and a fatal item makes it 0 and unqualified.
public struct ReviewRecord: Sendable, Equatable {
    public var reviewID: String
    public var attemptID: String
    public var scorecard: String
    public var inspector: String
    public var reviewedAt: Date
    public var score: Int
    public var grade: ReviewGrade
    public var fatal: Bool

    public init(_ row: RecordFields) throws(DomainError) {
        reviewID = try row.required("review_id")
        attemptID = try row.required("attempt_id")
        scorecard = try row.required("scorecard")
        inspector = try row.required("inspector")
        reviewedAt = try row.time("reviewed_at")
        guard let score = Int(try row.required("score")), (0 ... 100).contains(score) else {
            throw DomainError.invalidField("score", zh: "得分须为 0–100 的整数", en: "the score is a whole number 0–100")
        }
        self.score = score
        let grade = try row.required("grade")
        guard let parsed = ReviewGrade(rawValue: grade.lowercased()) ?? ReviewGrade.allCases.first(where: { $0.name.zh == grade }) else {
            throw DomainError.invalidField("grade", zh: "等级须为 excellent、qualified、unqualified（优秀、合格、不合格）之一，不是「\(grade)」",
                                           en: "the grade is excellent, qualified or unqualified, not \"\(grade)\"")
        }
        self.grade = parsed
        fatal = try row.flag("fatal")
        if (fatal || score == 0) && parsed != .unqualified || fatal && score != 0 {
            throw DomainError(.badInput, code: "grade_does_not_fit", zh: "致命项或 0 分的质检须为 0 分、不合格",
                              en: "A review with a fatal item, or of 0, is 0 and unqualified")
        }
    }
}

/// A call's recording (录音) from a file: where it is — an absolute path on the server or an http(s) address — and
/// how long it runs. The same link the SIP work will write its own recordings through.
public struct RecordingRecord: Sendable, Equatable {
    public var attemptID: String
    public var location: String
    public var durationSeconds: Int

    public init(_ row: RecordFields) throws(DomainError) {
        attemptID = try row.required("attempt_id")
        location = try row.required("path_or_url")
        guard location.hasPrefix("/") || location.hasPrefix("https://") || location.hasPrefix("http://") else {
            throw DomainError.invalidField("path_or_url", zh: "录音位置须为服务器上的绝对路径或 http(s) 地址，不是「\(location)」",
                                           en: "a recording is an absolute path on the server or an http(s) address, not \"\(location)\"")
        }
        guard !location.contains("/../"), !location.hasSuffix("/..") else {
            throw DomainError.invalidField("path_or_url", zh: "路径中不能有“..”", en: "a path may not hold \"..\"")
        }
        durationSeconds = try row.seconds("duration_seconds")
    }
}
