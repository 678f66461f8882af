import Foundation

/// Why a number is on the do-not-call list (禁止呼叫名单, seed 003).
public enum DoNotCallReason: String, Sendable, CaseIterable, Codable {
    /// 投诉
    case complaint
    /// 明确拒绝来电
    case refusedCalls = "refused_calls"
    /// 恶意骚扰
    case harassment
    /// 特殊客户：公用电话、政府官员等（第三十六条）
    case special
    /// 法律法规要求
    case legal

    public var name: LocalizedText {
        switch self {
        case .complaint: LocalizedText(zh: "投诉", en: "Complaint")
        case .refusedCalls: LocalizedText(zh: "拒绝来电", en: "Refused calls")
        case .harassment: LocalizedText(zh: "恶意骚扰", en: "Harassment")
        case .special: LocalizedText(zh: "特殊客户", en: "Special customer")
        case .legal: LocalizedText(zh: "法律要求", en: "Legal")
        }
    }

    /// Reads a reason from its id or Chinese name; empty means `refused_calls`.
    public static func parse(_ raw: String?) -> DoNotCallReason? {
        guard let raw = raw?.trimmingWhitespace(), !raw.isEmpty else { return .refusedCalls }
        return DoNotCallReason(rawValue: raw.lowercased()) ?? allCases.first { $0.name.zh == raw }
    }
}

/// The rules of a do-not-call entry: permanent by default; a customer's refusal of calls is never
/// listed for less than six months (SPEC.md §2).
public enum DoNotCallEntryRules {
    public static let minimumRefusalMonths = 6

    /// The expiry to store, or why it is refused.
    public static func expiry(_ expiresAt: Date?, reason: DoNotCallReason, at now: Date, zone: TimeZone) throws(DomainError) -> Date? {
        guard let expiresAt else { return nil }
        guard expiresAt > now else {
            throw DomainError.invalidField("expires_at", zh: "到期时间须晚于现在", en: "the expiry must be in the future")
        }
        if reason == .refusedCalls, expiresAt < now.addingMonths(minimumRefusalMonths, in: zone) {
            throw DomainError(.ruleRefused, code: "refusal_too_short",
                              zh: "客户明确拒绝来电的号码至少列入禁止呼叫名单 6 个月",
                              en: "A customer who refused calls stays on the do-not-call list for at least 6 months")
        }
        return expiresAt
    }
}
