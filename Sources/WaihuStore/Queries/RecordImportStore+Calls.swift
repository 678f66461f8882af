import Fluent
import Foundation
import SQLKit
import WaihuCore

extension RecordImportStore {
    /// Stores a chunk of call attempts. The file's `attempt_id` becomes the attempt's external id:
    /// an id already stored (or seen earlier in the file) is left as it is.
    public func calls(_ rows: [(line: Int, record: CallRecord)], into report: inout RecordImportReport) async throws {
        let present = try await existing(rows.map(\.record.attemptID), column: "external_id", in: CallAttemptModel.schema)
        var insert = sql.insert(into: CallAttemptModel.schema).columns(
            "id", "external_id", "project_id", "lead_id", "phone", "agent_id", "started_at", "answered_at", "ended_at",
            "prep_seconds", "talk_seconds", "acw_seconds", "disposition", "test_call", "in_progress")
        var count = 0
        for (line, call) in rows {
            if present.contains(call.attemptID) || seen.contains("call:" + call.attemptID) {
                report.unchanged += 1
                continue
            }
            do {
                let project = try project(call.project)
                guard project.dispositions.contains(call.disposition) else {
                    throw DomainError(.ruleRefused, code: "unknown_disposition",
                                      zh: "项目「\(call.project)」没有结果代码「\(call.disposition)」",
                                      en: "Project \"\(call.project)\" has no disposition \"\(call.disposition)\"")
                }
                let agent = try call.agent.map { number throws(DomainError) in try self.agent(number) }
                let lead = try await lead(call.customerID, project: project.id, code: call.project)
                insert = insert.values(
                    SQLBind(ids.next()), SQLBind(call.attemptID), SQLBind(project.id), SQLBind(lead), SQLBind(call.phone), SQLBind(agent),
                    SQLBind(call.startedAt), SQLBind(call.answeredAt), SQLBind(call.endedAt), SQLBind(call.prepSeconds),
                    SQLBind(call.talkSeconds), SQLBind(call.acwSeconds), SQLBind(call.disposition),
                    SQLLiteral.boolean(false), SQLLiteral.boolean(false))
                seen.insert("call:" + call.attemptID)
                count += 1
            } catch let error as DomainError {
                report.reject(line: line, error)
            }
        }
        if count > 0 {
            let starts = rows.map(\.record.startedAt)
            try await write([insert.query], rows: rows.count, touching: (starts.min()!, starts.max()!))
        }
        report.stored += count
    }

    /// Stores a chunk of orders. An order id already stored takes the file's amount and status when
    /// they differ (an order moves on: approved, shipped, signed), and is unchanged otherwise.
    public func orders(_ rows: [(line: Int, record: OrderRecord)], into report: inout RecordImportReport) async throws {
        let stored = try await sql.select().columns("number", "amount_cents", "status").from(OrderModel.schema)
            .where("number", .in, SQLBind.group(rows.map(\.record.orderID))).all()
        var current: [String: (Int, String)] = [:]
        for row in stored {
            current[try row.decode(column: "number", as: String.self)] =
                (try row.decode(column: "amount_cents", as: Int.self), try row.decode(column: "status", as: String.self))
        }
        let attempts = try await attemptIDs(rows.map(\.record.attemptID))
        var insert = sql.insert(into: OrderModel.schema).columns("id", "number", "attempt_id", "amount_cents", "status", "created_at", "updated_at")
        var statements: [any SQLExpression] = [], updates = 0, count = 0
        for (line, order) in rows {
            if let (amount, status) = current[order.orderID] {
                if amount == order.amountCents && status == order.status.rawValue { report.unchanged += 1 }
                else {
                    statements.append(sql.update(OrderModel.schema).set("amount_cents", to: SQLBind(order.amountCents))
                        .set("status", to: SQLBind(order.status.rawValue)).set("updated_at", to: SQLBind(now))
                        .where("number", .equal, SQLBind(order.orderID)).query)
                    current[order.orderID] = (order.amountCents, order.status.rawValue)
                    updates += 1
                }
                continue
            }
            guard let attempt = attempts[order.attemptID] else {
                report.reject(line: line, DomainError(.notFound, code: "unknown_attempt",
                                                      zh: "没有编号为「\(order.attemptID)」的外拨记录，请先导入外拨记录",
                                                      en: "There is no call attempt \"\(order.attemptID)\"; import the calls first"))
                continue
            }
            insert = insert.values(SQLBind(ids.next()), SQLBind(order.orderID), SQLBind(attempt), SQLBind(order.amountCents),
                                   SQLBind(order.status.rawValue), SQLBind(now), SQLBind(now))
            current[order.orderID] = (order.amountCents, order.status.rawValue)
            count += 1
        }
        if count > 0 { statements.append(insert.query) }
        var days: (Date, Date)?
        if !statements.isEmpty, !attempts.isEmpty {
            let touched = Array(Set(rows.compactMap { attempts[$0.record.attemptID] }))
            let starts = try await sql.select().column("started_at").from(CallAttemptModel.schema).where("id", .in, SQLBind.group(touched)).all()
                .map { try $0.decode(column: "started_at", as: Date.self) }
            if let first = starts.min(), let last = starts.max() { days = (first, last) }
        }
        try await write(statements, rows: rows.count, touching: days)
        report.stored += count
        report.updated += updates
    }

    /// Attempts by the id a file gives them: their external id, or Waihu's own id.
    func attemptIDs(_ keys: [String]) async throws -> [String: UUID] {
        var found: [String: UUID] = [:]
        for row in try await sql.select().columns("id", "external_id").from(CallAttemptModel.schema)
            .where("external_id", .in, SQLBind.group(keys)).all() {
            found[try row.decode(column: "external_id", as: String.self)] = try row.decode(column: "id", as: UUID.self)
        }
        let own = keys.filter { found[$0] == nil }.compactMap(UUID.init(uuidString:))
        if !own.isEmpty {
            for row in try await sql.select().column("id").from(CallAttemptModel.schema).where("id", .in, SQLBind.group(own)).all() {
                let id = try row.decode(column: "id", as: UUID.self)
                found[id.uuidString] = id
                found[id.uuidString.lowercased()] = id
            }
        }
        return found
    }
}
