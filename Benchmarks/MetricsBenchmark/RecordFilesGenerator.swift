import Foundation
import WaihuCore

/// Writes a month of a 200-agent center as the files `waihu import` takes: agents, four projects'
/// customer lists (1,000,000 leads), calls (5,000,000 attempts), state intervals (600,000, some crossing
/// midnight), schedules and orders. Seeded: the same files on every run.
struct RecordFilesGenerator {
    var agents = 200
    var days = 30
    var projects = 4
    var leadsPerProject = 250_000
    var attempts = 5_000_000
    var intervalsPerAgentDay = 100
    let firstDay = LocalDate(year: 2026, month: 10, day: 1)!
    /// Agents who leave during the month (employee index → day of the month): they work until the day before.
    let leavers = [10: 10, 50: 20, 120: 25, 180: 5]

    func number(_ agent: Int) -> String { "A" + String(format: "%04d", agent) }
    func project(of agent: Int) -> Int { (agent - 1) % projects + 1 }
    func works(_ agent: Int, day: Int) -> Bool { leavers[agent].map { day < $0 } ?? true }

    /// `2026-10-05T09:00:00+08:00` for a day of the month and seconds after its local midnight (may pass 86,400).
    func stamp(day: Int, second: Int) -> String {
        let date = firstDay.addingDays(day - 1 + second / 86_400)
        let s = second % 86_400
        return "\(date)T" + String(format: "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) + "+08:00"
    }

    final class Writer {
        let handle: FileHandle
        var buffer = ""

        init(_ path: String, header: String) throws {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            buffer = header + "\n"
        }

        func line(_ text: String) throws {
            buffer += text
            buffer += "\n"
            if buffer.utf8.count > 1 << 20 { try flush() }
        }

        func flush() throws {
            try handle.write(contentsOf: Data(buffer.utf8))
            buffer = ""
        }

        func close() throws {
            try flush()
            try handle.close()
        }
    }

    func agentsCSV() -> String {
        var csv = "agent,name,site,team,skill,hired_on,left_on\n"
        for a in 1 ... agents {
            let left = leavers[a].map { firstDay.addingDays($0 - 1).description } ?? ""
            csv += "\(number(a)),坐席\(a),\(a <= agents / 2 ? "S1" : "S2"),T\((a - 1) / 20 + 1),outbound,2025-01-01,\(left)\n"
        }
        return csv
    }

    func writeCustomers(project p: Int, to path: String) throws {
        let file = try Writer(path, header: "customer_id,phone")
        for i in 0 ..< leadsPerProject { try file.line("C\(p)-\(i),13\(4 + p)" + String(format: "%08d", i)) }
        try file.close()
    }

    /// Dispositions with their weights, whether the customer talked, and how long at most.
    static let outcomes: [(code: String, weight: Int, talk: ClosedRange<Int>?)] = [
        ("no_answer", 40, nil), ("busy", 8, nil), ("powered_off", 5, nil), ("vacant", 4, nil), ("answering_machine", 3, nil),
        ("abandoned", 2, nil), ("callback", 5, 15 ... 90), ("refused", 17, 5 ... 240), ("broke_off", 3, 20 ... 200),
        ("not_target", 3, 10 ... 60), ("completed", 6, 120 ... 600), ("success", 4, 150 ... 900),
    ]

    /// Calls, and an order for every success; returns the number of attempts written.
    func writeCalls(to path: String, orders ordersPath: String) throws -> (calls: Int, orders: Int) {
        let file = try Writer(path, header: "attempt_id,project,lead_id,phone,agent,started_at,answered_at,ended_at,prep_seconds,talk_seconds,acw_seconds,disposition")
        let orders = try Writer(ordersPath, header: "order_id,attempt_id,amount,status")
        var random = SeededRandom(seed: 7)
        let weights = Self.outcomes.map(\.weight).reduce(0, +)
        let statuses = ["pending", "approved", "rejected", "shipped", "signed", "signed", "signed", "returned"]
        let agentDays = (1 ... days).flatMap { d in (1 ... agents).filter { works($0, day: d) }.map { (d, $0) } }
        var id = 0, orderCount = 0
        for (index, (day, agent)) in agentDays.enumerated() {
            let n = attempts / agentDays.count + (index < attempts % agentDays.count ? 1 : 0)
            let p = project(of: agent)
            for j in 0 ..< n {
                id += 1
                let start = 9 * 3600 + j * (12 * 3600) / n + Int(random.next() % 20)
                let lead = Int(random.next() % UInt64(leadsPerProject))
                var pick = Int(random.next() % UInt64(weights))
                let outcome = Self.outcomes.first { pick -= $0.weight; return pick < 0 }!
                let prep = Int(random.next() % 15)
                let ring = 5 + Int(random.next() % 20)
                var talk = 0, answered = "", end = start + 25
                if let range = outcome.talk {
                    talk = range.lowerBound + Int(random.next() % UInt64(range.count))
                    answered = stamp(day: day, second: start + ring)
                    end = start + ring + talk
                }
                let acw = Int(random.next() % 40)
                let phone = "13\(4 + p)" + String(format: "%08d", lead)
                try file.line("c\(id),BM\(p),C\(p)-\(lead),\(phone),\(number(agent)),\(stamp(day: day, second: start)),\(answered),"
                              + "\(stamp(day: day, second: end)),\(prep),\(talk),\(acw),\(outcome.code)")
                if outcome.code == "success" {
                    orderCount += 1
                    let cents = 5_000 + Int(random.next() % 45_000)
                    try orders.line("o\(orderCount),c\(id),\(cents / 100).\(String(format: "%02d", cents % 100)),\(statuses[Int(random.next() % 8)])")
                }
            }
        }
        try file.close()
        try orders.close()
        return (id, orderCount)
    }

    /// Contiguous intervals from 08:50: ready, talking, after-call work, now and then busy or help; every
    /// 25th agent-day runs past midnight. Returns the number of intervals written.
    func writeStates(to path: String) throws -> Int {
        let file = try Writer(path, header: "agent,state,started_at,ended_at,reason")
        var random = SeededRandom(seed: 11)
        var count = 0
        for day in 1 ... days {
            for agent in 1 ... agents where works(agent, day: day) {
                let crossing = (day * agents + agent) % 25 == 0
                let span = crossing ? 15 * 3600 + 1800 : 12 * 3600
                var cursor = 8 * 3600 + 50 * 60
                for k in 0 ..< intervalsPerAgentDay {
                    let left = intervalsPerAgentDay - k
                    let remaining = 8 * 3600 + 50 * 60 + span - cursor
                    let length = k == intervalsPerAgentDay - 1 ? remaining : max(1, min(remaining - left + 1, remaining / left / 2 + Int(random.next() % UInt64(max(1, remaining / left)))))
                    let kind = random.next() % 100
                    let (state, reason) = kind < 4 ? ("busy", ["meal", "break", "training"][Int(kind % 3)]) : kind < 6 ? ("help", "")
                        : kind < 8 ? ("internal_call", "") : (["ready", "talking", "acw"][k % 3], "")
                    try file.line("\(number(agent)),\(state),\(stamp(day: day, second: cursor)),\(stamp(day: day, second: cursor + length)),\(reason)")
                    cursor += length
                    count += 1
                }
            }
        }
        try file.close()
        return count
    }

    func writeSchedules(to path: String) throws -> Int {
        let file = try Writer(path, header: "agent,date,scheduled_seconds,paid_seconds,scheduled_to_attend,attended")
        var count = 0
        for day in 1 ... days {
            for agent in 1 ... agents where works(agent, day: day) {
                try file.line("\(number(agent)),\(firstDay.addingDays(day - 1)),43200,45000,true,\((day + agent) % 17 == 0 ? "false" : "true")")
                count += 1
            }
        }
        try file.close()
        return count
    }
}
