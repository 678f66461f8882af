import Fluent
import Foundation
import SQLKit
import NIOCore
import SQLiteNIO
import WaihuCore

/// Writes the leads of one batch in multi-row statements; used inside the import's transaction.
/// On SQLite a batch of rows is written while the caller reads and scrubs the next one (at most
/// one batch in flight, statements in order); `flush()` waits for everything, and a caller that
/// gives up must call `abandon()` before the transaction ends.
public struct LeadWriter {
    public static let rowsPerStatement = 500

    private let sql: any SQLDatabase
    /// SQLite takes plain `SQLiteData` binds: no encoder on the hot path.
    private let sqlite: (any SQLiteDatabase)?
    private let projectID: UUID
    private let batchID: UUID
    private var pending: [ScrubbedLead] = []
    private var ids: TimeOrderedIDs
    private var inFlight: EventLoopFuture<Void>?

    public init(database: any Database, projectID: UUID, batchID: UUID, at now: Date) throws {
        sql = try StoreSQL.sql(database)
        self.sqlite = database as? any SQLiteDatabase
        self.projectID = projectID
        self.batchID = batchID
        ids = TimeOrderedIDs(start: now, random: UInt64.random(in: .min ... .max))
    }


    /// Gives the connection of this transaction the settings of a bulk load (`BulkLoad`).
    public func prepareForBulkLoad() async throws {
        if let sqlite { try await BulkLoad.begin(sqlite) }
    }

    /// Puts the connection's settings back once the load is written.
    public func endBulkLoad() async throws {
        if let sqlite { try await BulkLoad.end(sqlite) }
    }

    public mutating func add(_ lead: ScrubbedLead) async throws {
        pending.append(lead)
        if pending.count >= Self.rowsPerStatement { try await submit() }
    }

    /// Writes what is pending and waits until every row is stored.
    public mutating func flush() async throws {
        try await submit()
        let last = inFlight
        inFlight = nil
        try await last?.get()
    }

    /// Waits for the batch in flight, ignoring its outcome: the transaction is about to roll back.
    public mutating func abandon() async {
        let last = inFlight
        inFlight = nil
        _ = try? await last?.get()
    }

    private mutating func submit() async throws {
        guard !pending.isEmpty else { return }
        let leads = pending
        pending.removeAll(keepingCapacity: true)
        if let sqlite {
            try await submitSQLite(leads, sqlite)
            return
        }
        var insertLeads = sql.insert(into: LeadModel.schema)
            .columns("id", "project_id", "batch_id", "line", "customer_id", "name", "region", "phone", "attributes", "rejection", "status")
        var phoneRows: [[any SQLExpression]] = []
        for lead in leads {
            let id = ids.next()
            let accepted = lead.rejection == nil
            insertLeads = insertLeads.values([
                SQLBind(id), SQLBind(projectID), SQLBind(batchID), SQLBind(lead.line), SQLBind(lead.customerID),
                SQLBind(lead.name), SQLBind(lead.region), SQLBind(lead.phones.first), SQLBind(attributes(of: lead)),
                SQLBind(lead.rejection?.rawValue), SQLBind(accepted ? "pool" : "rejected"),
            ] as [any SQLExpression])
            guard accepted else { continue }
            for (position, phone) in lead.phones.enumerated() {
                phoneRows.append([SQLBind(id), SQLBind(projectID), SQLBind(phone), SQLBind(position)])
            }
        }
        try await insertLeads.run()
        for chunk in stride(from: 0, to: phoneRows.count, by: Self.rowsPerStatement) {
            var insertPhones = sql.insert(into: "lead_phones").columns("lead_id", "project_id", "phone", "position")
            for row in phoneRows[chunk..<min(chunk + Self.rowsPerStatement, phoneRows.count)] {
                insertPhones = insertPhones.values(row)
            }
            try await insertPhones.run()
        }
    }

    private mutating func submitSQLite(_ leads: [ScrubbedLead], _ db: any SQLiteDatabase) async throws {
        func text(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
        let project = SQLiteData.text(projectID.uuidString)
        let batch = SQLiteData.text(batchID.uuidString)
        var binds: [SQLiteData] = []
        binds.reserveCapacity(leads.count * 11)
        var phoneBinds: [SQLiteData] = []
        for lead in leads {
            let id = SQLiteData.text(ids.next().uuidString)
            let accepted = lead.rejection == nil
            binds += [id, project, batch, .integer(lead.line), text(lead.customerID), text(lead.name), text(lead.region),
                      text(lead.phones.first), .text(attributes(of: lead)), text(lead.rejection?.rawValue),
                      .text(accepted ? "pool" : "rejected")]
            guard accepted else { continue }
            for (position, phone) in lead.phones.enumerated() {
                phoneBinds += [id, project, .text(phone), .integer(position)]
            }
        }
        var statements = [(Self.insertLeads(rows: leads.count), binds)]
        for start in stride(from: 0, to: phoneBinds.count, by: Self.rowsPerStatement * 4) {
            let slice = Array(phoneBinds[start..<min(start + Self.rowsPerStatement * 4, phoneBinds.count)])
            statements.append((Self.insertPhones(rows: slice.count / 4), slice))
        }
        // One batch in flight at a time, its statements chained: the connection sees them in order.
        if let previous = inFlight {
            inFlight = nil
            try await previous.get()
        }
        var chain: EventLoopFuture<Void>?
        for (query, binds) in statements {
            chain = chain.map { $0.flatMap { db.query(query, binds) { _ in } } } ?? db.query(query, binds) { _ in }
        }
        inFlight = chain
    }

    static let leadColumns = "id, project_id, batch_id, line, customer_id, name, region, phone, attributes, rejection, status"
    static let fullLeadInsert = placeholders("INSERT INTO leads (\(leadColumns)) VALUES ", rows: rowsPerStatement, columns: 11)
    static let fullPhoneInsert = placeholders("INSERT INTO lead_phones (lead_id, project_id, phone, position) VALUES ",
                                              rows: rowsPerStatement, columns: 4)

    static func insertLeads(rows: Int) -> String {
        rows == rowsPerStatement ? fullLeadInsert : placeholders("INSERT INTO leads (\(leadColumns)) VALUES ", rows: rows, columns: 11)
    }

    static func insertPhones(rows: Int) -> String {
        rows == rowsPerStatement ? fullPhoneInsert
            : placeholders("INSERT INTO lead_phones (lead_id, project_id, phone, position) VALUES ", rows: rows, columns: 4)
    }

    static func placeholders(_ prefix: String, rows: Int, columns: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        return prefix + Array(repeating: row, count: rows).joined(separator: ",")
    }

    /// A dialable lead keeps its other columns as an object; a rejected one keeps its whole row
    /// as an array (in the order of the batch's header), for the rejects file.
    private func attributes(of lead: ScrubbedLead) -> String {
        lead.rejection == nil ? JSONText.object(lead.attributes) : JSONText.array(lead.fields)
    }
}
