import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The contact policy over HTTP: checks, the rules of the organisation and of a project, the
/// do-not-call list, and a lead's decisions.
enum PolicyController {
    struct CheckInput: Content {
        var phone: String
        var project: String
        var product: String?
        var at: Date?
    }

    struct RulesDTO: Content {
        var version: String
        var rules: ContactRules
        var overrides: ContactRuleOverrides?
    }

    struct AddInput: Content {
        var phone: String
        var reason: String?
        var product: String?
        var expires_at: Date?
    }

    struct RemoveInput: Content {
        var reason: String
    }

    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.POST, "policy", "check", permission: .checkPolicy, surface: .api, use: check)
        api.endpoint(.GET, "policy", "rules", permission: .checkPolicy, surface: .api, use: organisationRules)
        api.endpoint(.PATCH, "policy", "rules", permission: .manageContactRules, surface: .api, use: changeOrganisationRules)
        api.endpoint(.GET, "projects", ":id", "policy", permission: .checkPolicy, surface: .api, use: projectRules)
        api.endpoint(.PATCH, "projects", ":id", "policy", permission: .manageContactRules, surface: .api, use: changeProjectRules)
        api.endpoint(.GET, "dnc", permission: .viewDoNotCall, surface: .api, use: lookUp)
        api.endpoint(.POST, "dnc", permission: .manageDoNotCall, surface: .api, use: add)
        api.endpoint(.POST, "dnc", ":entry", "remove", permission: .manageDoNotCall, surface: .api, use: remove)
        api.endpoint(.GET, "leads", ":lead", "decisions", permission: .viewLeads, surface: .api, use: decisions)
        api.endpoint(.GET, "projects", ":id", "dialability", permission: .checkPolicy, surface: .api, use: dialability)
    }

    static func check(_ req: Request) async throws -> PolicyCheck {
        let input = try req.content.decode(CheckInput.self)
        guard let project = try await ProjectQueries.project(input.project, in: req.currentUser().scope, on: req.db) else {
            throw DomainError.notFound(LocalizedText(zh: "项目 \(input.project)", en: "project \(input.project)"))
        }
        return try await PolicyService.check(phone: input.phone, project: project, product: input.product,
                                             at: input.at ?? req.now, on: req.db)
    }

    static func organisationRules(_ req: Request) async throws -> RulesDTO {
        let inForce = try await PolicyQueries.rules(project: nil, on: req.db)
        return RulesDTO(version: inForce.version, rules: inForce.rules, overrides: nil)
    }

    static func changeOrganisationRules(_ req: Request) async throws -> RulesDTO {
        let changes = try req.content.decode(ContactRuleOverrides.self)
        let inForce = try await PolicyService.change(changes, project: nil, actor: req.auditEvent("policy.rules", targetType: "organisation"),
                                                     at: req.now, on: req.db)
        return RulesDTO(version: inForce.version, rules: inForce.rules, overrides: nil)
    }

    static func projectRules(_ req: Request) async throws -> RulesDTO {
        let projectID = try await ProjectController.find(req).project.requireID()
        let inForce = try await PolicyQueries.rules(project: projectID, on: req.db)
        return RulesDTO(version: inForce.version, rules: inForce.rules,
                        overrides: try await PolicyQueries.overrides(project: projectID, on: req.db))
    }

    static func changeProjectRules(_ req: Request) async throws -> RulesDTO {
        let project = try await ProjectController.find(req)
        let changes = try req.content.decode(ContactRuleOverrides.self)
        let inForce = try await PolicyService.change(changes, project: project, actor: req.auditEvent("policy.rules", targetType: "project"),
                                                     at: req.now, on: req.db)
        return RulesDTO(version: inForce.version, rules: inForce.rules,
                        overrides: try await PolicyQueries.overrides(project: try project.project.requireID(), on: req.db))
    }

    /// `GET /api/v1/dnc?phone=N`: every entry of one number, removed ones included.
    static func lookUp(_ req: Request) async throws -> [DoNotCallDTO] {
        guard let phone = try? req.query.get(String.self, at: "phone") else { throw DomainError.missingField("phone") }
        let reveal = AccessPolicy.allows(try req.currentUser().role, .revealNumbers)
        return try await DoNotCallService.entries(phone: phone, on: req.db).map { DoNotCallDTO($0, reveal: reveal, language: req.language) }
    }

    static func add(_ req: Request) async throws -> Response {
        let input = try req.content.decode(AddInput.self)
        let entry = try await DoNotCallService.add(
            .init(phone: input.phone, reason: input.reason, product: input.product, expiresAt: input.expires_at),
            actor: req.auditEvent("dnc.add", targetType: "dnc"), at: req.now, on: req.db)
        return try await DoNotCallDTO(entry, reveal: AccessPolicy.allows(try req.currentUser().role, .revealNumbers), language: req.language)
            .encodeResponse(status: .created, for: req)
    }

    static func remove(_ req: Request) async throws -> DoNotCallDTO {
        guard let id = req.parameters.get("entry", as: UUID.self) else {
            throw DomainError.notFound(LocalizedText(zh: "禁止呼叫名单条目", en: "do-not-call entry"))
        }
        let input = try req.content.decode(RemoveInput.self)
        let entry = try await DoNotCallService.remove(id, reason: input.reason, actor: req.auditEvent("dnc.remove", targetType: "dnc"),
                                                      at: req.now, on: req.db)
        return DoNotCallDTO(entry, reveal: AccessPolicy.allows(try req.currentUser().role, .revealNumbers), language: req.language)
    }

    /// Why the project's leads are not dialled now (or at `?at=`, ISO 8601), counted by reason.
    static func dialability(_ req: Request) async throws -> DialabilityDTO {
        var at = req.now
        if let text = try? req.query.get(String.self, at: "at") {
            guard let parsed = ISO8601DateFormatter().date(from: text) else {
                throw DomainError.invalidField("at", zh: "须为 ISO 8601 时间，如 2026-11-25T10:00:00+08:00",
                                               en: "expected an ISO 8601 instant such as 2026-11-25T10:00:00+08:00")
            }
            at = parsed
        }
        return try await PolicyService.dialability(try await ProjectController.find(req), at: at, language: req.language, on: req.db)
    }

    struct DecisionDTO: Content {
        var at: Date
        var allowed: Bool
        var reasons: [String]
        var rule_version: String
        var context: String
    }

    /// A lead's contact-policy decisions, newest first.
    static func decisions(_ req: Request) async throws -> [DecisionDTO] {
        guard let id = req.parameters.get("lead", as: UUID.self) else {
            throw DomainError.notFound(LocalizedText(zh: "客户", en: "lead"))
        }
        let lead = try await LeadView.find(id, scope: req.currentUser().scope, on: req.db)
        return try await PolicyQueries.decisions(lead: try lead.requireID(), on: req.db).map {
            DecisionDTO(at: $0.at, allowed: $0.allowed, reasons: $0.reasons.split(separator: ",").map(String.init),
                        rule_version: $0.ruleVersion, context: $0.context)
        }
    }
}

extension PolicyCheck: Content {}
extension ContactRules: Content {}
extension ContactRuleOverrides: Content {}
