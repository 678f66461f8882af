import Fluent
import Foundation
import SQLKit
import WaihuCore

/// Stores imported records (`waihu import calls|states|schedules|orders`) a chunk at a time: each row's
/// project, agent, lead or attempt is looked up, rows already stored with the same id are counted as
/// unchanged, bad rows are refused with their line and reason, the good ones written in one transaction per
/// chunk — or, given `rowsPerTransaction` and one connection, in transactions of that many rows (whole chunks),
/// the last of them committed by `commit()`.
public final class RecordImportStore: @unchecked Sendable {
    let db: any Database
    let sql: any SQLDatabase
    var projects: [String: (id: UUID, dispositions: Set<String>)] = [:]
    var agents: [String: UUID] = [:]
    var leads: [UUID: [String: UUID]] = [:]
    var seen: Set<String> = []
    /// Agent-days a file's roster columns already set (a second shift on one day is refused).
    var rosterDays: Set<String> = []
    var ids: TimeOrderedIDs
    /// When the import runs: the orders it updates say so.
    let now: Date

    public static let chunk = 2_000
    /// Rows a transaction holds before it commits: the bigger, the fewer times the indexes' pages are written (a
    /// commit writes every page its rows touched, and rows of random leads and phones touch pages all over each
    /// index); the smaller, the shorter the wait of other writers on SQLite (the desk, the dialer).
    public static let defaultRowsPerTransaction = 100_000
    let rowsPerTransaction: Int?
    /// Rows written since the open transaction began; nil when none is open.
    var rowsInTransaction: Int?

    /// With `rowsPerTransaction`, `db` must be one connection (`withConnection`): the transactions span calls.
    public init(on db: any Database, at now: Date, rowsPerTransaction: Int? = nil) async throws {
        self.db = db
        self.now = now
        self.rowsPerTransaction = rowsPerTransaction.map { max(1, $0) }
        ids = TimeOrderedIDs(start: now, random: UInt64.random(in: .min ... .max))
        sql = try StoreSQL.sql(db)
        let rows = try await sql.select().columns("id", "code").from(ProjectModel.schema).all()
        let codes = try rows.map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "code", as: String.self)) }
        let sets = try await DispositionQueries.allInForce(projects: codes.map(\.0), on: db)
        for (id, code) in codes { projects[code] = (id, Set(sets[id]!.dispositions.map(\.code))) }
        for row in try await sql.select().columns("id", "number").from(AgentModel.schema).all() {
            agents[try row.decode(column: "number", as: String.self)] = try row.decode(column: "id", as: UUID.self)
        }
    }

    func project(_ code: String) throws(DomainError) -> (id: UUID, dispositions: Set<String>) {
        guard let project = projects[code] else {
            throw DomainError(.notFound, code: "unknown_project", zh: "没有项目「\(code)」", en: "There is no project \"\(code)\"")
        }
        return project
    }

    func agent(_ number: String) throws(DomainError) -> UUID {
        guard let id = agents[number] else { throw Self.unknownAgent(number) }
        return id
    }

    static func unknownAgent(_ number: String) -> DomainError {
        DomainError(.notFound, code: "unknown_agent", zh: "没有工号为「\(number)」的坐席", en: "There is no agent numbered \"\(number)\"")
    }

    /// The lead with this customer id in the project; the project's leads are read once.
    func lead(_ customerID: String, project: UUID, code: String) async throws -> UUID {
        if leads[project] == nil {
            var byCustomer: [String: UUID] = [:]
            for row in try await sql.select().columns("id", "customer_id").from(LeadModel.schema)
                .where("project_id", .equal, SQLBind(project)).where("customer_id", .isNot, SQLLiteral.null).all() {
                byCustomer[try row.decode(column: "customer_id", as: String.self)] = try row.decode(column: "id", as: UUID.self)
            }
            leads[project] = byCustomer
        }
        guard let id = leads[project]?[customerID] else {
            throw DomainError(.notFound, code: "unknown_lead", zh: "项目「\(code)」没有客户编号为「\(customerID)」的客户数据，请先导入客户名单",
                              en: "Project \"\(code)\" has no lead with customer id \"\(customerID)\"; import the customer list first")
        }
        return id
    }

    /// The values of `column` in `table` among `keys` that are already stored.
    func existing(_ keys: [String], column: String, in table: String) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let rows = try await sql.select().column(column).from(table).where(SQLIdentifier(column), .in, SQLBind.group(keys)).all()
        return Set(try rows.map { try $0.decode(column: column, as: String.self) })
    }

    /// Runs the statements of one chunk in the open transaction (beginning one when none is), with the metric
    /// day cells of the days from `from` to `to` forgotten in it; commits once the transaction holds
    /// `rowsPerTransaction` rows. A failing statement rolls the open transaction back.
    func write(_ queries: [any SQLExpression], rows: Int, touching days: (from: Date, to: Date)?) async throws {
        guard !queries.isEmpty else { return }
        @Sendable func run(on sql: any SQLDatabase) async throws {
            for query in queries { try await SQLiteBinds.execute(query, on: sql) }
            if let days { try await MetricCellQueries.invalidate(from: days.from, to: days.to, sql: sql) }
        }
        guard let rowsPerTransaction else {
            try await StoreTransaction.write(db) { tx in try await run(on: try StoreSQL.sql(tx)) }
            return
        }
        do {
            if rowsInTransaction == nil {
                try await sql.raw(SQLQueryString(sql.dialect.name == "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN")).run()
                rowsInTransaction = 0
            }
            try await run(on: sql)
            rowsInTransaction! += rows
            if rowsInTransaction! >= rowsPerTransaction { try await commit() }
        } catch {
            try? await rollback()
            throw error
        }
    }

    /// Commits the open transaction, if any: at the end of the file, and whenever one is full.
    public func commit() async throws {
        guard rowsInTransaction != nil else { return }
        rowsInTransaction = nil
        try await sql.raw("COMMIT").run()
    }

    /// Rolls the open transaction back, if any (the import failed midway).
    public func rollback() async throws {
        guard rowsInTransaction != nil else { return }
        rowsInTransaction = nil
        try await sql.raw("ROLLBACK").run()
    }
}
