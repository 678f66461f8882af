import Fluent
import Foundation
import SQLKit
import WaihuCore

extension RecordImportStore {
    /// Recordings linked to their calls: the same link again unchanged, another location or length updated.
    public func recordings(_ rows: [(line: Int, record: RecordingRecord)], into report: inout RecordImportReport) async throws {
        let attempts = try await attemptIDs(rows.map(\.record.attemptID))
        var current: [UUID: String] = [:]
        let touched = Array(Set(attempts.values))
        if !touched.isEmpty {
            for row in try await sql.select().columns("attempt_id", "location", "duration_seconds").from("recordings")
                .where("attempt_id", .in, SQLBind.group(touched)).all() {
                current[try row.decode(column: "attempt_id", as: UUID.self)] =
                    "\(try row.decode(column: "location", as: String.self))|\(try row.decode(column: "duration_seconds", as: Int.self))"
            }
        }
        var statements: [any SQLExpression] = [], stored = 0, updated = 0
        for (line, recording) in rows {
            guard let attempt = attempts[recording.attemptID] else {
                report.reject(line: line, DomainError(.notFound, code: "unknown_attempt", zh: "没有编号为「\(recording.attemptID)」的外拨记录，请先导入外拨记录",
                                                      en: "There is no call attempt \"\(recording.attemptID)\"; import the calls first"))
                continue
            }
            let value = "\(recording.location)|\(recording.durationSeconds)"
            if let stored = current[attempt] {
                if stored == value { report.unchanged += 1; continue }
                statements.append(sql.update("recordings").set("location", to: SQLBind(recording.location))
                    .set("duration_seconds", to: SQLBind(recording.durationSeconds)).set("linked_at", to: SQLBind(now))
                    .where("attempt_id", .equal, SQLBind(attempt)).query)
                updated += 1
            } else {
                statements.append(sql.insert(into: "recordings").columns("id", "attempt_id", "location", "duration_seconds", "linked_at")
                    .values(SQLBind(ids.next()), SQLBind(attempt), SQLBind(recording.location), SQLBind(recording.durationSeconds), SQLBind(now)).query)
                stored += 1
            }
            current[attempt] = value
        }
        try await write(statements, rows: rows.count, touching: nil)
        report.stored += stored
        report.updated += updated
    }
}
