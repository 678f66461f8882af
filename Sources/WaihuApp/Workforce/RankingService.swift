import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Production ranking of a project's agents over a period (issue 19 item 5) and the rewards it books on the winners
/// into the penalty and reward ledger (rule `reward.ranking`, the amount chosen when booking).
package enum RankingService {
    package struct Board: Codable, Sendable {
        package var project: String
        package var from: String
        package var to: String
        package var weights: [String: Double]
        package var entries: [Row]
    }

    package struct Row: Codable, Sendable {
        package var rank: Int
        package var agent: String
        package var name: String
        package var score: Double
        package var success_count: Double?
        package var success_rate: Double?
        package var utilisation: Double?
        package var satisfaction: Double?
    }

    package static func board(project code: String, from: String, to: String, weights text: String?, caller: Caller, at now: Date,
                              on db: any Database) async throws -> Board {
        try AccessPolicy.require(caller.role, .viewRoster)
        let weights = try ProductionRanking.weights(text)
        let project = try await ProjectService.find(code, scope: caller.scope, on: db).project
        guard let first = try MetricsService.date(from, field: "from"), let last = try MetricsService.date(to, field: "to") else {
            throw DomainError.missingField("from")
        }
        guard first <= last else { throw DomainError.invalidField("to", zh: "结束日期不能早于开始日期", en: "the end cannot be before the start") }
        let work = try await MetricsService.compute(.init(project: project.code, from: first.description, to: last.description, by: "agent",
                                                          metrics: "successful_accounts,online_success_rate,sms_satisfaction_rate"),
                                                    scope: caller.scope, at: now, on: db)
        let numbers = work.rows.compactMap { $0.key.agent }
        var utilisation: [String: Double] = [:]
        if !numbers.isEmpty {
            let time = try await MetricsService.compute(.init(agent: numbers.joined(separator: ","), from: first.description, to: last.description,
                                                              by: "agent", metrics: "utilization_rate"), scope: caller.scope, at: now, on: db)
            for row in time.rows { if let agent = row.key.agent, let value = row.value(.utilization_rate) { utilisation[agent] = value } }
        }
        let agents: [(agent: String, values: [ProductionRanking.KPI: Double])] = work.rows.compactMap { row in
            guard let agent = row.key.agent else { return nil }
            var values: [ProductionRanking.KPI: Double] = [:]
            values[.success_count] = row.value(.successful_accounts)
            values[.success_rate] = row.value(.online_success_rate)
            values[.satisfaction] = row.value(.sms_satisfaction_rate)
            values[.utilisation] = utilisation[agent]
            return (agent, values)
        }
        let names = Dictionary(try await AgentModel.query(on: db).all().map { ($0.number, $0.name) }, uniquingKeysWith: { a, _ in a })
        let entries = ProductionRanking.rank(agents, weights: weights).map { entry in
            Row(rank: entry.rank, agent: entry.agent, name: names[entry.agent] ?? "", score: (entry.score * 100).rounded() / 100,
                success_count: entry.values[.success_count], success_rate: entry.values[.success_rate],
                utilisation: entry.values[.utilisation], satisfaction: entry.values[.satisfaction])
        }
        return Board(project: project.code, from: first.description, to: last.description,
                     weights: Dictionary(uniqueKeysWithValues: weights.map { ($0.key.rawValue, $0.value) }), entries: entries)
    }

    package struct Reward: Codable, Sendable {
        package var project: String
        package var from: String
        package var to: String
        package var weights: String?
        /// The top N ranks, or …
        package var top: Int?
        /// … the top share of the agents (0–1).
        package var share: Double?
        /// Yuan per winner.
        package var amount: Double

        package init(project: String, from: String, to: String, weights: String? = nil, top: Int? = nil, share: Double? = nil, amount: Double) {
            self.project = project
            self.from = from
            self.to = to
            self.weights = weights
            self.top = top
            self.share = share
            self.amount = amount
        }
    }

    /// Books the reward on each winner once: a second booking of the same ranking books nothing more.
    package static func reward(_ input: Reward, by caller: Caller, at now: Date, on db: any Database) async throws -> [Row] {
        try AccessPolicy.require(caller.role, .bookPenalties)
        let board = try await board(project: input.project, from: input.from, to: input.to, weights: input.weights, caller: caller, at: now, on: db)
        let ranked = board.entries.map { ProductionRanking.Entry(agent: $0.agent, values: [:], score: $0.score, rank: $0.rank) }
        let winners = Set(try ProductionRanking.winners(ranked, top: input.top, share: input.share).map(\.agent))
        guard !winners.isEmpty else {
            throw DomainError(.ruleRefused, code: "no_winners", zh: "这一期没有得分大于 0 的坐席，没有可奖励的人",
                              en: "No agent scored above 0 in the period: there is nobody to reward")
        }
        let rows = board.entries.filter { winners.contains($0.agent) }
        let agents = Dictionary(try await AgentModel.query(on: db).filter(\.$number ~~ Array(winners)).all().map { ($0.number, $0) },
                                uniquingKeysWith: { a, _ in a })
        try await StoreTransaction.write(db) { tx in
            for row in rows {
                guard let id = agents[row.agent]?.id else { continue }
                let parties = try await PenaltyQueries.parties(agent: id, on: tx)
                let evidence = "产量评比 \(board.project) \(board.from)–\(board.to) 第 \(row.rank) 名，得分 \(row.score)"
                try await PenaltyQueries.book(PenaltyOccurrence(event: .manual), on: parties,
                                              context: .init(source: "ranking", sourceID: "\(board.project) \(board.from) \(board.to) \(row.agent)",
                                                             attemptID: nil, occurredAt: now, evidence: evidence, bookedBy: caller.name),
                                              chosen: input.amount, only: "reward.ranking", at: now, on: tx)
            }
            try await caller.audit("ranking.reward", targetType: "project", targetID: board.project,
                                   detail: "\(board.from)–\(board.to) ¥\(input.amount) × \(rows.count)", at: now, on: tx)
        }
        return rows
    }
}
