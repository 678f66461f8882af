import Foundation

/// An order's number (订单号) as people read it out and type it: `W` and ten characters of Crockford's base 32
/// (no I, L, O or U), taken from the call's id, so one call has one number and finding it needs no counter.
/// Fifty bits: among a million orders the chance that two share a number is below one in two thousand.
public enum OrderNumber {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func make(for attempt: UUID) -> String {
        let bytes = withUnsafeBytes(of: attempt.uuid) { Array($0) }
        var bits: UInt64 = 0
        for byte in bytes.prefix(8) { bits = bits << 8 | UInt64(byte) }
        var characters: [Character] = []
        for index in 0..<10 {
            characters.append(alphabet[Int((bits >> UInt64(59 - 5 * index)) & 31)])
        }
        return "W" + String(characters)
    }
}

/// Why a verifier rejects an order (审单不通过), as a code the figures and the vendor assessment can count.
/// The verifier's call finds what seed 002 第九 names: the customer backs out (反悔) or says they never
/// ordered (说没有订购过).
public enum OrderRejection: String, Sendable, Codable, CaseIterable {
    /// The customer changed their mind (客户反悔).
    case regret
    /// The customer denies ordering (客户否认订购).
    case denies_ordering
    /// The customer confirms, but some of the confirmation was not read back (确认要素不全).
    case confirmation_incomplete
    /// Name, address or product wrong (信息有误).
    case wrong_information
    /// The same order twice (重复订单).
    case duplicate
    /// The verifier could not reach the customer (回访无法联系).
    case unreachable
    case other

    public var name: LocalizedText {
        switch self {
        case .regret: LocalizedText(zh: "客户反悔", en: "Customer changed their mind")
        case .denies_ordering: LocalizedText(zh: "客户否认订购", en: "Customer denies ordering")
        case .confirmation_incomplete: LocalizedText(zh: "确认要素不全", en: "Confirmation incomplete")
        case .wrong_information: LocalizedText(zh: "信息有误", en: "Wrong information")
        case .duplicate: LocalizedText(zh: "重复订单", en: "Duplicate order")
        case .unreachable: LocalizedText(zh: "回访无法联系客户", en: "Customer unreachable")
        case .other: LocalizedText(zh: "其他", en: "Other")
        }
    }

    public static func parse(_ text: String?) throws(DomainError) -> OrderRejection {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else {
            throw DomainError(.badInput, code: "rejection_reason_missing", zh: "拒绝订单须选择原因", en: "Choose why the order is rejected")
        }
        // `customer_denied` was the code of a customer denying the order before `regret` was told apart from it.
        guard let reason = OrderRejection(rawValue: text == "customer_denied" ? "denies_ordering" : text) else {
            throw DomainError.invalidField("reason", zh: "未知原因“\(text)”，可选：" + allCases.map(\.rawValue).joined(separator: "、"),
                                           en: "unknown reason '\(text)'; expected one of " + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return reason
    }
}
