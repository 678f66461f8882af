import Fluent
import Foundation
import SQLKit
import SQLiteNIO
import WaihuCore

/// Writes the leads of one batch in multi-row statements; used inside the import's transaction.
public struct LeadWriter {
    public static let rowsPerStatement = 500

    private let sql: any SQLDatabase
    /// SQLite takes plain `SQLiteData` binds: no encoder on the hot path.
    private let sqlite: (any SQLiteDatabase)?
    private let projectID: UUID
    private let batchID: UUID
    private var pending: [ScrubbedLead] = []
    private var ids: TimeOrderedIDs

    public init(database: any Database, projectID: UUID, batchID: UUID) throws {
        guard let sql = database as? any SQLDatabase else { throw WriterError.notSQL }
        self.sql = sql
        self.sqlite = database as? any SQLiteDatabase
        self.projectID = projectID
        self.batchID = batchID
        ids = TimeOrderedIDs(start: Date(), random: UInt64.random(in: .min ... .max))
    }

    public enum WriterError: Error { case notSQL }

    /// A bulk load touches index pages all over the file: give this connection a cache of
    /// 256 MB instead of SQLite's 2 MB so pages are read once.
    public func prepareForBulkLoad() async throws {
        if let sqlite { _ = try await sqlite.query("PRAGMA cache_size = -262144", []) }
    }

    public mutating func add(_ lead: ScrubbedLead) async throws {
        pending.append(lead)
        if pending.count >= Self.rowsPerStatement { try await flush() }
    }

    public mutating func flush() async throws {
        guard !pending.isEmpty else { return }
        let leads = pending
        pending.removeAll(keepingCapacity: true)
        if let sqlite {
            try await flushSQLite(leads, sqlite)
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

    static let leadColumns = "id, project_id, batch_id, line, customer_id, name, region, phone, attributes, rejection, status"

    private mutating func flushSQLite(_ leads: [ScrubbedLead], _ db: any SQLiteDatabase) async throws {
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
        _ = try await db.query(Self.placeholders("INSERT INTO leads (\(Self.leadColumns)) VALUES ", rows: leads.count, columns: 11), binds)
        for start in stride(from: 0, to: phoneBinds.count, by: Self.rowsPerStatement * 4) {
            let slice = Array(phoneBinds[start..<min(start + Self.rowsPerStatement * 4, phoneBinds.count)])
            _ = try await db.query(Self.placeholders("INSERT INTO lead_phones (lead_id, project_id, phone, position) VALUES ",
                                                     rows: slice.count / 4, columns: 4), slice)
        }
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

/// A small JSON writer for string maps: faster than a general encoder on the import's hot path.
public enum JSONText {
    public static func object(_ pairs: [(name: String, value: String)]) -> String {
        var out = "{"
        for (index, pair) in pairs.enumerated() {
            if index > 0 { out += "," }
            append(pair.name, to: &out)
            out += ":"
            append(pair.value, to: &out)
        }
        return out + "}"
    }

    static func append(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    public static func array(_ values: [String]) -> String {
        var out = "["
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            append(value, to: &out)
        }
        return out + "]"
    }

    /// Reads back an array written by `array(_:)`.
    public static func strings(_ json: String) -> [String] {
        guard let data = json.data(using: .utf8), let values = try? JSONSerialization.jsonObject(with: data) as? [String] else { return [] }
        return values
    }
}
