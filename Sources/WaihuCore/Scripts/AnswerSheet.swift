/// The answers of many attempts as one table (问卷导出): the attempt's own columns, then one column per
/// question of the questionnaire in force, then questions only older versions asked, then the refusal
/// reason and the customer's comments.
public struct AnswerSheet: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    /// `leading` names the attempt's own columns; each record gives their values and its answers.
    public init(leading: [String], questions: [Question], records: [(values: [String], answers: [String: Answer])],
                language: Language) {
        let current = questions.map(\.id)
        let builtIn = [RefusalReason.questionID, RefusalReason.remarkID]
        let older = Set(records.flatMap(\.answers.keys)).subtracting(current).subtracting(builtIn).sorted()
        let columns = current + older + builtIn
        let titles = Dictionary(uniqueKeysWithValues: questions.map { ($0.id, $0.text) })
        header = leading + current.map { "\(titles[$0] ?? $0) (\($0))" } + older
            + [RefusalReason.question.text(language), RefusalReason.remark.text(language)]
        rows = records.map { record in
            record.values + columns.map { id in
                guard let answer = record.answers[id] else { return "" }
                if id == RefusalReason.questionID, case .text(let raw) = answer, let reason = RefusalReason(rawValue: raw) {
                    return reason.name.text(language)
                }
                return answer.display
            }
        }
    }
}
