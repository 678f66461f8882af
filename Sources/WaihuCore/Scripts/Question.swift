/// The kinds of questionnaire questions.
public enum QuestionKind: String, Sendable, Codable, CaseIterable {
    case single
    case multiple
    case text
    case number
    case date
    case rating

    public var isChoice: Bool { self == .single || self == .multiple }

    public var name: LocalizedText {
        switch self {
        case .single: LocalizedText(zh: "单选", en: "Single choice")
        case .multiple: LocalizedText(zh: "多选", en: "Multiple choice")
        case .text: LocalizedText(zh: "文本", en: "Text")
        case .number: LocalizedText(zh: "数字", en: "Number")
        case .date: LocalizedText(zh: "日期", en: "Date")
        case .rating: LocalizedText(zh: "评分", en: "Rating")
        }
    }
}

/// A skip rule: when the answer is (or, for multiple choice, includes) `answer`, the questionnaire
/// goes on at question `to`, or ends when `to` is `end`.
public struct SkipRule: Sendable, Codable, Equatable {
    public var answer: String
    public var to: String

    public static let end = "end"

    public init(answer: String, to: String) {
        self.answer = answer
        self.to = to
    }
}

/// A questionnaire question. `min` and `max` bound a number; a rating runs from 1 to `max` (5 unless set).
public struct Question: Sendable, Codable, Equatable {
    public var id: String
    public var text: String
    public var kind: QuestionKind
    public var required: Bool
    public var options: [String]
    public var min: Double?
    public var max: Double?
    public var skips: [SkipRule]

    public init(id: String, text: String, kind: QuestionKind, required: Bool = false, options: [String] = [],
                min: Double? = nil, max: Double? = nil, skips: [SkipRule] = []) {
        self.id = id
        self.text = text
        self.kind = kind
        self.required = required
        self.options = options
        self.min = min
        self.max = max
        self.skips = skips
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        text = try container.decode(String.self, forKey: .text)
        kind = try container.decode(QuestionKind.self, forKey: .kind)
        required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        options = try container.decodeIfPresent([String].self, forKey: .options) ?? []
        min = try container.decodeIfPresent(Double.self, forKey: .min)
        max = try container.decodeIfPresent(Double.self, forKey: .max)
        skips = try container.decodeIfPresent([SkipRule].self, forKey: .skips) ?? []
    }

    /// The highest rating (1 … this).
    public var ratingScale: Int { Int(max ?? 5) }

    /// Where the answer sends the questionnaire: the first matching skip rule's target, or nil to go on in order.
    public func skipTarget(for answer: Answer) -> String? {
        let chosen: [String]
        switch answer {
        case .text(let value): chosen = [value]
        case .choices(let values): chosen = values
        case .number: return nil
        }
        return skips.first { chosen.contains($0.answer) }?.to
    }

    /// The answer in its stored form, or why it does not fit the question.
    func normalize(_ answer: Answer) throws(DomainError) -> Answer {
        func refuse(_ zh: String, _ en: String) -> DomainError {
            DomainError(.badInput, code: "invalid_answer", zh: "问题“\(text)”：\(zh)", en: "Question \"\(text)\": \(en)")
        }
        switch kind {
        case .single:
            guard case .text(let value) = answer else { throw refuse("须选择一个选项", "choose one option") }
            guard options.contains(value) else { throw refuse("“\(value)”不是选项之一", "'\(value)' is not one of the options") }
            return answer
        case .multiple:
            let values: [String]
            switch answer {
            case .choices(let list): values = list
            case .text(let one): values = [one]
            case .number: throw refuse("须选择选项", "choose options")
            }
            guard !values.isEmpty else { throw refuse("至少选择一项", "choose at least one option") }
            if let stray = values.first(where: { !options.contains($0) }) {
                throw refuse("“\(stray)”不是选项之一", "'\(stray)' is not one of the options")
            }
            return .choices(options.filter { values.contains($0) })
        case .text:
            guard case .text(let value) = answer else { throw refuse("须填写文字", "write an answer") }
            let trimmed = value.trimmingWhitespace()
            guard !trimmed.isEmpty else { throw refuse("不能为空", "cannot be empty") }
            guard trimmed.count <= 2000 else { throw refuse("不能超过 2000 字", "at most 2000 characters") }
            return .text(trimmed)
        case .number:
            guard let number = answer.number else { throw refuse("须为数字", "must be a number") }
            if let min, number < min { throw refuse("不能小于 \(Answer.format(min))", "cannot be below \(Answer.format(min))") }
            if let max, number > max { throw refuse("不能大于 \(Answer.format(max))", "cannot be above \(Answer.format(max))") }
            return .number(number)
        case .rating:
            guard let number = answer.number, number == number.rounded(), (1 ... Double(ratingScale)).contains(number) else {
                throw refuse("评分须为 1–\(ratingScale) 的整数", "a rating is a whole number 1–\(ratingScale)")
            }
            return .number(number)
        case .date:
            guard case .text(let value) = answer, let date = try? LocalDate.parse(value.trimmingWhitespace(), field: id) else {
                throw refuse("日期格式须为 YYYY-MM-DD", "a date is written YYYY-MM-DD")
            }
            return .text(date.description)
        }
    }
}
