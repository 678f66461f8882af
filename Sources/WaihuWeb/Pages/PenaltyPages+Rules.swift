import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The penalty and reward rules page: each rule with what books it, on whom, how much and the seed's line; a
/// manager switches a rule off or changes its amounts (a new rule of one's own goes through the API).
extension PenaltyPages {
    struct RuleRow: Encodable {
        var code: String
        var name: String
        var ledger: String
        var subject: String
        var trigger: String
        var amount: String
        var kind: String
        var first: String
        var maximum: String
        var increment: String
        var source: String
        var active: Bool
    }

    static func triggerText(_ trigger: PenaltyTrigger, _ language: Language) -> String {
        let zh = language == .zh
        switch trigger.event {
        case .manual: return zh ? "人工登记" : "Booked by hand"
        case .unqualifiedTicket: return zh ? "不合格工单" : "Unqualified ticket"
        case .finding:
            let names = trigger.categories?.compactMap { FindingCategory(rawValue: $0)?.name.text(language) } ?? []
            return (zh ? "质检问题：" : "Finding: ") + (names.isEmpty ? (zh ? "任意" : "any") : names.joined(separator: zh ? "、" : ", "))
        case .complaint:
            let kinds = trigger.categories?.compactMap { ComplaintKind(rawValue: $0)?.name.text(language) } ?? []
            let channels = trigger.channels?.compactMap { ComplaintChannel(rawValue: $0)?.name.text(language) } ?? []
            var text = zh ? "有效投诉" : "Valid complaint"
            if !kinds.isEmpty { text += (zh ? "：" : ": ") + kinds.joined(separator: zh ? "、" : ", ") }
            if !channels.isEmpty { text += (zh ? "（渠道：" : " (channel: ") + channels.joined(separator: zh ? "、" : ", ") + (zh ? "）" : ")") }
            return text
        }
    }

    static func rules(_ req: Request) async throws -> View { try await rulesPage(req, error: nil) }

    static func rulesPage(_ req: Request, error: String?) async throws -> View {
        let language = req.language
        let user = try req.currentUser()
        let rows = try await PenaltyQueries.rules(on: req.db).map { rule in
            RuleRow(code: rule.code, name: rule.name.text(language), ledger: rule.ledger.name.text(language), subject: rule.subject.name.text(language),
                    trigger: triggerText(rule.trigger, language), amount: rule.amount.text(language, points: rule.ledger.inPoints), kind: rule.amount.kind.rawValue,
                    first: PenaltyAmount.format(rule.amount.amount), maximum: rule.amount.maximum.map(PenaltyAmount.format) ?? "",
                    increment: rule.amount.increment.map(PenaltyAmount.format) ?? "", source: rule.source, active: rule.active)
        }
        struct RulesData: Encodable {
            var rules: [RuleRow]
            var canManage: Bool
        }
        return try await PageRenderer.render("penalty-rules", titleKey: "penalty_rules", data: RulesData(rules: rows, canManage: AccessPolicy.allows(user.role, .managePenaltyRules)),
                                             error: error, for: req)
    }

    /// `active` (on when present), `amount`, and `maximum` or `increment` by the rule's kind of amount.
    static func saveRule(_ req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        return try await FormFlow.submit(req, redirect: "/penalties/rules", action: {
            let fields = try req.content.decode([String: String].self)
            guard var rule = try await PenaltyQueries.rules(on: req.db).first(where: { $0.code == code }) else {
                throw DomainError.notFound(LocalizedText(zh: "奖惩规则 \(code)", en: "penalty rule \(code)"))
            }
            let number = { (name: String) throws -> Double? in
                try FormFlow.optional(fields[name]).map { text in
                    guard let value = Double(text) else { throw DomainError.invalidField(name, zh: "须为数字", en: "a number") }
                    return value
                }
            }
            rule.active = fields["active"] != nil
            if let amount = try number("amount") { rule.amount.amount = amount }
            if rule.amount.kind == .range { rule.amount.maximum = try number("maximum") ?? rule.amount.maximum }
            if rule.amount.kind == .progressive { rule.amount.increment = try number("increment") ?? rule.amount.increment }
            let saved = try await PenaltyQueries.save(rule, by: try req.currentUser().username, at: req.now, on: req.db)
            var event = req.auditEvent("penalty.rule", targetType: "penalty_rule")
            event.targetID = saved.code
            event.detail = "\(saved.name.zh) · \(saved.amount.text(.zh, points: saved.ledger.inPoints))" + (saved.active ? "" : " · 停用")
            try await AuditLog.append(event, at: req.now, on: req.db)
        }, page: { try await rulesPage(req, error: $0) })
    }
}
