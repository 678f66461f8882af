import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// A project's customer data page (客户数据): the leads the user may see, masked; for supervisors
/// and managers where the leads are, the allocation and recycling forms; for managers the audited
/// reveal of one lead and the export.
enum LeadPages {
    static func register(_ app: Application) {
        app.endpoint(.GET, "projects", ":id", "leads", permission: .viewLeads, surface: .page, use: show)
        app.endpoint(.POST, "projects", ":id", "allocations", permission: .allocateLeads, surface: .page, use: allocate)
        app.endpoint(.POST, "projects", ":id", "recycle", permission: .allocateLeads, surface: .page, use: recycle)
        app.endpoint(.POST, "projects", ":id", "leads", ":lead", "reveal", permission: .revealNumbers, surface: .page, use: reveal)
        LeadPage.register(app)
        app.endpoint(.GET, "projects", ":id", "leads", ":lead", "decisions", permission: .checkPolicy, surface: .page, use: decisions)
    }

    struct DecisionsData: Encodable {
        var project: ProjectDTO
        var lead: LeadDTO
        var statusName: String
        var decisions: [Row]

        struct Row: Encodable {
            var at: String
            var allowed: Bool
            var reasons: String
            var version: String
            var context: String
        }
    }

    /// One lead's contact-policy decisions, newest first, with the rules that refused it.
    static func decisions(_ req: Request) async throws -> View {
        let lang = req.language
        let record = try await ProjectController.find(req)
        guard let id = req.parameters.get("lead", as: UUID.self) else {
            throw DomainError.notFound(LocalizedText(zh: "客户", en: "lead"))
        }
        let lead = try await LeadView.find(id, scope: req.currentUser().scope, on: req.db)
        let zone = TimeZone(identifier: record.project.timeZone) ?? .current
        let rows = try await PolicyQueries.decisions(lead: id, on: req.db).map { decision in
            DecisionsData.Row(at: LocalTime(decision.at, in: zone).description, allowed: decision.allowed,
                              reasons: decision.reasons.split(separator: ",").map { PolicyRule(rawValue: String($0))?.name.text(lang) ?? String($0) }
                                .joined(separator: "、"),
                              version: DecisionLabels.ruleVersion(decision.ruleVersion).text(lang),
                              context: DecisionLabels.context(PhoneMask.maskDigitRuns(decision.context)).text(lang))
        }
        let dto = try await LeadView.dtos([lead], reveal: false, on: req.db)[0]
        let data = DecisionsData(project: ProjectDTO(record), lead: dto,
                                 statusName: LeadStatus(rawValue: dto.status)?.name.text(lang) ?? dto.status, decisions: rows)
        return try await PageRenderer.render("decisions", titleKey: "decision_history", data: data, for: req)
    }

    static let perPage = 50

    struct Data: Encodable {
        var project: ProjectDTO
        var total: Int
        var page: Int
        var previous: Int?
        var next: Int?
        var status: String
        var statuses: [AdminPages.Option]
        var search: String
        var sort: String
        var sorts: [AdminPages.Option]
        /// The list's filters as a query string, for the page links.
        var query: String
        var leads: [Row]
        var canAllocate: Bool
        var canReveal: Bool
        var canExport: Bool
        var holdings: HoldingsDTO?
        var sources: [AdminPages.Option]
        var batches: [AdminPages.Option]
        var allocated: AllocationOutcome?
        /// Said when fewer leads were given than asked for.
        var short: String?
        var recycled: RecyclingOutcome?
        var dialability: DialabilityDTO?
        var ruleVersion: String?
        var canCheck: Bool
    }

    struct Row: Encodable {
        var lead: LeadDTO
        var batch: String
        var statusName: String
        var phones: String
        var attributes: String
    }

    static func show(_ req: Request) async throws -> View { try await page(req, error: nil) }

