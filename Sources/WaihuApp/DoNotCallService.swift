import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Loading numbers onto the do-not-call list from a file (`phone`, optional `reason`).
package enum DoNotCallService {
    package struct Report: Codable, Sendable {
        package var rows = 0
        package var added = 0
        package var rejected: [RowRejection] = []
    }

    package static let aliases: [String: [String]] = [
        "phone": CustomerColumns.aliases[.phone] ?? [],
        "reason": ["原因", "类型"],
    ]

    package static func importFile(at path: String, actor: AuditEvent, now: Date, on db: any Database) async throws -> Report {
        var report = Report()
        var entries: [(phone: String, reason: String)] = []
        var map: HeaderMap?
        _ = try await CustomerFile(path: path).forEachRecord { record in
            guard let columns = map else {
                let header = HeaderMap(header: record.fields, aliases: aliases)
                guard header.missing(["phone"]).isEmpty else {
                    throw DomainError(.badInput, code: "no_phone_column", zh: "表头缺少 phone（手机号）列", en: "The header lacks a phone column")
                }
                map = header
                return
            }
            report.rows += 1
            let line = record.line
            guard let reason = DoNotCallReason.parse(columns.value("reason", in: record.fields)) else {
                report.rejected.append(RowRejection(line: line, code: "invalid_reason", reason: LocalizedText(
                    zh: "第 \(line) 行：原因须为投诉、拒绝来电、恶意骚扰、特殊客户或法律要求（也可写 complaint、refused_calls、harassment、special、legal）",
                    en: "line \(line): the reason must be complaint, refused_calls, harassment, special or legal")))
                return
            }
            switch PhoneParser.parse(columns.value("phone", in: record.fields) ?? "") {
            case .success(let number):
                entries.append((number.digits, reason.rawValue))
            case .failure(let problem):
                report.rejected.append(RowRejection(line: line, code: problem.code, reason: LocalizedText(
                    zh: "第 \(line) 行：\(problem.message.zh)", en: "line \(line): \(problem.message.en)")))
            }
        }
        guard !entries.isEmpty else {
            throw DomainError(.badInput, code: "nothing_stored", zh: "文件中没有可加入名单的号码", en: "The file has no number that could be listed")
        }
        let stored = entries
        let detail = "added=\(stored.count) rejected=\(report.rejected.count)"
        // A plain transaction: its first statement is already a write (after the bulk-load settings, which must
        // come before SQLite's write lock), so it waits its turn without `StoreTransaction`.
        try await db.transaction { tx in
            try await DoNotCallQueries.add(stored, source: "import", addedBy: actor.actorName, at: now, expiresAt: nil, on: tx)
            var event = actor
            event.detail = detail
            try await AuditLog.append(event, at: now, on: tx)
        }
        report.added = entries.count
        return report
    }
}
