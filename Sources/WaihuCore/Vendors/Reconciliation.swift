import Foundation

/// A statement's state (E-15, and the issue's draft → reconciled → approved → paid).
public enum StatementStatus: String, Sendable, Codable, CaseIterable {
    case draft, reconciled, approved, paid

    public var name: LocalizedText {
        switch self {
        case .draft: LocalizedText(zh: "草稿", en: "Draft")
        case .reconciled: LocalizedText(zh: "已对账", en: "Reconciled")
        case .approved: LocalizedText(zh: "已审批", en: "Approved")
        case .paid: LocalizedText(zh: "已支付", en: "Paid")
        }
    }
}

/// One project's reconciliation (对账, RULES E-08): the vendor's own count against Waihu's billable one.
public struct ReconciliationLine: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        /// Within the tolerance: Waihu's count stands.
        case accepted
        /// Beyond it: a manager settles the line before the statement can be approved.
        case disputed
        /// A manager settled it, at `settledUnits`, with a reason.
        case settled

        public var name: LocalizedText {
            switch self {
            case .accepted: LocalizedText(zh: "已认可", en: "Accepted")
            case .disputed: LocalizedText(zh: "有争议", en: "Disputed")
            case .settled: LocalizedText(zh: "已裁定", en: "Settled")
            }
        }
    }

    public var project: UUID
    public var waihu: Int
    public var vendor: Int
    public var tolerance: Int
    public var outcome: Outcome
    public var settledUnits: Int?
    public var reason: String?
    public var settledBy: String?

    public var difference: Int { vendor - waihu }
    /// The units paid: Waihu's count unless a manager settled on another.
    public var paidUnits: Int { outcome == .settled ? settledUnits ?? waihu : waihu }
}

public enum Reconciliation {
    /// The lines of the vendor's submitted counts: each project of the statement needs one; a negative count, or a
    /// count for a project the vendor did not work in the month, is refused.
    public static func lines(statement: SettlementStatement, counts: [UUID: Int], contract: VendorContract,
                             names: [UUID: String]) throws(DomainError) -> [ReconciliationLine] {
        let projects = statement.lines.map(\.project).reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        if let (project, _) = counts.first(where: { !projects.contains($0.key) }) {
            throw DomainError(.ruleRefused, code: "project_not_worked",
                              zh: "本月结算单中没有项目“\(names[project] ?? project.uuidString)”：该外呼公司本月未做此项目",
                              en: "The project \(names[project] ?? project.uuidString) is not on this month's statement: the vendor did not work it")
        }
        if let (project, count) = counts.first(where: { $0.value < 0 }) {
            throw DomainError.invalidField("count", zh: "项目“\(names[project] ?? "")”的数量不能为负数（\(count)）",
                                           en: "The count for \(names[project] ?? "the project") cannot be negative (\(count))")
        }
        return try projects.map { project throws(DomainError) in
            guard let count = counts[project] else {
                throw DomainError.invalidField("count", zh: "请填写项目“\(names[project] ?? "")”的数量", en: "Give the count for \(names[project] ?? "every project")")
            }
            let waihu = statement.billable(project: project)
            let tolerance = contract.tolerance(waihu: waihu)
            return ReconciliationLine(project: project, waihu: waihu, vendor: count, tolerance: tolerance,
                                      outcome: abs(count - waihu) <= tolerance ? .accepted : .disputed)
        }
    }

    /// A manager settles a disputed line at a count between or at the two, with a reason.
    public static func settle(_ line: ReconciliationLine, units: Int, reason: String, by user: String) throws(DomainError) -> ReconciliationLine {
        guard line.outcome == .disputed else {
            throw DomainError(.conflict, code: "line_not_disputed", zh: "这一行没有争议，无需裁定", en: "This line is not disputed")
        }
        let reason = reason.trimmingWhitespace()
        guard !reason.isEmpty else { throw DomainError.invalidField("reason", zh: "请写明裁定理由", en: "Give the reason for the settlement") }
        guard units >= 0 else { throw DomainError.invalidField("units", zh: "裁定数量不能为负数", en: "The settled count cannot be negative") }
        var settled = line
        settled.outcome = .settled
        settled.settledUnits = units
        settled.reason = reason
        settled.settledBy = user
        return settled
    }

    /// What settled lines add to (or take from) the statement: (settled − Waihu's) units × the project's price.
    public static func adjustmentFen(_ lines: [ReconciliationLine], statement: SettlementStatement) -> Int {
        lines.reduce(0) { $0 + ($1.paidUnits - $1.waihu) * statement.adjustmentPrice(project: $1.project) }
    }

    /// Why a statement cannot be approved now, or nil.
    public static func approvalRefusal(status: StatementStatus, lines: [ReconciliationLine], statement: SettlementStatement,
                                       provisional: Bool) -> DomainError? {
        let disputed = lines.filter { $0.outcome == .disputed }.count
        if disputed > 0 {
            return DomainError(.ruleRefused, code: "disputed_lines", zh: "还有 \(disputed) 行对账争议未裁定", en: "\(disputed) disputed line(s) are not settled yet")
        }
        if status != .reconciled {
            return status == .draft
                ? DomainError(.ruleRefused, code: "not_reconciled", zh: "外呼公司尚未提交对账数量，不能审批", en: "The vendor has not submitted its counts yet")
                : DomainError(.conflict, code: "statement_state", zh: "结算单当前为“\(status.name.zh)”，不能审批", en: "The statement is \(status.name.en.lowercased()) and cannot be approved")
        }
        if statement.unpricedUnits > 0 {
            return DomainError(.ruleRefused, code: "unpriced_units",
                               zh: "有 \(statement.unpricedUnits) 个计费量没有已批准的单价，请先批准价格表并重新计算",
                               en: "\(statement.unpricedUnits) billable unit(s) have no approved price; approve a price list and compute again")
        }
        if provisional {
            return DomainError(.ruleRefused, code: "provisional",
                               zh: "专业代理的佣金在任务完成后结算，本结算单为暂估", en: "A specialised agent is settled once its task is complete; this statement is provisional")
        }
        return nil
    }

    /// The status once the vendor's counts are in: reconciled when nothing is disputed.
    public static func status(after lines: [ReconciliationLine]) -> StatementStatus {
        lines.contains { $0.outcome == .disputed } ? .draft : .reconciled
    }
}
