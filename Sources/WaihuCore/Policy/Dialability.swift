import Foundation

/// Why a project's leads are not being dialled now (可拨打性说明): the question users of other
/// dialers ask most. Every lead counts once in `dialable` or under each reason that holds it back.
public enum Dialability {
    /// What holds a lead back before the contact rules are even asked.
    public enum Block: String, Sendable, CaseIterable, Codable {
        /// In the project pool: no team or agent holds it yet.
        case notAllocated = "not_allocated"
        /// Reserved by an agent or a dialer line right now.
        case reserved
        /// Worked to an end.
        case finished
        /// Refused at import.
        case rejected
        /// Waiting for the retry delay of its last disposition (重拨间隔).
        case retryDelay = "retry_delay"
        /// Waiting for a callback booked for later (预约回拨).
        case callbackBooked = "callback_booked"
        /// Finished because its attempts are used up (圈数用完).
        case maxAttempts = "max_attempts"

        public var name: LocalizedText {
            switch self {
            case .notAllocated: LocalizedText(zh: "未分配", en: "not allocated")
            case .reserved: LocalizedText(zh: "正在外呼", en: "being called")
            case .finished: LocalizedText(zh: "已完成", en: "finished")
            case .rejected: LocalizedText(zh: "导入拒绝", en: "rejected at import")
            case .retryDelay: LocalizedText(zh: "重拨间隔未到", en: "waiting for the retry delay")
            case .callbackBooked: LocalizedText(zh: "已预约回拨", en: "callback booked for later")
            case .maxAttempts: LocalizedText(zh: "拨打次数已满", en: "maximum attempts reached")
            }
        }
    }

    /// One lead as the explanation needs it.
    public struct Lead: Sendable {
        public var status: LeadStatus
        public var history: ContactHistory
        /// Not taken again before this instant, for the reason `deferral` gives.
        public var nextAttemptAt: Date?
        public var deferral: LeadDeferral?
        /// Finished because its attempts were used up.
        public var exhausted: Bool

        public init(status: LeadStatus, history: ContactHistory, nextAttemptAt: Date? = nil, deferral: LeadDeferral? = nil,
                    exhausted: Bool = false) {
            self.status = status
            self.history = history
            self.nextAttemptAt = nextAttemptAt
            self.deferral = deferral
            self.exhausted = exhausted
        }

        /// What holds the lead back before the contact rules are asked, if anything.
        func block(at now: Date) -> Block? {
            switch status {
            case .pool: return .notAllocated
            case .finished: return exhausted ? .maxAttempts : .finished
            case .rejected: return .rejected
            case .reserved: return .reserved
            case .allocated:
                guard let next = nextAttemptAt, next > now else { return nil }
                switch deferral {
                case .retry: return .retryDelay
                case .callback: return .callbackBooked
                case .policy, nil: return nil  // the rules themselves say why
                }
            }
        }
    }

    public struct Report: Sendable, Equatable, Codable {
        public var leads = 0
        public var dialable = 0
        /// Leads held back, by block or rule code; a lead refused by several rules counts under each.
        public var held_back: [String: Int] = [:]
        /// Leads held back by the contact rules alone (allocated, free, refused now).
        public var refused_by_rules = 0
    }

    public static func explain(_ leads: [Lead], rules: ContactRules, at now: Date, zone: TimeZone) -> Report {
        var report = Report()
        for lead in leads {
            report.leads += 1
            if let block = lead.block(at: now) {
                report.held_back[block.rawValue, default: 0] += 1
                continue
            }
            let reasons = ContactPolicy.refusals(lead.history, rules: rules, product: nil, at: now, zone: zone)
            if reasons.isEmpty {
                report.dialable += 1
            } else {
                report.refused_by_rules += 1
                for reason in reasons { report.held_back[reason.rule.rawValue, default: 0] += 1 }
            }
        }
        return report
    }
}
