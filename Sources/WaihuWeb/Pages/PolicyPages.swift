import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The contact-policy page (呼叫规则): the organisation's rules in force and their change form,
/// a number check, and the do-not-call list with additions and removals.
enum PolicyPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "policy", permission: .checkPolicy, surface: .page, use: show)
        app.endpoint(.POST, "policy", "rules", permission: .manageContactRules, surface: .page, use: changeRules)
        app.endpoint(.POST, "policy", "holidays", permission: .manageContactRules, surface: .page, use: changeHolidays)
        app.endpoint(.POST, "policy", "dnc", permission: .manageDoNotCall, surface: .page, use: addListing)
        app.endpoint(.POST, "policy", "dnc", "upload", permission: .manageDoNotCall, surface: .page,
                     body: .collect(maxSize: "50mb"), use: uploadListing)
        app.endpoint(.POST, "policy", "dnc", ":entry", "remove", permission: .manageDoNotCall, surface: .page, use: removeListing)
        app.endpoint(.POST, "policy", "dnc", ":entry", "reveal", permission: .revealNumbers, surface: .page, use: revealListing)
    }

    struct Data: Encodable {
        var version: String
        var rules: ContactRules
        var windows: String
        var counting: [AdminPages.Option]
        var capYears: [AdminPages.Option]
        var reasons: [AdminPages.Option]
        var canManageRules: Bool
        var canManageList: Bool
        /// The list's numbers are masked; a caller who may reveal one does so row by row, audited.
        var canReveal: Bool
        /// The weekday hours in force reach outside 09:00–21:00: said beside them.
        var windowsWarning: Bool
        var lookup: String
        var entries: [Row]
        var recent: [Row]
        var holidays: Holidays
        /// Numbers on the list now (removed entries left out).
        var listed: Int
        var page: Int
        var previous: Int?
        var next: Int?
        /// What an upload did.
        var notice: String?
    }

    /// An entry with its times written in the organisation's time zone.
    struct Row: Encodable {
        var entry: DoNotCallDTO
        var sourceName: String
        var addedAt: String
        var expires: String?
        /// Shown masked: a caller who may reveal numbers gets a button for it.
        var masked: Bool
    }

    static func show(_ req: Request) async throws -> View { try await page(req, error: nil) }

    /// `revealed`: the entry of the list shown with its number in full (after its audited reveal). A number
    /// looked up is shown as typed to those who may reveal numbers: they wrote it themselves.
    static let listPage = 50

    static func page(_ req: Request, error: String?, revealed: UUID? = nil, notice: String? = nil) async throws -> View {
        let lang = req.language
        let user = try req.currentUser()
        let reveal = AccessPolicy.allows(user.role, .revealNumbers)
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        func row(_ entry: DoNotCallModel, full: Bool) -> Row {
            Row(entry: DoNotCallDTO(entry, reveal: full, language: lang), sourceName: DoNotCallSource.name(entry.source).text(lang), addedAt: LocalTime(entry.addedAt, in: zone).description,
                expires: entry.expiresAt.map { LocalTime($0, in: zone).date.description }, masked: !full)
        }
        let inForce = try await PolicyQueries.rules(project: nil, on: req.db)
        let lookup = ((try? req.query.get(String.self, at: "phone")) ?? "").trimmingWhitespace()
        var entries: [Row] = []
        var lookupError: String?
        if !lookup.isEmpty {
            do {
                entries = try await DoNotCallService.entries(phone: lookup, on: req.db).map { row($0, full: reveal) }
            } catch let problem as DomainError {
                lookupError = problem.message.text(lang)
            }
        }
        let window = try PageWindow(page: req.query[Int.self, at: "page"], perPage: listPage, defaultPerPage: listPage, maxPerPage: listPage)
        let found = try await DoNotCallModel.query(on: req.db).sort(\.$addedAt, .descending).sort(\.$id)
            .range(window.offset..<(window.offset + listPage + 1)).all()
        let recent = found.prefix(listPage).map { row($0, full: reveal && $0.id != nil && $0.id == revealed) }
        let listed = try await DoNotCallModel.query(on: req.db).filter(\.$removedAt == nil).count()
        let data = Data(
            version: DecisionLabels.ruleVersion(inForce.version).text(lang), rules: inForce.rules,
            windows: (inForce.rules.schedule.weekdays.first ?? []).map(\.description).joined(separator: ", "),
            counting: CallCounting.allCases.map { .init(value: $0.rawValue, label: Strings.text("counting_\($0.rawValue)", lang)) },
            capYears: CapYear.allCases.map { .init(value: $0.rawValue, label: Strings.text("cap_year_\($0.rawValue)", lang)) },
            reasons: DoNotCallReason.allCases.map { .init(value: $0.rawValue, label: $0.name.text(lang)) },
            canManageRules: AccessPolicy.allows(user.role, .manageContactRules),
            canManageList: AccessPolicy.allows(user.role, .manageDoNotCall), canReveal: reveal,
            windowsWarning: inForce.rules.schedule.weekdays.joined().contains { $0.exceeds() },
            lookup: lookup, entries: entries, recent: Array(recent), holidays: holidays(inForce.rules.schedule, language: lang),
            listed: listed, page: window.page, previous: window.page > 1 ? window.page - 1 : nil,
            next: found.count > listPage ? window.page + 1 : nil, notice: notice)
        return try await PageRenderer.render("policy", titleKey: "nav_policy", data: data, error: error ?? lookupError, for: req)
    }

    struct RulesForm: Content {
        var monthly_cap: String
        var cooldown_months: String
        var yearly_cap: String
        var cap_year: String
        var product_interval_months: String
        var product_refusal_limit: String
        var counting: String
        /// The same windows for every day, e.g. `09:00-12:00, 13:30-21:00`.
        var windows: String
    }

    static func changeRules(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/policy", action: {
            let form = try req.content.decode(RulesForm.self)
            var changes = ContactRuleOverrides()
            changes.monthlyCap = try LeadPages.number(form.monthly_cap, "monthly_cap")
            changes.cooldownMonths = try LeadPages.number(form.cooldown_months, "cooldown_months")
            changes.yearlyCap = try LeadPages.number(form.yearly_cap, "yearly_cap")
            changes.capYear = CapYear(rawValue: form.cap_year)
            changes.productIntervalMonths = try LeadPages.number(form.product_interval_months, "product_interval_months")
            changes.productRefusalLimit = try LeadPages.number(form.product_refusal_limit, "product_refusal_limit")
            changes.counting = CallCounting(rawValue: form.counting)
            let windows = try form.windows.split(separator: ",").map { text throws(DomainError) in try CallingWindow(String(text)) }
            let current = try await PolicyQueries.rules(project: nil, on: req.db).rules.schedule
            changes.schedule = CallingSchedule(weekdays: Array(repeating: windows, count: 7), holidays: [:])
            changes.schedule?.holidays = current.holidays
            changes.schedule?.workingDays = current.workingDays
            _ = try await PolicyService.change(changes, project: nil, actor: req.auditEvent("policy.rules", targetType: "organisation"),
                                               at: req.now, on: req.db)
        }, page: { try await page(req, error: $0) })
    }

    struct ListingForm: Content {
        var phone: String
        var reason: String
        var product: String?
        var expires_on: String?
    }

    static func addListing(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/policy", action: {
            let form = try req.content.decode(ListingForm.self)
            var expiry: Date?
            if let text = FormFlow.optional(form.expires_on) {
                guard let date = LocalDate(text) else {
                    throw DomainError.invalidField("expires_on", zh: "日期须写成 2027-05-25", en: "write the date as 2027-05-25")
                }
                let zone = try await OrganisationQueries.timeZone(on: req.db)
                expiry = LocalTime.instant(date, in: zone)
            }
            _ = try await DoNotCallService.add(.init(phone: form.phone, reason: form.reason, product: form.product, expiresAt: expiry),
                                               actor: req.auditEvent("dnc.add", targetType: "dnc"), at: req.now, on: req.db)
        }, page: { try await page(req, error: $0) })
    }

    struct RemovalForm: Content {
        var reason: String
    }

    static func removeListing(_ req: Request) async throws -> Response {
        try await FormFlow.submit(req, redirect: "/policy", action: {
            guard let id = req.parameters.get("entry", as: UUID.self) else {
                throw DomainError.notFound(LocalizedText(zh: "禁止呼叫名单条目", en: "do-not-call entry"))
            }
            _ = try await DoNotCallService.remove(id, reason: try req.content.decode(RemovalForm.self).reason,
                                                  actor: req.auditEvent("dnc.remove", targetType: "dnc"), at: req.now, on: req.db)
        }, page: { try await page(req, error: $0) })
    }

    /// One number of the list in full, written to the audit log first.
    static func revealListing(_ req: Request) async throws -> View {
        guard let id = req.parameters.get("entry", as: UUID.self), let entry = try await DoNotCallModel.find(id, on: req.db) else {
            throw DomainError.notFound(LocalizedText(zh: "禁止呼叫名单条目", en: "do-not-call entry"))
        }
        try await req.audit("dnc.reveal", targetType: "dnc", targetID: id.uuidString, detail: "source=\(entry.source)")
        return try await page(req, error: nil, revealed: id)
    }
}
