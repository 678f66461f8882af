import Foundation

/// Computes the catalog's metrics (METRICS.md) for a slice and its split, from the records alone:
/// each record is put in the row it belongs to (§1.7), the rows' sums give the formulas.
public struct MetricEngine: Sendable {
    let records: MetricRecords
    let query: MetricQuery
    let agents: [String: MetricAgent]
    let projects: [String: MetricProject]

    public init(records: MetricRecords, query: MetricQuery) {
        self.records = records
        self.query = query
        agents = Dictionary(records.agents.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        projects = Dictionary(records.projects.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The rows of the split, in order, each with the asked metrics; a query with no split gives one row.
    public func rows(_ metrics: [MetricID]) -> [MetricRow] {
        rows(metrics, tallies: tally())
    }

    /// The rows of sums made elsewhere (day cells added to a raw tally).
    public func rows(_ metrics: [MetricID], tallies: [SliceKey: SliceTally]) -> [MetricRow] {
        var tallies = tallies
        if query.by.isEmpty && tallies.isEmpty { tallies[SliceKey()] = SliceTally() }
        return tallies.keys.sorted().map { key in
            let values = MetricFormulas(tally: tallies[key]!, key: key, engine: self)
            return MetricRow(key: key, dimensions: query.by, values: metrics.map { ($0, values.value($0)) })
        }
    }

    /// The sums of every row, from every kind of record.
    public func tally() -> [SliceKey: SliceTally] {
        var tallies: [SliceKey: SliceTally] = [:]
        var attemptKeys: [String: SliceKey] = [:]
        for attempt in records.attempts {
            guard let key = key(of: attempt) else { continue }
            tallies[key, default: SliceTally()].add(attempt, project: projects[attempt.project])
            attemptKeys[attempt.id] = key
        }
        if query.countsWholeLeads {
            for lead in records.leads where query.includesProject(lead.project) {
                let key = SliceKey(project: query.by.contains(.project) ? lead.project : nil)
                tallies[key, default: SliceTally()].leads[lead.id, default: LeadTally()].rejected = lead.rejected
            }
        } else {
            // In a slice of some agents or some time, the leads are those with attempts in it; one rejected at
            // import is still invalid there (METRICS.md §1.7).
            let rejected = Set(records.leads.lazy.filter(\.rejected).map(\.id))
            if !rejected.isEmpty {
                for key in Array(tallies.keys) {
                    for id in tallies[key]!.leads.keys where rejected.contains(id) { tallies[key]!.leads[id]!.rejected = true }
                }
            }
        }
        for interval in records.intervals { addSeconds(of: interval, to: &tallies) }
        if schedulesCount {
            let present = presentDays()
            for var schedule in records.schedules {
                guard let key = key(of: schedule) else { continue }
                if schedule.attendanceFromLogins { schedule.attended = schedule.attended || present.contains("\(schedule.agent) \(schedule.date)") }
                tallies[key, default: SliceTally()].add(schedule)
            }
        }
        for order in records.orders { if let key = attemptKeys[order.attempt] { tallies[key]!.add(order) } }
        for review in records.reviews { if let key = attemptKeys[review.attempt] { tallies[key]!.add(review) } }
        for complaint in records.complaints { if let key = attemptKeys[complaint.attempt] { tallies[key]!.add(complaint) } }
        for reply in records.replies { if let key = attemptKeys[reply.attempt] { tallies[key]!.add(reply) } }
        return tallies
    }

    /// The agent-days with a login, when a rostered shift asks (agent number and local date).
    func presentDays() -> Set<String> {
        guard records.schedules.contains(where: \.attendanceFromLogins) else { return [] }
        var present: Set<String> = []
        for interval in records.intervals where interval.state.isLoggedIn {
            present.insert("\(interval.agent) \(LocalTime(interval.startedAt, in: query.timeZone).date)")
        }
        return present
    }

    /// Schedules belong to no project and to days, not hours: they count only in a query that restricts
    /// no project and does not split by hour; otherwise the metrics built on them are null.
    var schedulesCount: Bool { !query.restrictsProjects && query.timeSplit != .hour }
}
