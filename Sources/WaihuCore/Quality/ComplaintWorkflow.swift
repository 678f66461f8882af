import Foundation

/// The steps of a complaint after it is registered (seed 003 附件3, RULES B.2): classified and dispatched, the
/// recording retrieved, judged (company fault or not; penalties follow a valid one), remedied (the order cancelled,
/// compensation paid), the result fed back, the customer replied to.
public enum ComplaintStep: String, Sendable, Codable, CaseIterable {
    case classified
    case recordingRetrieved = "recording_retrieved"
    case judged
    case remedied
    case fedBack = "fed_back"
    case replied

    public var name: LocalizedText {
        switch self {
        case .classified: LocalizedText(zh: "分类派单", en: "Classified")
        case .recordingRetrieved: LocalizedText(zh: "调取录音", en: "Recording retrieved")
        case .judged: LocalizedText(zh: "判定", en: "Judged")
        case .remedied: LocalizedText(zh: "补救（取消订购、赔付）", en: "Remedied (order cancelled, compensation)")
        case .fedBack: LocalizedText(zh: "反馈处理结果", en: "Result fed back")
        case .replied: LocalizedText(zh: "回复客户", en: "Customer replied to")
        }
    }
}

/// How long a center gives itself: the first feedback within hours of registration, the result (the reply to the
/// customer) within working days — 24 hours and 5 working days by default (our choice; the seeds ask for "及时反馈"
/// without a figure, RULES CP-05, CP-07).
public struct ComplaintDeadlines: Sendable, Codable, Equatable {
    public var feedbackHours: Int
    public var resultWorkingDays: Int

    public static let standard = ComplaintDeadlines(feedbackHours: 24, resultWorkingDays: 5)

    public init(feedbackHours: Int, resultWorkingDays: Int) {
        self.feedbackHours = feedbackHours
        self.resultWorkingDays = resultWorkingDays
    }

    public func validated() throws(DomainError) -> ComplaintDeadlines {
        guard (1 ... 720).contains(feedbackHours) else {
            throw DomainError.invalidField("feedback_hours", zh: "首次反馈时限须在 1 到 720 小时之间", en: "the feedback deadline is 1 to 720 hours")
        }
        guard (1 ... 60).contains(resultWorkingDays) else {
            throw DomainError.invalidField("result_working_days", zh: "处理结果时限须在 1 到 60 个工作日之间", en: "the result deadline is 1 to 60 working days")
        }
        return self
    }

    /// When the first feedback is due.
    public func feedbackDue(registeredAt: Date) -> Date { registeredAt.addingTimeInterval(TimeInterval(feedbackHours) * 3_600) }

    /// The end of the `resultWorkingDays`-th working day after the day of registration (weekends and public holidays
    /// off, the weekend days worked instead on), in the organisation's zone.
    public func resultDue(registeredAt: Date, in zone: TimeZone,
                          calendars: [Int: StatutoryHolidays] = StatutoryHolidays.published) -> Date {
        var day = LocalTime(registeredAt, in: zone).date
        var counted = 0
        while counted < resultWorkingDays {
            day = day.addingDays(1)
            if Self.isWorkingDay(day, calendars: calendars) { counted += 1 }
        }
        return LocalTime.instant(day.addingDays(1), in: zone)
    }

    public static func isWorkingDay(_ day: LocalDate, calendars: [Int: StatutoryHolidays]) -> Bool {
        if let calendar = calendars[day.year] {
            if calendar.workingDays.contains(day) { return true }
            if calendar.daysOff.contains(day) { return false }
        }
        return LocalTime.weekday(days: LocalTime.days(from: day)) <= 5
    }
}

/// Where a complaint stands: which steps are done, and whether it is a valid one.
public struct ComplaintProgress: Sendable, Equatable {
    public var done: Set<ComplaintStep>
    /// Nil until judged.
    public var valid: Bool?
    public var hasCall: Bool

    public init(done: Set<ComplaintStep>, valid: Bool?, hasCall: Bool) {
        self.done = done
        self.valid = valid
        self.hasCall = hasCall
    }

    /// The last step done, in the workflow's order; nil when only registered.
    public var stage: ComplaintStep? { ComplaintStep.allCases.last { done.contains($0) } }

    /// The steps that may be taken now.
    public var open: [ComplaintStep] { ComplaintStep.allCases.filter { (try? check($0)) != nil } }

    /// Refuses a step out of order, with its reason. Judging may be done again until the result is fed back (a
    /// correction); judging an unclassified complaint classifies it at the same time.
    public func check(_ step: ComplaintStep) throws(DomainError) {
        let closed = done.contains(.fedBack)
        switch step {
        case .classified:
            guard !done.contains(.classified) else { throw Self.done(step) }
        case .recordingRetrieved:
            guard hasCall else {
                throw DomainError(.ruleRefused, code: "complaint_no_call", zh: "这条投诉没有关联通话，没有录音可调取", en: "This complaint names no call: there is no recording to retrieve")
            }
            guard !done.contains(.recordingRetrieved) else { throw Self.done(step) }
            guard done.contains(.classified) else { throw Self.before(step, .classified) }
        case .judged:
            guard !closed else {
                throw DomainError(.conflict, code: "complaint_fed_back", zh: "处理结果已经反馈，不能再改判定", en: "The result is fed back: the judgement can no longer change")
            }
        case .remedied:
            guard !done.contains(.remedied) else { throw Self.done(step) }
            guard done.contains(.judged) else { throw Self.before(step, .judged) }
            guard valid == true else {
                throw DomainError(.ruleRefused, code: "complaint_not_valid", zh: "判定为非企业原因的投诉不需补救", en: "A complaint judged not our fault needs no remedy")
            }
        case .fedBack:
            guard !closed else { throw Self.done(step) }
            guard done.contains(.judged) else { throw Self.before(step, .judged) }
            guard valid != true || done.contains(.remedied) else { throw Self.before(step, .remedied) }
        case .replied:
            guard !done.contains(.replied) else { throw Self.done(step) }
            guard closed else { throw Self.before(step, .fedBack) }
        }
    }

    static func done(_ step: ComplaintStep) -> DomainError {
        DomainError(.conflict, code: "complaint_step_done", zh: "“\(step.name.zh)”这一步已经做过", en: "The step \(step.name.en) is already done")
    }

    static func before(_ step: ComplaintStep, _ first: ComplaintStep) -> DomainError {
        DomainError(.ruleRefused, code: "complaint_step_order", zh: "须先完成“\(first.name.zh)”，才能“\(step.name.zh)”",
                    en: "\(first.name.en) comes before \(step.name.en)")
    }
}
