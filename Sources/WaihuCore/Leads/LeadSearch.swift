/// What a person typed in the leads search, read as a number (whole, a part of it, or as the pages show it
/// masked, `138****0100`) or as a name or customer id.
public enum LeadSearchTerm: Sendable, Equatable {
    /// A SQL `LIKE` pattern over the stored national digits: `%0100%` for a part, `138____0100` for a masked number.
    case number(String)
    /// A name (any part) or a customer id (its start).
    case text(String)

    public static func parse(_ raw: String?) -> LeadSearchTerm? {
        guard let trimmed = raw?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        var compact = trimmed.filter { $0 != " " && $0 != "-" }
        if compact.hasPrefix("+86") { compact.removeFirst(3) }
        let digits = compact.filter { $0.isASCII && $0.isNumber }.count
        if digits >= 4, compact.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "*" }) {
            return compact.contains("*") ? .number(compact.replacingOccurrences(of: "*", with: "_")) : .number("%\(compact)%")
        }
        return .text(trimmed)
    }
}

/// The orders the leads list offers.
public enum LeadSort: String, Sendable, CaseIterable {
    /// The order of the imported files, line by line.
    case line
    /// One import file after another, each in its order.
    case batch
    case customer_id
    case name
    /// The most called first.
    case attempts
    case status

    public var name: LocalizedText {
        switch self {
        case .line: LocalizedText(zh: "按文件行号", en: "By file line")
        case .batch: LocalizedText(zh: "按导入批次", en: "By import file")
        case .customer_id: LocalizedText(zh: "按客户编号", en: "By customer id")
        case .name: LocalizedText(zh: "按姓名", en: "By name")
        case .attempts: LocalizedText(zh: "按呼叫次数（多的在前）", en: "By calls (most first)")
        case .status: LocalizedText(zh: "按状态", en: "By status")
        }
    }
}
