import Foundation

/// The rules a contact-policy decision can cite (SPEC.md §2).
public enum PolicyRule: String, Sendable, Codable, CaseIterable {
    case dnc
    case monthlyCap = "monthly_cap"
    case cooldown
    case yearlyCap = "yearly_cap"
    case productInterval = "product_interval"
    case productRefused = "product_refused"
    case outsideWindow = "outside_window"
    case holiday

    public var name: LocalizedText {
        switch self {
        case .dnc: LocalizedText(zh: "禁止呼叫名单", en: "do-not-call list")
        case .monthlyCap: LocalizedText(zh: "每月呼叫上限", en: "monthly cap")
        case .cooldown: LocalizedText(zh: "达上限后冷却期", en: "cool-down after the monthly cap")
        case .yearlyCap: LocalizedText(zh: "每年呼叫上限", en: "yearly cap")
        case .productInterval: LocalizedText(zh: "同一产品间隔", en: "same-product interval")
        case .productRefused: LocalizedText(zh: "产品已被多次拒绝", en: "product refused too often")
        case .outsideWindow: LocalizedText(zh: "不在呼叫时段", en: "outside calling hours")
        case .holiday: LocalizedText(zh: "节假日", en: "holiday")
        }
    }
}

/// One rule that refuses the call, why, and when it stops applying (nil: not by itself).
public struct PolicyReason: Sendable, Equatable {
    public var rule: PolicyRule
    public var message: LocalizedText
    public var until: Date?

    public init(_ rule: PolicyRule, _ message: LocalizedText, until: Date?) {
        self.rule = rule
        self.message = message
        self.until = until
    }
}

/// Whether a customer may be called at an instant, with every rule that refuses it.
public struct PolicyDecision: Sendable, Equatable {
    public var at: Date
    public var reasons: [PolicyReason]
    /// The first instant from which every rule allows the call: `at` itself when allowed; nil
    /// when some rule refuses for good (a permanent listing, a refused product) or no opening
    /// comes within the schedule's horizon.
    public var nextAllowedAt: Date?

    public var allowed: Bool { reasons.isEmpty }
}

/// Local times in messages: `2026-12-01 09:00`.
enum PolicyText {
    static func stamp(_ instant: Date, _ zone: TimeZone) -> String {
        LocalTime(instant, in: zone).description
    }

    static func windows(_ windows: [CallingWindow]) -> String {
        windows.map(\.description).joined(separator: ", ")
    }
}
