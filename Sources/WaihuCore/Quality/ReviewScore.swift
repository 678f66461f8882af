/// A review's marks against a scorecard, and what they come to: each item's score, the total out of 100 (0 on a
/// failed fatal item, the item scores kept), the grade. An unqualified review is an unqualified ticket (不合格工单).
public struct ReviewScore: Sendable, Codable, Equatable {
    /// What the inspector gave an item: met or not (pass/fail), a mark (scale), occurrences (deduction).
    public struct Mark: Sendable, Codable, Equatable {
        public var passed: Bool?
        public var value: Int?
        public var occurrences: Int?
        public var comment: String?

        public init(passed: Bool? = nil, value: Int? = nil, occurrences: Int? = nil, comment: String? = nil) {
            self.passed = passed
            self.value = value
            self.occurrences = occurrences
            self.comment = comment
        }
    }

    public var items: [String: Int]
    public var total: Int
    /// The fatal items failed, in the scorecard's order.
    public var fatal: [String]
    public var grade: ReviewGrade

    public var unqualifiedTicket: Bool { grade == .unqualified }

    /// Scores every item of `scorecard` from `marks` (one for each, none for another), or says what is wrong.
    public init(_ scorecard: Scorecard, marks: [String: Mark]) throws(DomainError) {
        let known = Set(scorecard.items.map(\.id))
        if let unknown = marks.keys.sorted().first(where: { !known.contains($0) }) {
            throw DomainError(.badInput, code: "unknown_item", zh: "评分表“\(scorecard.name)”没有评分项“\(unknown)”",
                              en: "The scorecard \(scorecard.name) has no item \(unknown)")
        }
        var items: [String: Int] = [:]
        var fatal: [String] = []
        for item in scorecard.items {
            guard let mark = marks[item.id] else {
                throw DomainError(.badInput, code: "item_not_scored", zh: "评分项“\(item.text)”尚未评分", en: "The item \(item.text) is not scored")
            }
            let score: Int
            switch item.kind {
            case .pass_fail:
                guard let passed = mark.passed else { throw Self.outOfRange(item, zh: "请选择是否达标", en: "say whether it was met") }
                score = passed ? item.points : 0
            case .scale:
                guard let value = mark.value, (0 ... item.points).contains(value) else {
                    throw Self.outOfRange(item, zh: "分数须为 0–\(item.points)", en: "the mark is 0–\(item.points)")
                }
                score = value
            case .deduction:
                guard let occurrences = mark.occurrences, (0 ... 99).contains(occurrences) else {
                    throw Self.outOfRange(item, zh: "次数须为 0–99", en: "the occurrences are 0–99")
                }
                score = max(0, item.points - occurrences * (item.deduction ?? 0))
            }
            items[item.id] = score
            if item.fatal && score < item.points { fatal.append(item.id) }
        }
        self.items = items
        self.fatal = fatal
        total = fatal.isEmpty ? items.values.reduce(0, +) : 0
        // 0 is unqualified whatever the limits (seed 000 四·六.8: 「质检出现零分即为不合格工单」).
        grade = total == 0 || !fatal.isEmpty || total < scorecard.grading.qualified ? .unqualified
            : total >= scorecard.grading.excellent ? .excellent : .qualified
    }

    static func outOfRange(_ item: Scorecard.Item, zh: String, en: String) -> DomainError {
        DomainError(.badInput, code: "mark_out_of_range", zh: "评分项“\(item.text)”：\(zh)", en: "The item \(item.text): \(en)")
    }
}

extension ReviewGrade {
    public var name: LocalizedText {
        switch self {
        case .excellent: LocalizedText(zh: "优秀", en: "excellent")
        case .qualified: LocalizedText(zh: "合格", en: "qualified")
        case .unqualified: LocalizedText(zh: "不合格", en: "unqualified")
        }
    }
}
