import Fluent
import Foundation
import SQLKit
import WaihuCore

extension RecordImportStore {
    /// Reviews from another system, by their id there: the same values again unchanged, other values updated; the
    /// days of their calls counted again in the metrics.
    public func reviews(_ rows: [(line: Int, record: ReviewRecord)], into report: inout RecordImportReport) async throws {
        let attempts = try await attemptIDs(rows.map(\.record.attemptID))
        var current: [String: String] = [:]
        for row in try await sql.select().columns("external_id", "score", "grade", "inspector", "scorecard_code").from(QAReviewModel.schema)
            .where("external_id", .in, SQLBind.group(rows.map(\.record.reviewID))).all() {
            current[try row.decode(column: "external_id", as: String.self)] = "\(try row.decode(column: "score", as: Int.self))|"
                + "\(try row.decode(column: "grade", as: String.self))|\(try row.decode(column: "inspector", as: String.self))|"
                + (try row.decode(column: "scorecard_code", as: String.self))
        }
        var statements: [any SQLExpression] = [], stored = 0, updated = 0
        for (line, review) in rows {
            guard let attempt = attempts[review.attemptID] else {
                report.reject(line: line, DomainError(.notFound, code: "unknown_attempt", zh: "没有编号为「\(review.attemptID)」的外拨记录，请先导入外拨记录",
                                                      en: "There is no call attempt \"\(review.attemptID)\"; import the calls first"))
                continue
            }
            let values = "\(review.score)|\(review.grade.rawValue)|\(review.inspector)|\(review.scorecard)"
            let fatal = review.fatal ? "[\"imported\"]" : "[]"
            if let stored = current[review.reviewID] {
                if stored == values { report.unchanged += 1; continue }
                statements.append(sql.update(QAReviewModel.schema).set("score", to: SQLBind(review.score)).set("grade", to: SQLBind(review.grade.rawValue))
                    .set("inspector", to: SQLBind(review.inspector)).set("scorecard_code", to: SQLBind(review.scorecard)).set("fatal", to: SQLBind(fatal))
                    .set("reviewed_at", to: SQLBind(review.reviewedAt)).where("external_id", .equal, SQLBind(review.reviewID)).query)
                updated += 1
            } else {
                statements.append(sql.insert(into: QAReviewModel.schema)
                    .columns("id", "external_id", "attempt_id", "scorecard_code", "scorecard_version", "inspector", "reviewed_at", "score", "grade",
                             "fatal", "marks")
                    .values(SQLBind(ids.next()), SQLBind(review.reviewID), SQLBind(attempt), SQLBind(review.scorecard), SQLBind(-1),
                            SQLBind(review.inspector), SQLBind(review.reviewedAt), SQLBind(review.score), SQLBind(review.grade.rawValue),
                            SQLBind(fatal), SQLBind("{}")).query)
                stored += 1
            }
            current[review.reviewID] = values
        }
        var days: (Date, Date)?
        let touched = Array(Set(rows.compactMap { attempts[$0.record.attemptID] }))
        if !statements.isEmpty, !touched.isEmpty {
            let starts = try await sql.select().column("started_at").from(CallAttemptModel.schema).where("id", .in, SQLBind.group(touched)).all()
                .map { try $0.decode(column: "started_at", as: Date.self) }
            if let first = starts.min(), let last = starts.max() { days = (first, last) }
        }
        try await write(statements, rows: rows.count, touching: days)
        report.stored += stored
        report.updated += updated
    }
}