    static func page(_ req: Request, error: String?, revealed: LeadDTO? = nil, allocated: AllocationOutcome? = nil,
                     recycled: RecyclingOutcome? = nil) async throws -> View {
        let lang = req.language
        let user = try req.currentUser()
        let record = try await ProjectController.find(req)
        let projectID = try record.project.requireID()
        let status = (try? req.query.get(String.self, at: "status")).flatMap(LeadStatus.init(rawValue:))
        let window = try PageWindow(page: try? req.query.get(Int.self, at: "page"), perPage: perPage, maxPerPage: perPage)
        let page = window.page
        let search = req.query[String.self, at: "q"] ?? ""
        let sort = req.query[String.self, at: "sort"].flatMap(LeadSort.init(rawValue:)) ?? .line
        let found = try await LeadHoldingQueries.leads(project: projectID, in: user.scope, status: status,
                                                       search: LeadSearchTerm.parse(search), sort: sort,
                                                       offset: window.offset, limit: perPage, on: req.db)
        let files = try await LeadQueries.batches(project: projectID, on: req.db)
        let fileNames = Dictionary(uniqueKeysWithValues: files.compactMap { batch in batch.id.map { ($0, batch.fileName) } })
        let batchOf = Dictionary(uniqueKeysWithValues: found.leads.compactMap { lead in lead.id.map { ($0, lead.batchID) } })
        let rows = try await LeadView.dtos(found.leads, reveal: false, on: req.db).map { dto in
            let shown = dto.id != nil && dto.id == revealed?.id ? revealed! : dto
            return Row(lead: shown, batch: dto.id.flatMap { batchOf[$0] }.flatMap { fileNames[$0] } ?? "", statusName: LeadStatus(rawValue: shown.status)?.name.text(lang) ?? shown.status,
                       phones: shown.phones.joined(separator: " / "),
                       attributes: shown.attributes.sorted { $0.key < $1.key }.map { "\($0.key)：\($0.value)" }.joined(separator: "；"))
        }
        let canAllocate = AccessPolicy.allows(user.role, .allocateLeads)
        let holdings = canAllocate ? try await HoldingsDTO.load(project: record, scope: user.scope, on: req.db) : nil
        var sources: [AdminPages.Option] = [.init(value: "pool", label: Strings.text("source_pool", lang))]
        if let holdings {
            sources += holdings.teams.map { .init(value: "team:\($0.id)", label: "\(Strings.text("team", lang))：\($0.name)") }
            sources += holdings.agents.filter { $0.count > 0 }.map { .init(value: "agent:\($0.id)", label: "\($0.number) \($0.name)") }
        }
        let batches = canAllocate ? files.map { AdminPages.Option(value: $0.id?.uuidString ?? "", label: $0.fileName) } : []
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        let query = "status=\(status?.rawValue ?? "")&q=\(encode(search))&sort=\(sort.rawValue)"
        let dialability = AccessPolicy.allows(user.role, .checkPolicy)
            ? try await PolicyService.dialability(record, at: req.now, language: lang, on: req.db) : nil
        let data = Data(
            project: ProjectDTO(record), total: found.total, page: page, previous: page > 1 ? page - 1 : nil,
            next: page * perPage < found.total ? page + 1 : nil, status: status?.rawValue ?? "",
            statuses: LeadStatus.allCases.map { .init(value: $0.rawValue, label: $0.name.text(lang)) },
            search: search, sort: sort.rawValue, sorts: LeadSort.allCases.map { .init(value: $0.rawValue, label: $0.name.text(lang)) },
            query: query,
            leads: rows, canAllocate: canAllocate, canReveal: AccessPolicy.allows(user.role, .revealNumbers),
            canExport: AccessPolicy.allows(user.role, .exportCustomers), holdings: holdings, sources: sources,
            batches: batches, allocated: allocated,
            short: allocated.flatMap { outcome in
                outcome.short ? Strings.text("allocation_short", lang).replacingOccurrences(of: "{asked}", with: "\(outcome.requested ?? 0)")
                    .replacingOccurrences(of: "{given}", with: "\(outcome.allocated)") : nil
            }, recycled: recycled,
            dialability: dialability, ruleVersion: dialability.map { DecisionLabels.ruleVersion($0.rule_version).text(lang) },
            canCheck: AccessPolicy.allows(user.role, .checkPolicy))
        return try await PageRenderer.render("leads", titleKey: "customer_data", data: data, error: error, for: req)
    }

    struct AllocateForm: Content {
        var agents: [String]?
        var teams: [String]?
        var mode: String
        var count: String?
        var limit: String?
        var source: String?
        var batch_id: String?
        var attribute: String?
        var value: String?
    }

    static func allocate(_ req: Request) async throws -> Response {
        try await answer(req) {
            let form = try req.content.decode(AllocateForm.self)
            let input = LeadController.AllocateInput(
                agents: form.agents, teams: (form.teams ?? []).compactMap(UUID.init(uuidString:)), mode: form.mode,
                count: try number(form.count, "count"), limit: try number(form.limit, "limit"),
                from_team: sourceID(form.source, "team"), from_agent: sourceID(form.source, "agent")?.uuidString,
                batch_id: FormFlow.optional(form.batch_id).flatMap(UUID.init(uuidString:)),
                attribute: FormFlow.optional(form.attribute), value: form.value?.trimmingWhitespace())
            let outcome = try await AllocationService.allocate(
                try await LeadController.request(from: input, on: req.db), in: try await ProjectController.find(req),
                scope: req.currentUser().scope, actor: req.auditEvent("lead.allocate", targetType: "project"), at: req.now, on: req.db)
            return try await page(req, error: nil, allocated: outcome)
        }
    }

    struct RecycleForm: Content {
        var source: String?
    }

    static func recycle(_ req: Request) async throws -> Response {
        try await answer(req) {
            let form = try req.content.decode(RecycleForm.self)
            var holder: AllocationSource?
            if let team = sourceID(form.source, "team") { holder = .team(team) }
            if let agent = sourceID(form.source, "agent") { holder = .agent(agent) }
            // Everything only when asked for by name: an empty or unknown choice takes nothing back.
            guard holder != nil || form.source == "all" else {
                throw DomainError.invalidField("source", zh: "请选择从哪里收回：全部、某个班组或某位坐席",
                                               en: "choose where to take leads back from: all, a team or an agent")
            }
            let outcome = try await RecyclingService.takeBack(
                project: try await ProjectController.find(req), holder: holder, scope: req.currentUser().scope,
                actor: req.auditEvent("lead.recycle", targetType: "project"), at: req.now, on: req.db)
            return try await page(req, error: nil, recycled: outcome)
        }
    }

    static func reveal(_ req: Request) async throws -> Response {
        try await answer(req) {
            try await page(req, error: nil, revealed: try await LeadController.reveal(req))
        }
    }

    /// Runs a form's action; a refusal shows the page again with its reason and nothing changed.
    static func answer(_ req: Request, _ action: () async throws -> View) async throws -> Response {
        do {
            return try await action().encodeResponse(for: req)
        } catch let error as DomainError {
            let response = try await page(req, error: error.message.text(req.language)).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }

    /// `team:ID` or `agent:ID` of the source select.
    static func sourceID(_ source: String?, _ kind: String) -> UUID? {
        guard let source, source.hasPrefix(kind + ":") else { return nil }
        return UUID(uuidString: String(source.dropFirst(kind.count + 1)))
    }

    static func number(_ text: String?, _ field: String) throws -> Int? {
        guard let text = FormFlow.optional(text) else { return nil }
        guard let value = Int(text) else {
            throw DomainError.invalidField(field, zh: "须为整数", en: "expected a whole number")
        }
        return value
    }
}
