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
