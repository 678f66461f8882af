import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The penalty and reward ledger pages (奖惩台账, issue 17): `/penalties?month=` — a month's totals per subject and
/// every entry within the caller's scope, the form to book by hand, voiding, the XLSX for payroll; `/penalties/rules`
/// — the rules with their seed, switched on or off and their amounts changed.
enum PenaltyPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "penalties", permission: .viewPenalties, surface: .page, use: ledger)
        app.endpoint(.POST, "penalties", permission: .bookPenalties, surface: .page, use: book)
        app.endpoint(.POST, "penalties", ":entry", "void", permission: .bookPenalties, surface: .page, use: void)
        app.endpoint(.GET, "penalties", "rules", permission: .viewPenalties, surface: .page, use: rules)
        app.endpoint(.POST, "penalties", "rules", ":code", permission: .managePenaltyRules, surface: .page, use: saveRule)
    }

    struct EntryRow: Encodable {
        var id: String
        var at: String
        var subject: String
        var rule: String
        var ledger: String
        var amount: String
        var occurrence: Int
        var evidence: String
        var bookedBy: String
        var voided: String
        var review: String?
    }

    struct TotalRow: Encodable {
        var subject: String
        var ledger: String
        var entries: Int
        var amount: String
    }

    struct LedgerData: Encodable {
        var month: String
        var totals: [TotalRow]
        var entries: [EntryRow]
        var canBook: Bool
        var manualRules: [AdminPages.Option]
        var form: [String: String]
        var query: String
        var subject: String
        var ledger: String
        var ledgers: [AdminPages.Option]
    }

    static func amount(_ value: Double, unit: String, _ language: Language) -> String {
        unit == "points" ? PenaltyAmount.format(value) + (language == .zh ? " 分" : " pt") : "¥" + PenaltyAmount.format(value)
    }

    static func ledger(_ req: Request) async throws -> Response { try await ledgerPage(req, error: nil, form: [:]) }

    static func ledgerPage(_ req: Request, error: String?, form: [String: String]) async throws -> Response {
        let language = req.language
        let user = try req.currentUser()
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        let month = try await PenaltyController.month(req)
        let entries = PenaltyController.filtered(try await PenaltyReads.entries(month: month, user: user, language: language, on: req.db), req)
        if req.query[String.self, at: "format"] == "xlsx" {
            return Download.xlsx(try XLSXWriter.workbook(PenaltyReads.workbook(month: month, entries: entries, zone: zone, language: language)),
                                 named: "penalties-\(month)")
        }
        let kind = { (raw: String) in PenaltySubject(rawValue: raw)?.name.text(language) ?? raw }
        let canBook = AccessPolicy.allows(user.role, .bookPenalties)
        let rules = canBook ? try await PenaltyQueries.rules(on: req.db).filter { $0.active && $0.trigger.event == .manual } : []
        var typed = form
        if typed["occurred_on"] == nil { typed["occurred_on"] = LocalTime(req.now, in: zone).date.description }
        let data = LedgerData(
            month: month,
            totals: PenaltyReads.totals(entries).map { total in
                TotalRow(subject: "\(kind(total.subject_kind)) \(total.subject)", ledger: total.ledger_name, entries: total.entries,
                         amount: amount(total.amount, unit: total.unit, language))
            },
            entries: entries.map { entry in
                EntryRow(id: entry.id.uuidString, at: LocalTime(entry.occurred_at, in: zone).description,
                         subject: "\(kind(entry.subject_kind)) \(entry.subject)", rule: entry.rule_name, ledger: entry.ledger_name,
                         amount: amount(entry.amount, unit: entry.unit, language), occurrence: entry.occurrence, evidence: entry.evidence,
                         bookedBy: entry.booked_by,
                         voided: entry.voided_at.map { "\(entry.voided_by ?? "") · \(LocalTime($0, in: zone).description)：\(entry.void_reason ?? "")" } ?? "",
                         review: entry.review_id.map { "/qa/reviews/\($0.uuidString)" })
            },
            canBook: canBook,
            manualRules: rules.map { rule in
                .init(value: rule.code, label: "\(rule.name.text(language))（\(rule.ledger.name.text(language)) \(rule.amount.text(language, points: rule.ledger.inPoints))）")
            },
            form: typed, query: ["month=\(month)", FormFlow.query(req, ["subject", "ledger"])].filter { !$0.isEmpty }.joined(separator: "&"),
            subject: req.query[String.self, at: "subject"] ?? "", ledger: req.query[String.self, at: "ledger"] ?? "",
            ledgers: PenaltyLedger.allCases.map { .init(value: $0.rawValue, label: $0.name.text(language)) })
        let view = try await PageRenderer.render("penalties", titleKey: "nav_penalties", data: data, error: error, for: req)
        return try await view.encodeResponse(for: req)
    }

    static func book(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        let month = try await PenaltyController.month(req)
        do {
            let amount = try FormFlow.optional(fields["amount"]).map { text throws -> Double in
                guard let value = Double(text) else { throw DomainError.invalidField("amount", zh: "金额须为数字", en: "the amount is a number") }
                return value
            }
            let input = PenaltyService.Manual(rule: fields["rule"] ?? "", agent: FormFlow.optional(fields["agent"]), site: FormFlow.optional(fields["site"]),
                                              amount: amount, evidence: fields["evidence"] ?? "", attempt_id: nil, occurred_on: FormFlow.optional(fields["occurred_on"]))
            let booked = try await PenaltyService.book(input, user: try req.currentUser(), actor: req.auditEvent("penalty.book", targetType: "penalty_rule"),
                                                       at: req.now, on: req.db)
            return req.redirect(to: "/penalties?month=\(booked.first?.month ?? month)&notice=saved")
        } catch let error as DomainError {
            let response = try await ledgerPage(req, error: error.message.text(req.language), form: fields)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    static func void(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("entry", as: UUID.self) else { throw DomainError.notFound(LocalizedText(zh: "奖惩记录", en: "penalty entry")) }
        let month = try await PenaltyController.month(req)
        do {
            let reason = try req.content.decode([String: String].self)["reason"] ?? ""
            _ = try await PenaltyService.void(entry: id, reason: reason, user: try req.currentUser(), actor: req.auditEvent("penalty.void", targetType: "penalty"),
                                              at: req.now, on: req.db)
            return req.redirect(to: "/penalties?month=\(month)&notice=saved")
        } catch let error as DomainError {
            let response = try await ledgerPage(req, error: error.message.text(req.language), form: [:])
            response.status = ErrorTranslation.status(error)
            return response
        }
    }
}
