import Foundation

extension MetricFormulas {
    func seconds(_ state: AgentState) -> Double { tally.stateSeconds[state] ?? 0 }

    /// Logged-in time: every state but logged_out.
    var loggedInSeconds: Double {
        tally.stateSeconds.reduce(0) { $1.key.isLoggedIn ? $0 + $1.value : $0 }
    }

    var productiveHours: Double { (loggedInSeconds - seconds(.busy)) / 3600 }

    /// Schedules count only where they may (`MetricEngine.schedulesCount`); nil elsewhere.
    var paidHours: Double? { engine.schedulesCount ? Double(tally.paidSeconds) / 3600 : nil }
    var scheduledHours: Double? { engine.schedulesCount ? Double(tally.scheduledSeconds) / 3600 : nil }

    func efficiency(_ id: MetricID) -> Double? {
        let o = outcomes
        switch id {
        case .paid_hours: return paidHours
        case .scheduled_hours: return scheduledHours
        case .logged_in_hours: return loggedInSeconds / 3600
        case .productive_hours: return productiveHours
        case .non_productive_hours: return paidHours.map { $0 - productiveHours }
        case .talk_hours: return seconds(.talking) / 3600
        case .completed_per_hour: return ratio(Double(o.completed + o.success), productiveHours)
        case .successful_per_hour: return ratio(Double(o.success), productiveHours)
        case .calls_per_hour: return ratio(Double(tally.calls), productiveHours)
        case .aht_seconds: return ratio(tally.handledSeconds, tally.attemptsWithAgent)
        case .utilization_rate: return ratio(productiveHours, paidHours)
        case .attendance_rate: return ratio(loggedInSeconds / 3600, paidHours)
        case .attendance_headcount_rate: return engine.schedulesCount ? ratio(tally.attended, tally.scheduledToAttend) : nil
        case .schedule_adherence: return ratio(loggedInSeconds / 3600, scheduledHours)
        case .work_efficiency: return ratio(seconds(.talking), loggedInSeconds)
        case .busy_rate: return ratio(seconds(.busy), loggedInSeconds)
        case .idle_rate: return ratio(seconds(.ready), loggedInSeconds)
        case .busy_count: return Double(tally.busyCount)
        case .help_count: return Double(tally.helpCount)
        case .internal_call_hours: return seconds(.internal_call) / 3600
        case .playback_hours: return seconds(.playback) / 3600
        default: return attritionRate
        }
    }

    /// Leavers in the period ÷ the mean of the headcounts on its first and last day, over the agents of
    /// the row. The period is the row's bucket within the range, or the range; without one, from the
    /// first hire to the day of the calculation. Null where schedules are (a row restricted to projects
    /// or split by hour).
    var attritionRate: Double? {
        guard engine.schedulesCount else { return nil }
        let query = engine.query
        let members = engine.records.agents.filter { agent in
            query.includesAgent(agent) && (key.site.map { agent.site == $0 } ?? true)
                && (key.team.map { agent.team == $0 } ?? true) && (key.agent.map { agent.number == $0 } ?? true)
        }
        var first = query.from ?? members.compactMap(\.hiredOn).min() ?? LocalDate(query.asOf, in: query.timeZone)
        var last = query.to ?? LocalDate(query.asOf, in: query.timeZone)
        if let bucket = key.bucket {
            first = max(first, bucket.firstDay)
            last = min(last, bucket.lastDay)
        }
        func headcount(_ day: LocalDate) -> Int {
            members.filter { ($0.hiredOn.map { $0 <= day } ?? true) && ($0.leftOn.map { $0 > day } ?? true) }.count
        }
        let leavers = members.filter { $0.leftOn.map { $0 >= first && $0 <= last } ?? false }.count
        return ratio(Double(leavers), Double(headcount(first) + headcount(last)) / 2)
    }
}
