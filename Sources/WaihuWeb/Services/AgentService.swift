import Fluent
import Foundation
import WaihuCore
import WaihuStore

/// The outcome of an agents file: stored, or refused whole with every bad row listed.
struct AgentImportReport: Codable, Sendable {
    var rows: Int
    var created: Int
    var updated: Int
    var sites_created: Int
    var teams_created: Int
    var rejected: [RowRejection]

    var stored: Bool { rejected.isEmpty }
}

/// Agents: import from a roster file, shared by the API, the page and the CLI.
enum AgentService {
    /// Reads and stores an agents file; a file with any bad row stores nothing.
    static func importRoster(csv text: String, actor: AuditEvent, at now: Date, on db: any Database) async throws -> AgentImportReport {
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
