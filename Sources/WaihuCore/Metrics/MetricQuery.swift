import Foundation

/// What a slice may be split by (METRICS.md §1.7): the organisation's units, or calendar buckets in
/// the organisation's time zone.
public enum SliceDimension: String, Sendable, Codable, CaseIterable {
    case project, site, team, agent, hour, day, week, month

    public var isTime: Bool { [.hour, .day, .week, .month].contains(self) }

    /// The dimensions a comma-separated list names, or why one is unknown or two split time.
    public static func parse(_ list: String?) throws(DomainError) -> [SliceDimension] {
        var dimensions: [SliceDimension] = []
        for name in CommaList.names(list) {
            guard let dimension = SliceDimension(rawValue: name) else {
                throw DomainError(.badInput, code: "unknown_dimension",
                                  zh: "不能按「\(name)」拆分；可选 project、site、team、agent、hour、day、week、month",
                                  en: "Cannot split by \"\(name)\"; choose from project, site, team, agent, hour, day, week, month")
            }
            dimensions.append(dimension)
        }
        if dimensions.filter(\.isTime).count > 1 {
            throw DomainError(.badInput, code: "two_time_splits",
                              zh: "时间只能按一种粒度拆分（hour、day、week 或 month）",
                              en: "Time can be split one way only (hour, day, week or month)")
        }
        return dimensions
    }
}

/// A slice and how to split it (METRICS.md §1.7): restrictions to projects, sites, teams and agents
/// (nil: no restriction), a range of local dates (`to` inclusive), the split, the time zone of days and
/// hours, and the instant open state intervals run until.
public struct MetricQuery: Sendable {
    public var projects: Set<String>?
    public var sites: Set<String>?
    public var teams: Set<String>?
    public var agents: Set<String>?
    public var from: LocalDate?
    public var to: LocalDate?
    public var by: [SliceDimension]
    public var timeZone: TimeZone
    public var asOf: Date
    /// Building day cells: attempts keep their project and intervals theirs ("" for none) in the key,
    /// without restricting anything to projects.
    var projectCells = false

    public init(projects: Set<String>? = nil, sites: Set<String>? = nil, teams: Set<String>? = nil, agents: Set<String>? = nil,
                from: LocalDate? = nil, to: LocalDate? = nil, by: [SliceDimension] = [], timeZone: TimeZone, asOf: Date) throws(DomainError) {
        if let from, let to, to < from {
            throw DomainError(.badInput, code: "range_reversed",
                              zh: "结束日期 \(to) 早于开始日期 \(from)", en: "The end date \(to) is before the start date \(from)")
        }
        self.projects = projects
        self.sites = sites
        self.teams = teams
        self.agents = agents
        self.from = from
        self.to = to
        self.by = by
        self.timeZone = timeZone
        self.asOf = asOf
    }

    /// The time split, if any.
    public var timeSplit: SliceDimension? { by.first(where: \.isTime) }

    /// Some row is restricted to projects: the query names projects or splits by project.
    var restrictsProjects: Bool { projects != nil || by.contains(.project) }

    /// Some row is restricted to agents (by site, team or agent, named or split).
    var restrictsAgents: Bool {
        sites != nil || teams != nil || agents != nil || by.contains(.site) || by.contains(.team) || by.contains(.agent)
    }

    /// Leads are counted whole (every lead of the projects, rejected ones too) only in a slice
    /// restricted by nothing but projects.
    public var countsWholeLeads: Bool { !restrictsAgents && from == nil && to == nil && timeSplit == nil }

    /// The instants the range covers: from the start of `from` to the end of `to`.
    public var rangeStart: Date? { from.map { LocalTime.instant($0, in: timeZone) } }
    public var rangeEnd: Date? { to.map { LocalTime.instant($0.addingDays(1), in: timeZone) } }

    func includesProject(_ code: String) -> Bool { projects?.contains(code) ?? true }

    func includesAgent(_ agent: MetricAgent) -> Bool {
        (sites?.contains(agent.site) ?? true) && (teams.map { agent.team.map($0.contains) ?? false } ?? true)
            && (agents?.contains(agent.number) ?? true)
    }

    func includesDate(_ date: LocalDate) -> Bool {
        (from.map { date >= $0 } ?? true) && (to.map { date <= $0 } ?? true)
    }
}
