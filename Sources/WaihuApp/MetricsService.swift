import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The metrics of a slice for the API, the CLI and the pages: the parameters read and checked,
/// the records loaded, the catalog computed, the caller's scope applied.
public enum MetricsService {
    /// The parameters of `GET /api/v1/metrics` and `waihu metrics`, as given (lists comma-separated).
    public struct Parameters: Sendable {
        public var project: String?
        public var site: String?
        public var team: String?
        public var agent: String?
        public var from: String?
        public var to: String?
        public var by: String?
        public var metrics: String?

        public init(project: String? = nil, site: String? = nil, team: String? = nil, agent: String? = nil,
                    from: String? = nil, to: String? = nil, by: String? = nil, metrics: String? = nil) {
            self.project = project
            self.site = site
            self.team = team
            self.agent = agent
            self.from = from
            self.to = to
            self.by = by
            self.metrics = metrics
        }
    }

    /// The rows of a split and the metrics they carry; encodes as `{"rows": [...]}`.
    public struct Result: Sendable, Encodable {
        public var rows: [MetricRow]
        public var metrics: [MetricID]
        public var dimensions: [SliceDimension]

        package enum CodingKeys: String, CodingKey { case rows }
    }

    package static func list(_ text: String?) -> Set<String>? {
        let names = CommaList.names(text)
        return names.isEmpty ? nil : Set(names)
    }

    package static func date(_ text: String?, field: String) throws(DomainError) -> LocalDate? {
        guard let text, !text.trimmingWhitespace().isEmpty else { return nil }
        return try LocalDate.parse(text, field: field)
    }

    /// The query the parameters describe, in the organisation's time zone.
    public static func query(_ p: Parameters, timeZone: TimeZone, asOf: Date) throws(DomainError) -> (MetricQuery, [MetricID]) {
        let query = try MetricQuery(projects: list(p.project), sites: list(p.site), teams: list(p.team), agents: list(p.agent),
                                    from: try date(p.from, field: "from"), to: try date(p.to, field: "to"),
                                    by: try SliceDimension.parse(p.by), timeZone: timeZone, asOf: asOf)
        return (query, try MetricCatalog.parse(p.metrics))
    }

    /// The metrics of the slice, within what `scope` may see: outside the whole organisation, only the
    /// work of the agents the scope holds.
    public static func compute(_ p: Parameters, scope: AccessScope, at now: Date, on db: any Database) async throws -> Result {
        let zone = try await OrganisationQueries.timeZone(on: db)
        var (query, metrics) = try query(p, timeZone: zone, asOf: now)
        if scope != .organisation {
            let visible = Set(try await AgentQueries.agents(in: scope, on: db).map(\.number))
            query.agents = query.agents.map { $0.intersection(visible) } ?? visible
        }
        if let rows = try await fromCells(query, metrics: metrics, at: now, on: db) {
            return Result(rows: rows, metrics: metrics, dimensions: query.by)
        }
        let records = try await MetricQueries.records(for: query, on: db)
        return Result(rows: MetricEngine(records: records, query: query).rows(metrics), metrics: metrics, dimensions: query.by)
    }

    /// A split by agent and day read from day cells for the days before yesterday and from the events for
    /// yesterday and today (still changing); nil when the query is not one cells serve.
    package static func fromCells(_ query: MetricQuery, metrics: [MetricID], at now: Date, on db: any Database) async throws -> [MetricRow]? {
        guard MetricCells.serve(query), let from = query.from, let to = query.to else { return nil }
        let liveFrom = LocalTime(now, in: query.timeZone).date.addingDays(-1)
        let cachedTo = min(to, liveFrom.addingDays(-1))
        guard cachedTo >= from else { return nil }
        var early = query
        early.to = cachedTo
        // Loaded first: it refuses a project, site, team or agent that does not exist.
        let earlyRecords = try await MetricQueries.records(for: early, schedulesOnly: true, on: db)
        let cells = try await MetricCellQueries.cells(from: from, to: cachedTo, query: query, on: db)
        var pieces = [(earlyRecords, early)]
        if to >= liveFrom {
            var live = query
            live.from = liveFrom
            pieces.append((try await MetricQueries.records(for: live, on: db), live))
        }
        return MetricCells.rows(metrics, cells: cells, pieces: pieces, query: query, roster: earlyRecords)
    }
}
