import Foundation

extension MetricEngine {
    /// The agent part of a row for work done by `number`: nil when the query restricts agents and this
    /// one is not among them (or is unknown, or has no team in a split by team).
    func agentPart(_ number: String?) -> SliceKey? {
        var key = SliceKey()
        guard query.restrictsAgents else { return key }
        guard let number, let agent = agents[number], query.includesAgent(agent) else { return nil }
        if query.by.contains(.site) { key.site = agent.site }
        if query.by.contains(.team) {
            guard let team = agent.team else { return nil }
            key.team = team
        }
        if query.by.contains(.agent) { key.agent = agent.number }
        return key
    }

    func includesInstant(_ instant: Date) -> Bool {
        (query.rangeStart.map { instant >= $0 } ?? true) && (query.rangeEnd.map { instant < $0 } ?? true)
    }

    /// The row of an attempt: its project, its agent's site, team and number, the bucket of its start.
    func key(of attempt: MetricAttempt) -> SliceKey? {
        guard !attempt.testCall, query.includesProject(attempt.project), includesInstant(attempt.startedAt),
              var key = agentPart(attempt.agent) else { return nil }
        if query.by.contains(.project) || query.projectCells { key.project = attempt.project }
        if let split = query.timeSplit { key.bucket = TimeBucket.containing(attempt.startedAt, split: split, in: query.timeZone) }
        return key
    }

    /// The row of a schedule, by its agent and date.
    func key(of schedule: MetricSchedule) -> SliceKey? {
        guard query.includesDate(schedule.date), var key = agentPart(schedule.agent) else { return nil }
        if let split = query.timeSplit { key.bucket = TimeBucket.containing(schedule.date, split: split) }
        return key
    }

    /// Adds an interval's seconds, clipped to the range and cut at the buckets' edges, to the rows it
    /// covers; its busy or help count goes to the row in which it starts.
    func addSeconds(of interval: MetricInterval, to tallies: inout [SliceKey: SliceTally]) {
        guard var key = agentPart(interval.agent) else { return }
        if query.restrictsProjects {
            guard let project = interval.project, query.includesProject(project) else { return }
            if query.by.contains(.project) { key.project = project }
        } else if query.projectCells {
            key.project = interval.project ?? ""
        }
        let start = max(interval.startedAt, query.rangeStart ?? interval.startedAt)
        var end = interval.endedAt ?? max(query.asOf, interval.startedAt)
        if let rangeEnd = query.rangeEnd { end = min(end, rangeEnd) }
        let counted = interval.state == .busy || interval.state == .help
        if counted && includesInstant(interval.startedAt) {
            var countKey = key
            if let split = query.timeSplit { countKey.bucket = TimeBucket.containing(interval.startedAt, split: split, in: query.timeZone) }
            if interval.state == .busy { tallies[countKey, default: SliceTally()].busyCount += 1 }
            else { tallies[countKey, default: SliceTally()].helpCount += 1 }
        }
        guard end > start else { return }
        guard let split = query.timeSplit else {
            tallies[key, default: SliceTally()].stateSeconds[interval.state, default: 0] += end.timeIntervalSince(start)
            return
        }
        var bucket = TimeBucket.containing(start, split: split, in: query.timeZone)
        var cursor = start
        while cursor < end {
            let next = bucket.next
            let pieceEnd = min(end, next.start(in: query.timeZone))
            key.bucket = bucket
            tallies[key, default: SliceTally()].stateSeconds[interval.state, default: 0] += pieceEnd.timeIntervalSince(cursor)
            cursor = pieceEnd
            bucket = next
        }
    }
}
