/// A quality scorecard (质检评分表): sections of items, each worth some points out of 100, one of three kinds,
/// and possibly fatal (一票否决): failing a fatal item makes the whole score 0, the item scores kept (RULES A.1,
/// QA-01 … QA-05). Versioned by the store; a review records the version it used.
public struct Scorecard: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            /// Met or not: all the points or none.
            case pass_fail
            /// A mark from 0 to `points`.
            case scale
            /// `deduction` points off per occurrence, down to 0.
            case deduction
        }

        /// Unique within the scorecard, e.g. `F1` or `opening_identity`.
        public var id: String
        public var text: String
        public var points: Int
        public var kind: Kind
        public var deduction: Int?
        public var fatal: Bool

        public init(id: String, text: String, points: Int, kind: Kind = .pass_fail, deduction: Int? = nil, fatal: Bool = false) {
            self.id = id
            self.text = text
            self.points = points
            self.kind = kind
            self.deduction = deduction
            self.fatal = fatal
        }
    }

    public struct Section: Sendable, Codable, Equatable {
        public var title: String
        public var items: [Item]

        public init(title: String, items: [Item]) {
            self.title = title
            self.items = items
        }
    }

    /// Where the grades fall (our choice, RULES QG-02): excellent from `excellent`, qualified from `qualified`.
    public struct Grading: Sendable, Codable, Equatable {
        public var excellent: Int
        public var qualified: Int

        public init(excellent: Int = 90, qualified: Int = 60) {
            self.excellent = excellent
            self.qualified = qualified
        }
    }

    public var code: String
    public var name: String
    public var sections: [Section]
    public var grading: Grading

    public init(code: String, name: String, sections: [Section], grading: Grading = Grading()) {
        self.code = code
        self.name = name
        self.sections = sections
        self.grading = grading
    }

    public var items: [Item] { sections.flatMap(\.items) }

    /// The scorecard, or every reason it cannot be used: points that do not add up to 100, an item twice, a
    /// deduction item without its deduction, grades out of order.
    public func validated() throws(DomainError) -> Scorecard {
        var problems: [LocalizedText] = []
        let code = code.trimmingWhitespace()
        if code.isEmpty || code.count > 40 { problems.append(LocalizedText(zh: "编号须为 1–40 个字符", en: "the code is 1–40 characters")) }
        if name.trimmingWhitespace().isEmpty { problems.append(LocalizedText(zh: "请填写名称", en: "the name is missing")) }
        if sections.isEmpty || items.isEmpty { problems.append(LocalizedText(zh: "至少一个段落和一个评分项", en: "at least one section and one item")) }
        var seen: Set<String> = []
        for item in items {
            let id = item.id.trimmingWhitespace()
            if id.isEmpty { problems.append(LocalizedText(zh: "评分项须有编号", en: "an item needs an id")) }
            if !seen.insert(id).inserted { problems.append(LocalizedText(zh: "评分项“\(id)”重复", en: "the item \(id) appears twice")) }
            if item.text.trimmingWhitespace().isEmpty { problems.append(LocalizedText(zh: "评分项“\(id)”须有内容", en: "the item \(id) needs its text")) }
            if !(0 ... 100).contains(item.points) { problems.append(LocalizedText(zh: "评分项“\(id)”的分值须为 0–100", en: "the item \(id) is worth 0–100")) }
            if item.kind == .deduction, (item.deduction ?? 0) <= 0 {
                problems.append(LocalizedText(zh: "扣分项“\(id)”须写明每次扣几分", en: "the deduction item \(id) needs its points per occurrence"))
            }
        }
        let total = items.reduce(0) { $0 + $1.points }
        if total != 100 { problems.append(LocalizedText(zh: "各项分值合计须为 100，现为 \(total)", en: "the items must add up to 100, not \(total)")) }
        if !(0 ... 100).contains(grading.qualified) || !(grading.qualified ... 100).contains(grading.excellent) {
            problems.append(LocalizedText(zh: "等级界限须为 0 ≤ 合格 ≤ 优秀 ≤ 100", en: "the grade limits must be 0 ≤ qualified ≤ excellent ≤ 100"))
        }
        guard problems.isEmpty else {
            throw DomainError(.badInput, code: "invalid_scorecard", zh: "评分表有误：" + problems.map(\.zh).joined(separator: "；"),
                              en: "The scorecard is not right: " + problems.map(\.en).joined(separator: "; "))
        }
        return self
    }
}
