import Foundation

/// An answer as the desk sends it and the store keeps it: text (also a single choice and a date), a
/// number (also a rating) or the options chosen.
public enum Answer: Sendable, Codable, Equatable {
    case text(String)
    case number(Double)
    case choices([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .choices(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .choices(let values): try container.encode(values)
        }
    }

    /// The number of a number answer, or of a text that is one.
    var number: Double? {
        switch self {
        case .number(let value): value.isFinite ? value : nil
        case .text(let text): Double(text.trimmingWhitespace()).flatMap { $0.isFinite ? $0 : nil }
        case .choices: nil
        }
    }

    /// The answer in a cell of an export: choices joined with “；”, whole numbers without a fraction.
    public var display: String {
        switch self {
        case .text(let value): value
        case .number(let value): Self.format(value)
        case .choices(let values): values.joined(separator: "；")
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// Why a customer hesitated or refused (seed 003 第二十二条(三)): the built-in question every
/// questionnaire ends with, required when a call ends in a refusal.
public enum RefusalReason: String, Sendable, Codable, CaseIterable {
    case considering
    case price
    case noNeed = "no_need"
    case hasOne = "has_one"
    case distrust
    case noTime = "no_time"
    case other

    /// The question's id in answers and exports.
    public static let questionID = "refusal_reason"
    /// The optional free-text remark next to it (意见及建议).
    public static let remarkID = "refusal_remark"

    public var name: LocalizedText {
        switch self {
        case .considering: LocalizedText(zh: "迟疑/需要考虑", en: "Hesitating, wants to think")
        case .price: LocalizedText(zh: "价格/资费偏高", en: "Price or fee too high")
        case .noNeed: LocalizedText(zh: "没有需要", en: "No need")
        case .hasOne: LocalizedText(zh: "已有同类产品", en: "Already has a similar product")
        case .distrust: LocalizedText(zh: "不信任电话营销", en: "Distrusts telephone sales")
        case .noTime: LocalizedText(zh: "没有时间", en: "No time")
        case .other: LocalizedText(zh: "其他", en: "Other")
        }
    }

    public static let question = LocalizedText(zh: "客户迟疑或拒绝的原因", en: "Why the customer hesitated or refused")
    public static let remark = LocalizedText(zh: "客户意见及建议", en: "The customer's comments")
}
