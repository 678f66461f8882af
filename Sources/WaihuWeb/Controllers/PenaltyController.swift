import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The penalty and reward ledger over HTTP (issue 17): a month's entries, booking by hand, voiding, the rules; and
/// following up review findings (trained, apology call made).
enum PenaltyController {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "penalties", permission: .viewPenalties, surface: .api, use: entries)
        api.endpoint(.POST, "penalties", permission: .bookPenalties, surface: .api, use: book)
        api.endpoint(.POST, "penalties", ":entry", "void", permission: .bookPenalties, surface: .api, use: void)
        api.endpoint(.GET, "penalty-rules", permission: .viewPenalties, surface: .api, use: rules)
        api.endpoint(.PUT, "penalty-rules", ":code", permission: .managePenaltyRules, surface: .api, use: saveRule)
        api.endpoint(.GET, "qa", "findings", permission: .viewReviews, surface: .api, use: findings)
        api.endpoint(.POST, "qa", "findings", ":finding", "trained", permission: .followFindings, surface: .api, use: trained)
        api.endpoint(.POST, "qa", "findings", ":finding", "apology", permission: .followFindings, surface: .api, use: apology)
        PenaltyPages.register(app)
    }

    /// The month asked for (`month=YYYY-MM`), this month by default.
    static func month(_ req: Request) async throws -> String {
        if let month = req.query[String.self, at: "month"], !month.isEmpty { return month }
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        return String(LocalTime(req.now, in: zone).date.description.prefix(7))
    }

    static func entries(_ req: Request) async throws -> [PenaltyReads.Entry] {
        filtered(try await PenaltyReads.entries(month: try await month(req), user: try req.currentUser(), language: req.language, on: req.db), req)
    }

    /// `subject=` keeps one subject's entries (part of its name or number), `ledger=` one ledger's.
    static func filtered(_ entries: [PenaltyReads.Entry], _ req: Request) -> [PenaltyReads.Entry] {
        let subject = req.query[String.self, at: "subject"]?.trimmingWhitespace() ?? ""
        let ledger = req.query[String.self, at: "ledger"] ?? ""
        return entries.filter { (subject.isEmpty || $0.subject.contains(subject)) && (ledger.isEmpty || $0.ledger == ledger) }
    }

    static func book(_ req: Request) async throws -> Response {
        let input = try req.content.decode(PenaltyService.Manual.self)
        let user = try req.currentUser()
        let booked = try await PenaltyService.book(input, user: user, actor: req.auditEvent("penalty.book", targetType: "penalty_rule"), at: req.now, on: req.db)
        let ids = Set(booked.compactMap(\.id))
        var month = booked.first?.month ?? ""
        if month.isEmpty { month = try await Self.month(req) }
        let entries = try await PenaltyReads.entries(month: month, user: user, language: req.language, on: req.db).filter { ids.contains($0.id) }
        return try await entries.encodeResponse(status: .created, for: req)
    }

    struct VoidInput: Content {
        var reason: String
    }

    static func void(_ req: Request) async throws -> PenaltyReads.Entry {
        guard let id = req.parameters.get("entry", as: UUID.self) else { throw DomainError.notFound(LocalizedText(zh: "奖惩记录", en: "penalty entry")) }
        let input = try req.content.decode(VoidInput.self)
        let user = try req.currentUser()
        let entry = try await PenaltyService.void(entry: id, reason: input.reason, user: user, actor: req.auditEvent("penalty.void", targetType: "penalty"),
                                                  at: req.now, on: req.db)
        guard let read = try await PenaltyReads.entries(month: entry.month, user: user, language: req.language, on: req.db).first(where: { $0.id == id }) else {
            throw DomainError.notFound(LocalizedText(zh: "奖惩记录", en: "penalty entry"))
        }
        return read
    }

    static func rules(_ req: Request) async throws -> [PenaltyRule] { try await PenaltyQueries.rules(on: req.db) }

    static func saveRule(_ req: Request) async throws -> PenaltyRule {
        var rule = try req.content.decode(PenaltyRule.self)
        rule.code = req.parameters.get("code") ?? rule.code
        let saved = try await PenaltyQueries.save(rule, by: try req.currentUser().username, at: req.now, on: req.db)
        var event = req.auditEvent("penalty.rule", targetType: "penalty_rule")
        event.targetID = saved.code
        event.detail = "\(saved.name.zh) · \(saved.amount.text(.zh, points: saved.ledger.inPoints))" + (saved.active ? "" : " · 停用")
        try await AuditLog.append(event, at: req.now, on: req.db)
        return saved
    }

    static func findings(_ req: Request) async throws -> [QualityReads.FindingView] {
        try await QualityReads.findings(scope: try req.currentUser().scope, open: req.query[Bool.self, at: "open"] ?? false, on: req.db)
    }

    static func trained(_ req: Request) async throws -> QualityReads.FindingView {
        try await follow(req, .trained, note: "")
    }

    struct ApologyInput: Content {
        var note: String
    }

    static func apology(_ req: Request) async throws -> QualityReads.FindingView {
        try await follow(req, .apology, note: try req.content.decode(ApologyInput.self).note)
    }

    static func follow(_ req: Request, _ step: QualityService.FindingStep, note: String) async throws -> QualityReads.FindingView {
        guard let id = req.parameters.get("finding", as: UUID.self) else { throw DomainError.notFound(LocalizedText(zh: "质检问题", en: "finding")) }
        let user = try req.currentUser()
        _ = try await QualityService.follow(finding: id, step: step, note: note, user: user,
                                            actor: req.auditEvent(step == .trained ? "qa.finding_trained" : "qa.finding_apology", targetType: "qa_finding"),
                                            at: req.now, on: req.db)
        guard let view = try await QualityReads.findings(scope: user.scope, open: false, limit: 100_000, on: req.db).first(where: { $0.id == id }) else {
            throw DomainError.notFound(LocalizedText(zh: "质检问题", en: "finding"))
        }
        return view
    }
}
