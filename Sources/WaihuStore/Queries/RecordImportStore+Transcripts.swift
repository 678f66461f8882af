import Fluent
import Foundation
import SQLKit
import WaihuCore

extension RecordImportStore {
    /// Transcript turns: by the call's external id or Waihu's own; a turn already stored with the same text is
    /// unchanged, with another text updated; the calls touched are checked for forbidden phrases again.
    public func transcripts(_ rows: [(line: Int, record: TranscriptRecord)], into report: inout RecordImportReport) async throws {
        let attempts = try await attemptIDs(rows.map(\.record.attemptID))
        let touched = Array(Set(attempts.values))
        var current: [String: String] = [:]
        if !touched.isEmpty {
            for row in try await sql.select().columns("attempt_id", "speaker", "start_ms", "text").from("transcript_segments")
                .where("attempt_id", .in, SQLBind.group(touched)).all() {
                let key = "\(try row.decode(column: "attempt_id", as: UUID.self))|\(try row.decode(column: "speaker", as: String.self))|"
                    + "\(try row.decode(column: "start_ms", as: Int.self))"
                current[key] = try row.decode(column: "text", as: String.self)
            }
        }
        var statements: [any SQLExpression] = [], stored = 0, updated = 0
        for (line, turn) in rows {
            guard let attempt = attempts[turn.attemptID] else {
                report.reject(line: line, DomainError(.notFound, code: "unknown_attempt", zh: "没有编号为「\(turn.attemptID)」的外拨记录，请先导入外拨记录",
                                                      en: "There is no call attempt \"\(turn.attemptID)\"; import the calls first"))
                continue
            }
            let key = "\(attempt)|\(turn.speaker.rawValue)|\(turn.startMs)"
            if let text = current[key] {
                if text == turn.text { report.unchanged += 1; continue }
                statements.append(sql.update("transcript_segments").set("text", to: SQLBind(turn.text)).set("end_ms", to: SQLBind(turn.endMs))
                    .where("attempt_id", .equal, SQLBind(attempt)).where("speaker", .equal, SQLBind(turn.speaker.rawValue))
                    .where("start_ms", .equal, SQLBind(turn.startMs)).query)
                updated += 1
            } else {
                statements.append(sql.insert(into: "transcript_segments").columns("id", "attempt_id", "speaker", "start_ms", "end_ms", "text")
                    .values(SQLBind(ids.next()), SQLBind(attempt), SQLBind(turn.speaker.rawValue), SQLBind(turn.startMs), SQLBind(turn.endMs),
                            SQLBind(turn.text)).query)
                stored += 1
            }
            current[key] = turn.text
        }
        try await write(statements, rows: rows.count, touching: nil)
        report.stored += stored
        report.updated += updated
        if !statements.isEmpty {
            // The check writes its findings in transactions of its own: the turns go in first.
            try await commit()
            try await PhraseQueries.recheck(touched, on: db)
        }
    }
}
