/// A project's questionnaire (问卷): its questions in order, with skip rules that only jump forward.
public struct Questionnaire: Sendable, Equatable {
    public var questions: [Question]

    public static let maxQuestions = 100

    public init(_ questions: [Question]) { self.questions = questions }

    /// The questionnaire as stored, or why it is refused.
    public func validated() throws(DomainError) -> Questionnaire {
        guard questions.count <= Self.maxQuestions else {
            throw DomainError.invalidField("questions", zh: "问卷最多 \(Self.maxQuestions) 题", en: "at most \(Self.maxQuestions) questions")
        }
        var seen: Set<String> = []
        var cleaned: [Question] = []
        for (index, original) in questions.enumerated() {
            var question = original
            question.id = question.id.trimmingWhitespace()
            question.text = question.text.trimmingWhitespace()
            question.options = question.options.map { $0.trimmingWhitespace() }
            let field = "questions[\(index + 1)]"
            func refuse(_ zh: String, _ en: String) -> DomainError { DomainError.invalidField(field, zh: zh, en: en) }
            guard question.id.count <= 40, !question.id.isEmpty,
                  question.id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
                throw refuse("编号“\(question.id)”只能用小写字母、数字和 _（最多 40 个）", "the id '\(question.id)' may use a-z, 0-9 and _ only (up to 40)")
            }
            guard ![RefusalReason.questionID, RefusalReason.remarkID, SkipRule.end].contains(question.id) else {
                throw refuse("编号“\(question.id)”为系统保留", "the id '\(question.id)' is reserved")
            }
            guard seen.insert(question.id).inserted else { throw refuse("编号“\(question.id)”重复", "the id '\(question.id)' is used twice") }
            guard !question.text.isEmpty, question.text.count <= 1000 else { throw refuse("题目不能为空（最多 1000 字）", "the question text is 1–1000 characters") }
            if question.kind.isChoice {
                guard question.options.count >= 2, Set(question.options).count == question.options.count,
                      !question.options.contains(where: \.isEmpty) else {
                    throw refuse("选择题须有至少两个互不相同的非空选项", "a choice question needs at least two distinct, non-empty options")
                }
            } else if !question.options.isEmpty {
                throw refuse("只有选择题才有选项", "only choice questions have options")
            }
            if question.kind == .rating {
                guard question.min == nil, (2 ... 10).contains(question.ratingScale), question.max.map({ $0 == $0.rounded() }) ?? true else {
                    throw refuse("评分题的最高分须为 2–10 的整数（从 1 分起）", "a rating's top score is a whole number 2–10 (it starts at 1)")
                }
            }
            if let min = question.min, let max = question.max, min > max {
                throw refuse("最小值不能大于最大值", "the minimum cannot exceed the maximum")
            }
            if !question.skips.isEmpty, !question.kind.isChoice {
                throw refuse("只有选择题可以设跳题", "only choice questions may skip")
            }
            cleaned.append(question)
        }
        for (index, question) in cleaned.enumerated() {
            for skip in question.skips {
                let field = "questions[\(index + 1)].skips"
                guard question.options.contains(skip.answer) else {
                    throw DomainError.invalidField(field, zh: "跳题条件“\(skip.answer)”不是选项之一", en: "the skip answer '\(skip.answer)' is not an option")
                }
                guard skip.to == SkipRule.end || cleaned[(index + 1)...].contains(where: { $0.id == skip.to }) else {
                    throw DomainError.invalidField(field, zh: "只能跳到后面的题目或 end，“\(skip.to)”不是", en: "a skip goes to a later question or end; '\(skip.to)' is neither")
                }
            }
        }
        return Questionnaire(cleaned)
    }

    /// The answers in their stored form, or why they are refused. The questions asked are those on the path the
    /// skip rules take through the answers; a required question on it must be answered when `complete`, an answer to
    /// a question off the path is refused. The refusal reason is required when `refused`.
    public func check(_ answers: [String: Answer], complete: Bool, refused: Bool) throws(DomainError) -> [String: Answer] {
        var stored: [String: Answer] = [:]
        var asked: Set<String> = []
        var index = 0
        while index < questions.count {
            let question = questions[index]
            asked.insert(question.id)
            if let answer = answers[question.id] {
                stored[question.id] = try question.normalize(answer)
            } else if question.required, complete {
                throw DomainError(.badInput, code: "answer_missing", zh: "必答题“\(question.text)”未回答",
                                  en: "The required question \"\(question.text)\" is not answered")
            }
            guard let answer = stored[question.id], let target = question.skipTarget(for: answer) else {
                index += 1
                continue
            }
            guard target != SkipRule.end, let next = questions.firstIndex(where: { $0.id == target }) else { break }
            index = next
        }
        try checkRefusal(answers, refused: refused, into: &stored)
        let known = Set(questions.map(\.id)).union([RefusalReason.questionID, RefusalReason.remarkID])
        if let unknown = answers.keys.sorted().first(where: { !known.contains($0) }) {
            throw DomainError(.badInput, code: "unknown_question", zh: "问卷没有题目“\(unknown)”", en: "The questionnaire has no question '\(unknown)'")
        }
        if let skipped = questions.first(where: { answers[$0.id] != nil && !asked.contains($0.id) }) {
            throw DomainError(.badInput, code: "question_skipped", zh: "题目“\(skipped.text)”按跳题规则不应回答，请清除其答案",
                              en: "The question \"\(skipped.text)\" is skipped by the answers before it: clear its answer")
        }
        return stored
    }

    /// The answers a call ending with `rule` needs: complete on a success or a completed questionnaire, the refusal
    /// reason on a refusal (not on a request to be called no more: the number is listed, there is nothing to win back).
    public func check(_ answers: [String: Answer], endingWith rule: DispositionRule) throws(DomainError) -> [String: Answer] {
        try check(answers, complete: [.success, .completed].contains(rule.category),
                  refused: rule.category == .refused && !rule.adds_to_do_not_call)
    }

    private func checkRefusal(_ answers: [String: Answer], refused: Bool, into stored: inout [String: Answer]) throws(DomainError) {
        if let reason = answers[RefusalReason.questionID] {
            guard case .text(let raw) = reason, RefusalReason(rawValue: raw) != nil else {
                let known = RefusalReason.allCases.map(\.rawValue).joined(separator: ", ")
                throw DomainError.invalidField(RefusalReason.questionID, zh: "可选：\(known)", en: "expected one of \(known)")
            }
            stored[RefusalReason.questionID] = reason
        } else if refused {
            throw DomainError(.badInput, code: "refusal_reason_missing", zh: "拒绝类结果须选择客户迟疑或拒绝的原因",
                              en: "A refusal needs the reason the customer hesitated or refused")
        }
        if case .text(let remark)? = answers[RefusalReason.remarkID] {
            let trimmed = remark.trimmingWhitespace()
            guard trimmed.count <= 2000 else { throw DomainError.invalidField(RefusalReason.remarkID, zh: "不能超过 2000 字", en: "at most 2000 characters") }
            if !trimmed.isEmpty { stored[RefusalReason.remarkID] = .text(trimmed) }
        } else if answers[RefusalReason.remarkID] != nil {
            throw DomainError.invalidField(RefusalReason.remarkID, zh: "须为文字", en: "must be text")
        }
    }
}
