import Foundation

/// Line 二.6: a team may have at most 2 on a short break at once, and a break lasts at most 10 minutes.
enum BreakLines {
    static let longest: TimeInterval = 600

    static func deductions(_ input: ScorecardInput) -> [ScorecardDeduction] {
        // Ties broken by agent; each agent's text is made once, not at every comparison.
        let breaks = input.states.filter { $0.state == .busy && $0.reason == "break" }.map { ($0, $0.agent.uuidString) }
            .sorted { ($0.0.start, $0.1) < ($1.0.start, $1.1) }.map(\.0)
        var out: [ScorecardDeduction] = []
        var onBreak: [UUID: [ScorecardInput.StateSpan]] = [:]
        for span in breaks {
            let date = LocalTime(span.start, in: input.zone).date
            let length = span.end.timeIntervalSince(span.start)
            if length > longest {
                out.append(ScorecardDeduction(line: "二.6", date: date, agent: span.agent, occurrences: 1, points: 10,
                                              detail: LocalizedText(zh: "小休 \(Int(length / 60)) 分 \(Int(length) % 60) 秒（限 10 分钟）",
                                                                    en: "a break of \(Int(length / 60)) min \(Int(length) % 60) s (limit 10 min)")))
            }
            guard let team = span.team else { continue }
            // Already on a break: teammates whose break began earlier (or at the same instant, listed first) and has not ended.
            let current = (onBreak[team] ?? []).filter { $0.end > span.start }
            onBreak[team] = current + [span]
            let already = Set(current.filter { $0.agent != span.agent }.map(\.agent))
            if already.count >= 2 {
                out.append(ScorecardDeduction(line: "二.6", date: date, agent: span.agent, occurrences: 1, points: 10,
                                              detail: LocalizedText(zh: "开始小休时同组已有 \(already.count) 人在小休（限 2 人）",
                                                                    en: "went on a break while \(already.count) of the team were on one (limit 2)")))
            }
        }
        return out
    }
}
