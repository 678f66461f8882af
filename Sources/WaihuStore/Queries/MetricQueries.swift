import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Loads what a metric query needs from the store, as the records the calculator reads
/// (`MetricEngine`): only the projects, the time range and the agents the query names.
public enum MetricQueries {
    /// The records of `query`; a project, site, team or agent it names that does not exist is refused.
    /// With `schedulesOnly`, only the projects, agents and schedules (the rest comes from day cells).
    public static func records(for query: MetricQuery, schedulesOnly: Bool = false, on db: any Database) async throws -> MetricRecords {
        let sql = try StoreSQL.sql(db)
        let directory = try await Directory.load(db)
        try directory.check(query)
        var records = MetricRecords()
        records.projects = directory.projects.values.map(\.project)
        records.agents = directory.agents.values.sorted { $0.number < $1.number }
        let scope = Scope(query: query, directory: directory)
        records.schedules = try await schedules(scope, directory: directory, on: sql)
        if schedulesOnly { return records }
        records.attempts = try await attempts(scope, directory: directory, on: sql)
        records.leads = try await leads(scope, rejectedOnly: !query.countsWholeLeads, directory: directory, on: sql)
        records.intervals = try await intervals(scope, directory: directory, on: sql)
        records.orders = try await orders(scope, on: sql)
        records.complaints = try await complaints(scope, on: sql)
        records.reviews = try await reviews(scope, on: sql)
        return records
    }

    /// Projects and agents by id, with the names a query uses.
    struct Directory {
        struct Project {
            var project: MetricProject
            var categories: [String: DispositionCategory]
        }

        var projects: [UUID: Project] = [:]
        var agents: [UUID: MetricAgent] = [:]
        var siteNames: Set<String> = []
        var teamNames: Set<String> = []

        static func load(_ db: any Database) async throws -> Directory {
            let sql = try StoreSQL.sql(db)
            var directory = Directory()
            let rows = try await sql.select().columns("id", "code", "target", "conversation_seconds", "effective_conversation_seconds")
                .from(ProjectModel.schema).all()
            let sets = try await DispositionQueries.allInForce(projects: try rows.map { try $0.decode(column: "id", as: UUID.self) }, on: db)
            for row in rows {
                let id = try row.decode(column: "id", as: UUID.self)
                let set = sets[id] ?? .standard
                directory.projects[id] = Project(
                    project: MetricProject(code: try row.decode(column: "code", as: String.self),
                                           target: try row.decode(column: "target", as: Int?.self),
                                           conversationSeconds: try row.decode(column: "conversation_seconds", as: Int.self),
                                           effectiveConversationSeconds: try row.decode(column: "effective_conversation_seconds", as: Int.self)),
                    categories: Dictionary(set.dispositions.map { ($0.code, $0.category) }, uniquingKeysWith: { a, _ in a }))
            }
            let agents = try await sql.raw("""
                SELECT a.id, a.number, a.hired_on, a.left_on, s.name AS site, t.name AS team
                FROM agents a JOIN sites s ON s.id = a.site_id LEFT JOIN teams t ON t.id = a.team_id
                """).all()
            for row in agents {
                directory.agents[try row.decode(column: "id", as: UUID.self)] = MetricAgent(
                    number: try row.decode(column: "number", as: String.self), site: try row.decode(column: "site", as: String.self),
                    team: try row.decode(column: "team", as: String?.self),
                    hiredOn: LocalDate(try row.decode(column: "hired_on", as: String.self)),
                    leftOn: try row.decode(column: "left_on", as: String?.self).flatMap(LocalDate.init))
            }
            for row in try await sql.select().column("name").from(SiteModel.schema).all() {
                directory.siteNames.insert(try row.decode(column: "name", as: String.self))
            }
            for row in try await sql.select().column("name").from(TeamModel.schema).all() {
                directory.teamNames.insert(try row.decode(column: "name", as: String.self))
            }
            return directory
        }

        /// Refuses a query naming a project, site, team or agent that does not exist.
        func check(_ query: MetricQuery) throws(DomainError) {
            func unknown(_ named: Set<String>?, among known: Set<String>, zh: String, en: String) throws(DomainError) {
                guard let missing = named?.subtracting(known).sorted().first else { return }
                throw DomainError(.notFound, code: "unknown_\(en)", zh: "没有\(zh)「\(missing)」", en: "There is no \(en) \"\(missing)\"")
            }
            try unknown(query.projects, among: Set(projects.values.map(\.project.code)), zh: "项目", en: "project")
            try unknown(query.sites, among: siteNames, zh: "站点", en: "site")
            try unknown(query.teams, among: teamNames, zh: "班组", en: "team")
            try unknown(query.agents, among: Set(agents.values.map(\.number)), zh: "坐席", en: "agent")
        }
    }

    /// The query's restrictions as ids: nil where it restricts nothing.
    struct Scope {
        var query: MetricQuery
        var projectIDs: [UUID]?
        var agentIDs: [UUID]?
        var start: Date?
        var end: Date?

        init(query: MetricQuery, directory: Directory) {
            self.query = query
            projectIDs = query.projects.map { codes in directory.projects.filter { codes.contains($0.value.project.code) }.map(\.key) }
            if query.sites != nil || query.teams != nil || query.agents != nil {
                agentIDs = directory.agents.filter { _, agent in
                    (query.sites?.contains(agent.site) ?? true) && (query.teams.map { agent.team.map($0.contains) ?? false } ?? true)
                        && (query.agents?.contains(agent.number) ?? true)
                }.map(\.key)
            }
            start = query.rangeStart
            end = query.rangeEnd
        }
    }
}
