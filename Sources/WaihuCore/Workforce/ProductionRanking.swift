import Foundation

/// Production ranking (产量评比, seed 001 团队士气 2, seed 003 §51; RULES WF-49, WF-50): agents of one project ranked
/// on a weighted KPI set. Each KPI is scaled to the best agent's value (the best scores 1, none 0) and the score is
/// the weighted mean × 100; equal scores share a rank (1, 2, 2, 4). The weights are settable; valid leads are
/// undefined in the seeds and weigh nothing unless a center gives them a source and a weight.
public enum ProductionRanking {
    public enum KPI: String, Sendable, Codable, CaseIterable {
        /// 营销成功量: `successful_accounts`.
        case success_count
        /// 成功率: `online_success_rate`.
        case success_rate
        /// 工时利用率: `utilization_rate` (over all the agent's work in the period; schedules belong to no project).
        case utilisation
        /// 客户评价满意度: `sms_satisfaction_rate`.
        case satisfaction

        public var metric: MetricID {
            switch self {
            case .success_count: .successful_accounts
            case .success_rate: .online_success_rate
            case .utilisation: .utilization_rate
            case .satisfaction: .sms_satisfaction_rate
            }
        }

        public var name: LocalizedText {
            switch self {
            case .success_count: LocalizedText(zh: "营销成功量", en: "Successes")
            case .success_rate: LocalizedText(zh: "成功率", en: "Success rate")
            case .utilisation: LocalizedText(zh: "工时利用率", en: "Utilisation")
            case .satisfaction: LocalizedText(zh: "客户满意度", en: "Satisfaction")
            }
        }

        /// Our default weights: successes count most.
        public var defaultWeight: Double {
            switch self {
            case .success_count: 0.4
            case .success_rate, .utilisation, .satisfaction: 0.2
            }
        }
    }

    public struct Entry: Sendable, Equatable {
        public var agent: String
        public var values: [KPI: Double]
        public var score: Double
        public var rank: Int

        public init(agent: String, values: [KPI: Double], score: Double, rank: Int) {
            self.agent = agent
            self.values = values
            self.score = score
            self.rank = rank
        }
    }

    /// Weights given as `success_count=0.5,success_rate=0.5`; unknown names and negative weights are refused.
    public static func weights(_ text: String?) throws(DomainError) -> [KPI: Double] {
        var weights = Dictionary(uniqueKeysWithValues: KPI.allCases.map { ($0, $0.defaultWeight) })
        guard let text, !text.trimmingWhitespace().isEmpty else { return weights }
        weights = [:]
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=").map { String($0).trimmingWhitespace() }
            guard pieces.count == 2, let kpi = KPI(rawValue: pieces[0]), let weight = Double(pieces[1]), weight >= 0, weight.isFinite else {
                let known = KPI.allCases.map(\.rawValue).joined(separator: ", ")
                throw DomainError.invalidField("weights", zh: "权重写作 指标=数值（非负），指标可用：\(known)", en: "weights are kpi=value (not negative), kpi one of \(known)")
            }
            weights[kpi] = weight
        }
        guard weights.values.reduce(0, +) > 0 else {
            throw DomainError.invalidField("weights", zh: "权重之和须大于 0", en: "the weights must add up to more than 0")
        }
        return weights
    }

    /// Ranks the agents' values (a missing value counts as 0).
    public static func rank(_ agents: [(agent: String, values: [KPI: Double])], weights: [KPI: Double]) -> [Entry] {
        let total = weights.values.reduce(0, +)
        let best = Dictionary(uniqueKeysWithValues: KPI.allCases.map { kpi in (kpi, agents.compactMap { $0.values[kpi] }.max() ?? 0) })
        var entries = agents.map { agent -> Entry in
            let weighted = KPI.allCases.reduce(0.0) { sum, kpi in
                let top = best[kpi] ?? 0
                return sum + (weights[kpi] ?? 0) * (top > 0 ? (agent.values[kpi] ?? 0) / top : 0)
            }
            return Entry(agent: agent.agent, values: agent.values, score: total > 0 ? weighted / total * 100 : 0, rank: 0)
        }
        entries.sort { ($0.score, $1.agent) > ($1.score, $0.agent) }
        for index in entries.indices {
            entries[index].rank = index > 0 && abs(entries[index].score - entries[index - 1].score) < 1e-9 ? entries[index - 1].rank : index + 1
        }
        return entries
    }

    /// Who a reward rule reaches: the top `count` ranks, or the top `share` of the agents (rounded up); agents tied
    /// with the last one in are in too.
    public static func winners(_ entries: [Entry], top count: Int?, share: Double?) throws(DomainError) -> [Entry] {
        let places: Int
        if let count {
            guard count >= 1 else { throw DomainError.invalidField("top", zh: "名次须至少为 1", en: "the top is at least 1") }
            places = count
        } else if let share {
            guard share > 0, share <= 1 else { throw DomainError.invalidField("share", zh: "比例须在 0 与 1 之间", en: "the share is between 0 and 1") }
            places = Int((share * Double(entries.count)).rounded(.up))
        } else {
            throw DomainError.missingField("top")
        }
        return entries.filter { $0.rank <= places && $0.score > 0 }
    }
}
