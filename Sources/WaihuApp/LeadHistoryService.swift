import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// One lead's whole story for its page: every call with who made it, its result and its answers (read with the
/// script version they were given under), and the orders taken on it.
package enum LeadHistoryService {
    package struct Call: Sendable {
        package var startedAt: Date
        package var agent: String
        package var disposition: String?
        package var talkSeconds: Int
        package var testCall: Bool
        /// Question text and answer, in the questionnaire's order.
        package var answers: [(question: String, answer: String)]
        package var orders: [OrderModel]
    }

    package static func calls(of lead: UUID, project: UUID, on db: any Database) async throws -> [Call] {
        let attempts = try await AttemptQueries.history(lead: lead, limit: 500, on: db)
        let ids = attempts.compactMap(\.id)
        let answers = try await AnswerQueries.of(attempts: ids, on: db)
        let orders = ids.isEmpty ? [] : try await OrderModel.query(on: db).filter(\.$attemptID ~~ ids).all()
        let agents = try await AgentModel.query(on: db).filter(\.$id ~~ Set(attempts.compactMap(\.agentID))).all()
        let names = Dictionary(uniqueKeysWithValues: agents.compactMap { agent in agent.id.map { ($0, "\(agent.number) \(agent.name)") } })
        var scripts: [Int: Script] = [:]
        for version in Set(answers.values.compactMap(\.version)) {
            scripts[version] = try await ScriptQueries.version(version, project: project, on: db)?.script
        }
        return attempts.map { attempt in
            let given = attempt.id.flatMap { answers[$0] }
            let questions = given?.version.flatMap { scripts[$0] }?.questions ?? []
            var lines: [(String, String)] = questions.compactMap { question in
                given?.answers[question.id].map { (question.text, text($0)) }
            }
            let known = Set(questions.map(\.id))
            lines += (given?.answers ?? [:]).filter { !known.contains($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, text($0.value)) }
            return Call(startedAt: attempt.startedAt, agent: attempt.agentID.flatMap { names[$0] } ?? "",
                        disposition: attempt.disposition, talkSeconds: attempt.talkSeconds, testCall: attempt.testCall,
                        answers: lines, orders: orders.filter { $0.attemptID == attempt.id })
        }
    }

    static func text(_ answer: Answer) -> String {
        switch answer {
        case .text(let value): PhoneMask.maskDigitRuns(value)
        case .number(let value): value == value.rounded() ? String(Int(value)) : String(value)
        case .choices(let values): values.joined(separator: "、")
        }
    }
}
