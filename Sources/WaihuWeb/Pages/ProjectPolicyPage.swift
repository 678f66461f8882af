import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// A project's own contact rules (项目呼叫频次规则): each rule beside the organisation's, left blank to follow
/// it; calling hours outside 09:00–21:00 are warned about. Saving replaces the project's overrides with what
/// the form holds, as a new audited version. `/projects/{code}/policy`.
enum ProjectPolicyPage {
    static func register(_ app: Application) {
        app.endpoint(.GET, "projects", ":id", "policy", permission: .checkPolicy, surface: .page, use: show)
        app.endpoint(.POST, "projects", ":id", "policy", permission: .manageContactRules, surface: .page, use: save)
    }

    struct Rule: Encodable {
        var name: String
        var label: String
        var organisation: String
        /// The project's own value; empty when it follows the organisation.
        var own: String
        var kind: String
        var options: [AdminPages.Option]
    }

    struct Data: Encodable {
        var code: String
        var projectName: String
        var version: String
        var rules: [Rule]
        var canManage: Bool
        var windowsWarning: Bool
    }

    static func show(_ req: Request) async throws -> View { try await page(req, error: nil, form: nil) }

    static func page(_ req: Request, error: String?, form: Form?) async throws -> View {
        let lang = req.language
        let record = try await ProjectController.find(req)
        let organisation = try await PolicyQueries.rules(project: nil, on: req.db).rules
        let inForce = try await PolicyQueries.rules(project: try record.project.requireID(), on: req.db)
        let own = try await PolicyQueries.overrides(project: try record.project.requireID(), on: req.db)
        func windows(_ schedule: CallingSchedule) -> String { (schedule.weekdays.first ?? []).map(\.description).joined(separator: ", ") }
        let counting = CallCounting.allCases.map { AdminPages.Option(value: $0.rawValue, label: Strings.text("counting_\($0.rawValue)", lang)) }
        let capYears = CapYear.allCases.map { AdminPages.Option(value: $0.rawValue, label: Strings.text("cap_year_\($0.rawValue)", lang)) }
        func label(_ options: [AdminPages.Option], _ value: String) -> String { options.first { $0.value == value }?.label ?? value }
        func rule(_ name: String, _ organisation: String, _ own: String?, typed: String?, kind: String = "number",
                  options: [AdminPages.Option] = []) -> Rule {
            Rule(name: name, label: Strings.text(name, lang), organisation: kind == "select" ? label(options, organisation) : organisation,
                 own: typed ?? own ?? "", kind: kind, options: options)
        }
        let rules = [
            rule("monthly_cap", String(organisation.monthlyCap), own.monthlyCap.map(String.init), typed: form?.monthly_cap),
            rule("cooldown_months", String(organisation.cooldownMonths), own.cooldownMonths.map(String.init), typed: form?.cooldown_months),
            rule("yearly_cap", String(organisation.yearlyCap), own.yearlyCap.map(String.init), typed: form?.yearly_cap),
            rule("cap_year", organisation.capYear.rawValue, own.capYear?.rawValue, typed: form?.cap_year, kind: "select", options: capYears),
            rule("product_interval_months", String(organisation.productIntervalMonths), own.productIntervalMonths.map(String.init),
                 typed: form?.product_interval_months),
            rule("product_refusal_limit", String(organisation.productRefusalLimit), own.productRefusalLimit.map(String.init),
                 typed: form?.product_refusal_limit),
            rule("counting", organisation.counting.rawValue, own.counting?.rawValue, typed: form?.counting, kind: "select", options: counting),
            rule("windows", windows(organisation.schedule), own.schedule.map(windows), typed: form?.windows, kind: "text"),
        ]
        let data = Data(code: record.project.code, projectName: record.project.name,
                        version: DecisionLabels.ruleVersion(inForce.version).text(lang), rules: rules,
                        canManage: AccessPolicy.allows(try req.currentUser().role, .manageContactRules),
                        windowsWarning: inForce.rules.schedule.weekdays.joined().contains { $0.exceeds() })
        return try await PageRenderer.render("project-policy", titleKey: "project_rules", data: data, error: error, for: req)
    }

    /// Every field as typed; an empty one follows the organisation.
    struct Form: Content {
        var monthly_cap: String?
        var cooldown_months: String?
        var yearly_cap: String?
        var cap_year: String?
        var product_interval_months: String?
        var product_refusal_limit: String?
        var counting: String?
        var windows: String?

        func overrides(organisation: CallingSchedule) throws -> ContactRuleOverrides {
            var changes = ContactRuleOverrides()
            changes.monthlyCap = try LeadPages.number(monthly_cap, "monthly_cap")
            changes.cooldownMonths = try LeadPages.number(cooldown_months, "cooldown_months")
            changes.yearlyCap = try LeadPages.number(yearly_cap, "yearly_cap")
            changes.capYear = cap_year.flatMap(CapYear.init(rawValue:))
            changes.productIntervalMonths = try LeadPages.number(product_interval_months, "product_interval_months")
            changes.productRefusalLimit = try LeadPages.number(product_refusal_limit, "product_refusal_limit")
            changes.counting = counting.flatMap(CallCounting.init(rawValue:))
            let typed = (windows ?? "").trimmingWhitespace()
            if !typed.isEmpty {
                let windows = try typed.split(separator: ",").map { text throws(DomainError) in try CallingWindow(String(text)) }
                // The project's own hours every day, on the organisation's holiday calendar as it stands.
                var schedule = organisation
                schedule.weekdays = Array(repeating: windows, count: 7)
                changes.schedule = schedule
            }
            return changes
        }
    }

    static func save(_ req: Request) async throws -> Response {
        let record = try await ProjectController.find(req)
        let form = try req.content.decode(Form.self)
        return try await FormFlow.submit(req, redirect: "/projects/\(record.project.code)/policy", action: {
            let organisation = try await PolicyQueries.rules(project: nil, on: req.db).rules.schedule
            _ = try await PolicyService.change(try form.overrides(organisation: organisation), project: record, replacing: true,
                                               actor: req.auditEvent("policy.rules", targetType: "project"), at: req.now, on: req.db)
        }, page: { try await page(req, error: $0, form: form) })
    }
}
