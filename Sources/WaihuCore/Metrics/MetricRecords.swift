import Foundation

/// The records the metrics are computed from (METRICS.md §1), as plain values: the store loads
/// them, the calculator reads them. Projects are named by code, agents by employee number.
public struct MetricRecords: Sendable {
    public var projects: [MetricProject] = []
    public var agents: [MetricAgent] = []
    public var leads: [MetricLead] = []
    public var attempts: [MetricAttempt] = []
    public var intervals: [MetricInterval] = []
    public var schedules: [MetricSchedule] = []
    public var orders: [MetricOrder] = []
    public var reviews: [MetricReview] = []
    public var complaints: [MetricComplaint] = []
    public var replies: [MetricSatisfaction] = []

    public init() {}
}

/// A project's settings the metrics use.
public struct MetricProject: Sendable, Equatable {
    public var code: String
    /// The target of completed accounts (项目目标), if one is set.
    public var target: Int?
    /// Talk seconds from which a connected call is a conversation (电话沟通, 30 by default).
    public var conversationSeconds: Int
    /// Talk seconds from which a connected call is an effective conversation (有效沟通, 180 by default).
    public var effectiveConversationSeconds: Int

    public init(code: String, target: Int? = nil, conversationSeconds: Int = 30, effectiveConversationSeconds: Int = 180) {
        self.code = code
        self.target = target
        self.conversationSeconds = conversationSeconds
        self.effectiveConversationSeconds = effectiveConversationSeconds
    }
}

/// An agent with the site and team their work counts in, and the dates of the headcount.
public struct MetricAgent: Sendable, Equatable {
    public var number: String
    public var site: String
    public var team: String?
    public var hiredOn: LocalDate?
    public var leftOn: LocalDate?

    public init(number: String, site: String, team: String? = nil, hiredOn: LocalDate? = nil, leftOn: LocalDate? = nil) {
        self.number = number
        self.site = site
        self.team = team
        self.hiredOn = hiredOn
        self.leftOn = leftOn
    }
}

/// A lead (客户数据) of a project; `rejected` when its row was refused at import.
public struct MetricLead: Sendable, Equatable {
    public var id: String
    public var project: String
    public var rejected: Bool

    public init(id: String, project: String, rejected: Bool = false) {
        self.id = id
        self.project = project
        self.rejected = rejected
    }
}

/// A call attempt (外拨记录). `category` is its disposition's, nil while the call is going on.
public struct MetricAttempt: Sendable, Equatable {
    public var id: String
    public var project: String
    public var lead: String?
    public var agent: String?
    public var startedAt: Date
    public var prepSeconds: Int
    public var talkSeconds: Int
    public var acwSeconds: Int
    public var category: DispositionCategory?
    /// Made as a test call (拨测): in no slice.
    public var testCall: Bool

    public init(id: String, project: String, lead: String?, agent: String?, startedAt: Date, prepSeconds: Int = 0,
                talkSeconds: Int = 0, acwSeconds: Int = 0, category: DispositionCategory?, testCall: Bool = false) {
        self.id = id
        self.project = project
        self.lead = lead
        self.agent = agent
        self.startedAt = startedAt
        self.prepSeconds = prepSeconds
        self.talkSeconds = talkSeconds
        self.acwSeconds = acwSeconds
        self.category = category
        self.testCall = testCall
    }
}

/// A stretch of one agent in one state; an open one (`endedAt` nil) runs until the calculation's instant.
public struct MetricInterval: Sendable, Equatable {
    public var agent: String
    public var state: AgentState
    public var startedAt: Date
    public var endedAt: Date?
    public var project: String?

    public init(agent: String, state: AgentState, startedAt: Date, endedAt: Date?, project: String? = nil) {
        self.agent = agent
        self.state = state
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.project = project
    }
}

/// An agent's schedule for one day (排班).
public struct MetricSchedule: Sendable, Equatable {
    public var agent: String
    public var date: LocalDate
    public var scheduledSeconds: Int
    public var paidSeconds: Int
    public var scheduledToAttend: Bool
    public var attended: Bool
    /// The roster's day when a file gives the shift or the leave (`shift_start`, `shift_end`, `leave`).
    public var roster: RosterDay?
    /// A rostered shift: the agent attended when logged in that day, whatever `attended` says (a roster is set
    /// before the day; the logins tell).
    public var attendanceFromLogins = false

    public init(agent: String, date: LocalDate, scheduledSeconds: Int, paidSeconds: Int, scheduledToAttend: Bool, attended: Bool) {
        self.agent = agent
        self.date = date
        self.scheduledSeconds = scheduledSeconds
        self.paidSeconds = paidSeconds
        self.scheduledToAttend = scheduledToAttend
        self.attended = attended
    }
}

/// An order (订单) taken on an attempt; the amount in cents (分).
public struct MetricOrder: Sendable, Equatable {
    public var attempt: String
    public var amountCents: Int
    public var status: OrderStatus

    public init(attempt: String, amountCents: Int, status: OrderStatus) {
        self.attempt = attempt
        self.amountCents = amountCents
        self.status = status
    }
}

/// A quality review (质检) of an attempt.
public struct MetricReview: Sendable, Equatable {
    public var attempt: String
    public var grade: ReviewGrade

    public init(attempt: String, grade: ReviewGrade) {
        self.attempt = attempt
        self.grade = grade
    }
}

/// A complaint (投诉) about an attempt; only valid ones count.
public struct MetricComplaint: Sendable, Equatable {
    public var attempt: String
    public var valid: Bool

    public init(attempt: String, valid: Bool) {
        self.attempt = attempt
        self.valid = valid
    }
}

/// A customer's SMS satisfaction reply (短信满意度) after an attempt.
public struct MetricSatisfaction: Sendable, Equatable {
    public var attempt: String
    public var satisfied: Bool

    public init(attempt: String, satisfied: Bool) {
        self.attempt = attempt
        self.satisfied = satisfied
    }
}

/// The grades of a quality review.
public enum ReviewGrade: String, Sendable, Codable, CaseIterable {
    case excellent, qualified, unqualified
}
