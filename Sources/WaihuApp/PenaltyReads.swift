import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The penalty and reward ledger as its pages, API and payroll download read it: a month's entries within the
/// caller's scope, and their totals per subject and ledger (voided entries shown, never counted).
package enum PenaltyReads {
    package struct Entry: Codable, Sendable {
        package var id: UUID
        package var rule: String
        package var rule_name: String
        package var ledger: String
        package var ledger_name: String
        package var subject_kind: String
        package var subject: String
        package var month: String
        package var amount: Double
        /// `CNY` or `points`.
        package var unit: String
        package var occurrence: Int
        package var occurred_at: Date
        package var booked_at: Date
        package var booked_by: String
        package var source: String
        package var attempt_id: UUID?
        /// The review behind an entry booked from a review or one of its findings.
        package var review_id: UUID?
        package var evidence: String
        package var voided_at: Date?
        package var voided_by: String?
        package var void_reason: String?
    }

    package struct Total: Codable, Sendable, Equatable {
        package var subject_kind: String
        package var subject: String
        package var ledger: String
        package var ledger_name: String
        package var entries: Int
        package var amount: Double
        package var unit: String
    }

    package static func entries(month: String, user: CurrentUser, language: Language, on db: any Database) async throws -> [Entry] {
        guard month.range(of: "^[0-9]{4}-(0[1-9]|1[0-2])$", options: .regularExpression) != nil else {
            throw DomainError.invalidField("month", zh: "月份格式为 YYYY-MM", en: "a month is YYYY-MM")
        }
        let models = try await PenaltyQueries.entries(month: month, scope: user.scope, supervisor: user.id, on: db)
        let findingIDs = models.filter { $0.source == "finding" }.compactMap { $0.sourceID.flatMap(UUID.init(uuidString:)) }
        let findings = findingIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await QAFindingModel.query(on: db)
            .filter(\.$id ~~ Set(findingIDs)).all().compactMap { f in f.id.map { ($0, f.reviewID) } })
        return models.compactMap { model in
            guard let id = model.id else { return nil }
            let source = model.sourceID.flatMap(UUID.init(uuidString:))
            let review = model.source == "review" ? source : model.source == "finding" ? source.flatMap { findings[$0] } : nil
            let ledger = PenaltyLedger(rawValue: model.ledger)
            return Entry(id: id, rule: model.ruleCode, rule_name: language == .zh ? model.ruleNameZh : model.ruleNameEn, ledger: model.ledger,
                         ledger_name: ledger?.name.text(language) ?? model.ledger, subject_kind: model.subjectKind, subject: model.subjectName,
                         month: model.month, amount: model.amount, unit: ledger?.inPoints == true ? "points" : "CNY", occurrence: model.occurrence,
                         occurred_at: model.occurredAt, booked_at: model.bookedAt, booked_by: model.bookedBy, source: model.source,
                         attempt_id: model.attemptID, review_id: review, evidence: model.evidence, voided_at: model.voidedAt, voided_by: model.voidedBy,
                         void_reason: model.voidReason)
        }
    }

    /// Live entries summed per subject and ledger, subjects in the order agent, supervisor, team, site, vendor.
    package static func totals(_ entries: [Entry]) -> [Total] {
        let live = entries.filter { $0.voided_at == nil }
        let groups = Dictionary(grouping: live) { "\($0.subject_kind)\u{1}\($0.subject)\u{1}\($0.ledger)" }
        let order = Dictionary(uniqueKeysWithValues: PenaltySubject.allCases.enumerated().map { ($1.rawValue, $0) })
        return groups.values.map { group in
            let first = group[0]
            return Total(subject_kind: first.subject_kind, subject: first.subject, ledger: first.ledger, ledger_name: first.ledger_name,
                         entries: group.count, amount: group.reduce(0) { $0 + $1.amount }, unit: first.unit)
        }.sorted { (order[$0.subject_kind] ?? 9, $0.subject, $0.ledger) < (order[$1.subject_kind] ?? 9, $1.subject, $1.ledger) }
    }

    /// The month's ledger for payroll: the totals, then every entry (voided ones marked), one sheet each.
    package static func workbook(month: String, entries: [Entry], zone: TimeZone, language: Language) -> ReportTable {
        let zh = language == .zh
        let kind = { (raw: String) in PenaltySubject(rawValue: raw)?.name.text(language) ?? raw }
        let unit = { (raw: String) in raw == "points" ? (zh ? "分" : "points") : (zh ? "元" : "CNY") }
        let totalsHeader = (zh ? ["对象类型", "对象", "台账", "笔数", "合计", "单位"] : ["Subject kind", "Subject", "Ledger", "Entries", "Total", "Unit"])
            .map { ReportTable.Cell.text($0) }
        let totals = [totalsHeader] + Self.totals(entries).map { total -> [ReportTable.Cell] in
                [.text(kind(total.subject_kind)), .text(total.subject), .text(total.ledger_name), .number(Double(total.entries)), .number(total.amount),
                 .text(unit(total.unit))]
            }
        let header = (zh ? ["发生时间", "对象类型", "对象", "规则", "台账", "金额", "单位", "第几宗", "依据", "登记人", "撤销"]
                         : ["Occurred", "Subject kind", "Subject", "Rule", "Ledger", "Amount", "Unit", "Occurrence", "Evidence", "Booked by", "Voided"])
            .map { ReportTable.Cell.text($0) }
        let lines: [[ReportTable.Cell]] = entries.map { entry in
            [.text(LocalTime(entry.occurred_at, in: zone).description), .text(kind(entry.subject_kind)), .text(entry.subject), .text(entry.rule_name),
             .text(entry.ledger_name), .number(entry.amount), .text(unit(entry.unit)), .number(Double(entry.occurrence)), .text(entry.evidence),
             .text(entry.booked_by), .text(entry.voided_at == nil ? "" : "\(entry.voided_by ?? "")：\(entry.void_reason ?? "")")]
        }
        return ReportTable(sheets: [ReportTable.Sheet(name: zh ? "\(month) 汇总" : "\(month) totals", rows: totals),
                                    ReportTable.Sheet(name: zh ? "\(month) 明细" : "\(month) entries", rows: [header] + lines)])
    }
}
