import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The outcome of an agents file: stored, or refused whole with every bad row listed.
package struct AgentImportReport: Codable, Sendable {
    package var rows: Int
    package var created: Int
    package var updated: Int
    package var sites_created: Int
    package var teams_created: Int
    package var rejected: [RowRejection]

    /// Whether the file was stored: a file with any bad row stores nothing.
    package var stored: Bool { rejected.isEmpty }

    private enum CodingKeys: String, CodingKey {
        case stored, rows, created, updated, sites_created, teams_created, rejected
    }

    package init(rows: Int, created: Int, updated: Int, sites_created: Int, teams_created: Int, rejected: [RowRejection]) {
        self.rows = rows
        self.created = created
        self.updated = updated
        self.sites_created = sites_created
        self.teams_created = teams_created
        self.rejected = rejected
    }

    package init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rows: try values.decode(Int.self, forKey: .rows), created: try values.decode(Int.self, forKey: .created),
                  updated: try values.decode(Int.self, forKey: .updated),
                  sites_created: try values.decode(Int.self, forKey: .sites_created),
                  teams_created: try values.decode(Int.self, forKey: .teams_created),
                  rejected: try values.decode([RowRejection].self, forKey: .rejected))
    }

    package func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(stored, forKey: .stored)
        try values.encode(rows, forKey: .rows)
        try values.encode(created, forKey: .created)
        try values.encode(updated, forKey: .updated)
        try values.encode(sites_created, forKey: .sites_created)
        try values.encode(teams_created, forKey: .teams_created)
        try values.encode(rejected, forKey: .rejected)
    }
}

/// Agents: import from a roster file, shared by the API, the page and the CLI.
package enum AgentService {
    /// Reads and stores an agents file; a file with any bad row stores nothing.
    package static func importRoster(csv text: String, actor: AuditEvent, at now: Date, on db: any Database) async throws -> AgentImportReport {
        let text = text.replacingBOM()
        let result = try AgentRoster.read(CSVParser.records(text, delimiter: CSVParser.delimiter(guessingFrom: text)))
        var report = AgentImportReport(rows: result.rows.count + result.rejections.count, created: 0, updated: 0,
                                       sites_created: 0, teams_created: 0, rejected: result.rejections)
        guard result.rejections.isEmpty else { return report }
        guard !result.rows.isEmpty else {
            throw DomainError(.badInput, code: "no_rows", zh: "文件没有数据行", en: "The file has no data rows")
        }
        let counts = try await StoreTransaction.write(db) { tx in
            let counts = try await AgentQueries.importRoster(result.rows, on: tx)
            var event = actor
            event.detail = "rows=\(result.rows.count) created=\(counts.created) updated=\(counts.updated)"
            try await AuditLog.append(event, at: now, on: tx)
            return counts
        }
        report.created = counts.created
        report.updated = counts.updated
        report.sites_created = counts.sitesCreated
        report.teams_created = counts.teamsCreated
        return report
    }
}
