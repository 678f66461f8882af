import Foundation

/// Day cells: the sums of one project, one agent and one local day, kept so that a split by agent and
/// day (a daily per-agent report over a month) is read from a few thousand cells instead of millions of
/// attempts. A cell's leads are counted by outcome within the cell; the cells of one agent and day hold
/// disjoint leads (a lead belongs to one project), so they add up exactly — which is why only splits
/// that include both agent and day are read from cells. State intervals without a project go to the
/// cell of project "".
public enum MetricCells {
    /// Whether a query's rows are unions of cells: split by agent and day (and perhaps project, site,
    /// team), over a range of whole days.
    public static func serve(_ query: MetricQuery) -> Bool {
        let by = Set(query.by)
        return by.contains(.agent) && by.contains(.day) && by.isSubset(of: [.project, .site, .team, .agent, .day])
            && query.from != nil && query.to != nil
    }

    /// The cells of the records' days within `from`–`to`, keyed by project code ("" for intervals
    /// without one), agent number and day.
    public static func build(_ records: MetricRecords, from: LocalDate, to: LocalDate, timeZone: TimeZone, asOf: Date) throws(DomainError)
        -> [SliceKey: SliceTally] {
        var query = try MetricQuery(from: from, to: to, by: [.agent, .day], timeZone: timeZone, asOf: asOf)
        query.projectCells = true
        // Schedules belong to no project: they are read as they are, not kept in cells.
        var records = records
        records.schedules = []
        var cells = MetricEngine(records: records, query: query).tally().filter { $0.key.project != nil }
        for key in Array(cells.keys) { cells[key]!.foldLeads() }
        return cells
    }

    /// The order of a cell's numbers when stored: the sums, then the seconds by state.
    static var sums: [WritableKeyPath<SliceTally, Int>] { [
        \.calls, \.connected, \.talkSeconds, \.conversations, \.effectiveConversations, \.handledSeconds, \.attemptsWithAgent,
        \.busyCount, \.helpCount, \.orders, \.salesCents, \.ordersNotRejected, \.ordersApproved, \.ordersVerified, \.ordersSigned,
        \.ordersReturned, \.reviews, \.reviewsExcellent, \.reviewsUnqualified, \.complaints, \.replies, \.satisfiedReplies, \.signedCents,
    ] }

    /// A cell as text: its numbers separated by commas (sums, outcome counts, seconds by state).
    public static func pack(_ cell: SliceTally) -> String {
        var numbers = sums.map { String(cell[keyPath: $0]) }
        numbers += OutcomeCounts.fields.map { String(cell.counted[keyPath: $0]) }
        numbers += AgentState.allCases.map { state in cell.stateSeconds[state].map { String($0) } ?? "0" }
        return numbers.joined(separator: ",")
    }

    /// The cell a packed text holds; nil when it is not one.
    public static func unpack(_ text: String, agent: String) -> SliceTally? {
        let parts = text.split(separator: ",")
        guard parts.count == sums.count + OutcomeCounts.fields.count + AgentState.allCases.count else { return nil }
        var cell = SliceTally()
        for (index, path) in sums.enumerated() {
            guard let value = Int(parts[index]) else { return nil }
            cell[keyPath: path] = value
        }
        for (index, path) in OutcomeCounts.fields.enumerated() {
            guard let value = Int(parts[sums.count + index]) else { return nil }
            cell.counted[keyPath: path] = value
        }
        for (index, state) in AgentState.allCases.enumerated() {
            guard let value = Double(parts[sums.count + OutcomeCounts.fields.count + index]) else { return nil }
            if value != 0 { cell.stateSeconds[state] = value }
        }
        if cell.attemptsWithAgent > 0 { cell.agentsWithAttempts = [agent] }
        return cell
    }

    /// The rows of `query` from stored cells and the records not in them, each piece tallied over its own
    /// range (the live days; the schedules of the cells' days) with the query's split and restrictions.
    public static func rows(_ metrics: [MetricID], cells: [SliceKey: SliceTally], pieces: [(MetricRecords, MetricQuery)],
                            query: MetricQuery, roster: MetricRecords) -> [MetricRow] {
        let engine = MetricEngine(records: roster, query: query)
        var tallies: [SliceKey: SliceTally] = [:]
        for (records, range) in pieces {
            for (key, tally) in MetricEngine(records: records, query: range).tally() { tallies[key, default: SliceTally()].add(tally) }
        }
        for (cellKey, cell) in cells {
            guard let key = key(of: cellKey, agent: cellKey.agent.flatMap { engine.agents[$0] }, query: query) else { continue }
            tallies[key, default: SliceTally()].add(cell)
        }
        return engine.rows(metrics, tallies: tallies)
    }

    /// Adds stored cells into the rows of `query`: a cell of project "" (state time without a project)
    /// counts only where the query restricts no project. Returns nil for a cell outside the query.
    public static func key(of cell: SliceKey, agent: MetricAgent?, query: MetricQuery) -> SliceKey? {
        guard let project = cell.project, let number = cell.agent, let bucket = cell.bucket else { return nil }
        if query.restrictsProjects {
            guard !project.isEmpty, query.includesProject(project) else { return nil }
        }
        var key = SliceKey(agent: number, bucket: bucket)
        if query.by.contains(.project) { key.project = project }
        if query.restrictsAgents {
            guard let agent, query.includesAgent(agent) else { return nil }
            if query.by.contains(.site) { key.site = agent.site }
            if query.by.contains(.team) {
                guard let team = agent.team else { return nil }
                key.team = team
            }
        }
        return key
    }
}

extension SliceTally {
    /// The leads seen one by one, counted by outcome instead.
    mutating func foldLeads() {
        counted = counted + OutcomeCounts(leads.values)
        leads = [:]
    }

    /// Adds another row's sums; their leads must be disjoint.
    public mutating func add(_ other: SliceTally) {
        for path in MetricCells.sums { self[keyPath: path] += other[keyPath: path] }
        counted = counted + other.counted
        leads.merge(other.leads) { a, b in
            LeadTally(best: DispositionCategory.highest(a.best, b.best), attempts: a.attempts + b.attempts, rejected: a.rejected || b.rejected)
        }
        agentsWithAttempts.formUnion(other.agentsWithAttempts)
        stateSeconds.merge(other.stateSeconds, uniquingKeysWith: +)
        scheduledSeconds += other.scheduledSeconds
        paidSeconds += other.paidSeconds
        scheduledToAttend += other.scheduledToAttend
        attended += other.attended
    }
}
