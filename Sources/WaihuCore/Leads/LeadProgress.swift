import Foundation

/// Why a lead waits before it may be tried again.
public enum LeadDeferral: String, Sendable, Codable, CaseIterable {
    /// The retry delay of its last disposition (重拨间隔).
    case retry
    /// A callback booked for a time (预约回拨).
    case callback
    /// The contact rules refused it when it was last taken; it waits until they stop applying.
    case policy
}

/// Where a lead stands after an attempt ends with a disposition: finished, or back with its holder,
/// perhaps not before a given instant.
public struct LeadProgress: Sendable, Equatable {
    public var status: LeadStatus
    public var nextAttemptAt: Date?
    public var deferral: LeadDeferral?
    /// Finished because its attempts are used up (圈数用完), not because of an outcome.
    public var exhausted: Bool

    public init(status: LeadStatus, nextAttemptAt: Date? = nil, deferral: LeadDeferral? = nil, exhausted: Bool = false) {
        self.status = status
        self.nextAttemptAt = nextAttemptAt
        self.deferral = deferral
        self.exhausted = exhausted
    }

    /// The lead after an attempt that ended at `endedAt` with `rule`, counting `attempts` attempts
    /// on this lead including this one. A reached customer (success, completed, refused) or useless
    /// data finishes the lead. A not-reached lead waits for its retry delay, or finishes when its
    /// attempts are used up; a callback waits for its time and is kept even past the maximum, as
    /// the customer asked for it.
    public static func after(_ rule: DispositionRule, attempts: Int, endedAt: Date, callbackAt: Date?) throws(DomainError) -> LeadProgress {
        guard rule.category == .unreachable else { return LeadProgress(status: .finished) }
        if rule.callback != nil {
            guard let callbackAt else {
                throw DomainError(.badInput, code: "callback_time_missing",
                                  zh: "预约回拨须填写回拨时间", en: "A callback needs the time to call back")
            }
            guard callbackAt > endedAt else {
                throw DomainError(.badInput, code: "callback_time_past",
                                  zh: "回拨时间须晚于现在", en: "The callback time must be in the future")
            }
            return LeadProgress(status: .allocated, nextAttemptAt: callbackAt, deferral: .callback)
        }
        if let maximum = rule.max_attempts, attempts >= maximum {
            return LeadProgress(status: .finished, exhausted: true)
        }
        guard let delay = rule.retry_delay_minutes, delay > 0 else { return LeadProgress(status: .allocated) }
        return LeadProgress(status: .allocated, nextAttemptAt: endedAt.addingTimeInterval(Double(delay) * 60), deferral: .retry)
    }

    /// A lead the contact rules refused when it was taken waits until they stop applying; a refusal
    /// without an end (a listing, a product refused for good) is looked at again a day later, so
    /// that a removed listing or a relaxed rule is noticed without deciding it at every take.
    public static func refused(_ decision: PolicyDecision) -> LeadProgress {
        LeadProgress(status: .allocated, nextAttemptAt: decision.nextAllowedAt ?? decision.at.addingTimeInterval(86_400),
                     deferral: .policy)
    }
}
