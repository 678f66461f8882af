/// The steps of a sales script (seed 003 第二十二条): opening, needs judgement, response,
/// introduction, closing the deal and ending.
public enum ScriptSection: String, Sendable, CaseIterable, Codable {
    case opening
    case needs
    case response
    case introduction
    case closing
    case ending

    public var name: LocalizedText {
        switch self {
        case .opening: LocalizedText(zh: "开场", en: "Opening")
        case .needs: LocalizedText(zh: "需求判断", en: "Needs judgement")
        case .response: LocalizedText(zh: "响应", en: "Response")
        case .introduction: LocalizedText(zh: "导入", en: "Introduction")
        case .closing: LocalizedText(zh: "促成", en: "Closing the deal")
        case .ending: LocalizedText(zh: "结束", en: "Ending")
        }
    }
}

/// A question the customer may ask, with the unified answer (统一口径).
public struct FAQEntry: Sendable, Codable, Equatable {
    public var question: String
    public var answer: String

    public init(question: String, answer: String) {
        self.question = question
        self.answer = answer
    }
}

/// A project's script (话术) as one version holds it: the section texts, the FAQ and the
/// questionnaire. Texts may name lead data in braces, `{姓名}`, filled in on the desk.
public struct Script: Sendable, Codable, Equatable {
    /// Section texts by `ScriptSection` raw value; a missing or empty section is not shown.
    public var sections: [String: String]
    public var faq: [FAQEntry]
    public var questions: [Question]

    public static let maxTextLength = 5000

    public init(sections: [ScriptSection: String], faq: [FAQEntry] = [], questions: [Question] = []) {
        self.sections = Dictionary(uniqueKeysWithValues: sections.map { ($0.key.rawValue, $0.value) })
        self.faq = faq
        self.questions = questions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sections = try container.decodeIfPresent([String: String].self, forKey: .sections) ?? [:]
        faq = try container.decodeIfPresent([FAQEntry].self, forKey: .faq) ?? []
        questions = try container.decodeIfPresent([Question].self, forKey: .questions) ?? []
    }

    public func text(_ section: ScriptSection) -> String { sections[section.rawValue] ?? "" }

    /// The script as stored: trimmed, or why it is refused. Opening and ending are required; the
    /// questionnaire is checked by `Questionnaire`.
    public func validated() throws(DomainError) -> Script {
        var copy = self
        for key in sections.keys where ScriptSection(rawValue: key) == nil {
            let known = ScriptSection.allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError.invalidField("sections.\(key)", zh: "未知话术环节，可选：\(known)", en: "unknown script section; expected one of \(known)")
        }
        copy.sections = sections.mapValues { $0.trimmingWhitespace() }.filter { !$0.value.isEmpty }
        for required in [ScriptSection.opening, .ending] where copy.text(required).isEmpty {
            throw DomainError(.badInput, code: "script_section_missing",
                              zh: "话术须有“\(required.name.zh)”环节", en: "A script needs its \(required.name.en.lowercased()) section")
        }
        for (key, text) in copy.sections where text.count > Self.maxTextLength {
            throw DomainError.invalidField("sections.\(key)", zh: "不能超过 \(Self.maxTextLength) 字", en: "at most \(Self.maxTextLength) characters")
        }
        copy.faq = try faq.enumerated().map { index, entry throws(DomainError) in
            let question = entry.question.trimmingWhitespace(), answer = entry.answer.trimmingWhitespace()
            guard !question.isEmpty, !answer.isEmpty else {
                throw DomainError.invalidField("faq[\(index + 1)]", zh: "常见问题须有问题和答案", en: "an FAQ entry needs a question and an answer")
            }
            guard question.count <= Self.maxTextLength, answer.count <= Self.maxTextLength else {
                throw DomainError.invalidField("faq[\(index + 1)]", zh: "不能超过 \(Self.maxTextLength) 字", en: "at most \(Self.maxTextLength) characters")
            }
            return FAQEntry(question: question, answer: answer)
        }
        copy.questions = try Questionnaire(questions).validated().questions
        return copy
    }

    /// The script with every `{variable}` the values know replaced; unknown ones stay as written.
    public func filled(with values: [String: String]) -> Script {
        var copy = self
        copy.sections = sections.mapValues { ScriptVariables.fill($0, values) }
        copy.faq = faq.map { FAQEntry(question: ScriptVariables.fill($0.question, values), answer: ScriptVariables.fill($0.answer, values)) }
        return copy
    }
}

/// The `{name}` variables of script texts.
public enum ScriptVariables {
    /// The variables every script may use whatever the customer list holds, Chinese name first.
    public static let builtIn: [[String]] = [["姓名", "name"], ["客户编号", "customer_id"], ["地区", "region"],
                                              ["工号", "agent"], ["坐席姓名", "agent_name"]]

    /// The values of a lead for its script: its attributes, its name, customer id and region, and the agent's
    /// number (工号) and name, under their Chinese and English names.
    public static func values(name: String?, customerID: String?, region: String?, attributes: [String: String],
                              agentNumber: String? = nil, agentName: String? = nil) -> [String: String] {
        var values = attributes
        for (keys, value) in zip(builtIn, [name, customerID, region, agentNumber, agentName]) {
            guard let value, !value.isEmpty else { continue }
            for key in keys { values[key] = value }
        }
        return values
    }

    /// Replaces `{key}` by its value where the key is known.
    public static func fill(_ text: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { rest = rest[open...]; break }
            let key = String(after[..<close]).trimmingWhitespace()
            result += values[key] ?? String(rest[open...close])
            rest = after[after.index(after: close)...]
        }
        return result + rest
    }

    /// The variables a text uses, in order of first use, each once.
    public static func used(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let key = String(after[..<close]).trimmingWhitespace()
            if !key.isEmpty, !found.contains(key) { found.append(key) }
            rest = after[after.index(after: close)...]
        }
        return found
    }
}
