import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// A project's leads: listing within scope, allocation and recycling, the audited reveal of one
/// lead's numbers, and the customer export.
enum LeadController {
    /// `agents` are employee numbers (工号) or ids; `teams` are ids. `mode` is `count` (then
    /// `count` per target) or `evenly` (then an optional `limit` in total).
    struct AllocateInput: Content {
        var agents: [String]?
        var teams: [UUID]?
        var mode: String
        var count: Int?
        var limit: Int?
        var from_team: UUID?
        var from_agent: String?
        var batch_id: UUID?
        var attribute: String?
        var value: String?
    }

    /// Exactly what to take back: one team's leads, one agent's, or (`all: true`) every lead in the caller's scope.
    struct RecycleInput: Content {
        var team: UUID?
        var agent: String?
        var all: Bool?
    }

    struct LeadPage: Content {
        var total: Int
        var page: Int
        var per_page: Int
        var leads: [LeadDTO]
    }

    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "projects", ":id", "leads", permission: .viewLeads, surface: .api, use: list)
        api.endpoint(.GET, "projects", ":id", "holdings", permission: .allocateLeads, surface: .api, use: holdings)
        api.endpoint(.POST, "projects", ":id", "allocations", permission: .allocateLeads, surface: .api, use: allocate)
        api.endpoint(.POST, "projects", ":id", "recycle", permission: .allocateLeads, surface: .api, use: recycle)
        api.endpoint(.GET, "projects", ":id", "leads.csv", permission: .exportCustomers, surface: .api, use: export)
        api.endpoint(.GET, "projects", ":id", "leads.xlsx", permission: .exportCustomers, surface: .api, use: exportWorkbook)
        api.endpoint(.POST, "leads", ":lead", "reveal", permission: .revealNumbers, surface: .api, use: reveal)
    }

    static func list(_ req: Request) async throws -> LeadPage {
        let project = try await ProjectController.find(req)
        let window = try PageWindow(page: try? req.query.get(Int.self, at: "page"), perPage: try? req.query.get(Int.self, at: "per_page"))
        let status = try (try? req.query.get(String.self, at: "status")).map { raw throws(DomainError) in try parseStatus(raw) }
        let found = try await LeadHoldingQueries.leads(project: try project.project.requireID(), in: req.currentUser().scope,
                                                       status: status, offset: window.offset, limit: window.perPage, on: req.db)
        return LeadPage(total: found.total, page: window.page, per_page: window.perPage,
                        leads: try await LeadView.dtos(found.leads, reveal: false, on: req.db))
    }

    static func holdings(_ req: Request) async throws -> HoldingsDTO {
        let project = try await ProjectController.find(req)
        return try await HoldingsDTO.load(project: project, scope: req.currentUser().scope, on: req.db)
    }

    static func allocate(_ req: Request) async throws -> Response {
        let input = try req.content.decode(AllocateInput.self)
        let outcome = try await AllocationService.allocate(
            try await request(from: input, on: req.db), in: try await ProjectController.find(req),
            scope: req.currentUser().scope, actor: req.auditEvent("lead.allocate", targetType: "project"), at: req.now, on: req.db)
        return try await outcome.encodeResponse(status: .created, for: req)
    }

    static func recycle(_ req: Request) async throws -> RecyclingOutcome {
        let input = try req.content.decode(RecycleInput.self)
        guard input.team != nil || input.agent != nil || input.all == true else {
            throw DomainError(.badInput, code: "missing_field",
                              zh: "请说明收回哪些客户：team（班组）、agent（坐席）或 all: true（范围内全部）",
                              en: "Say which leads to take back: team, agent, or all: true (every lead in your scope)")
        }
        var holder: AllocationSource?
        if let team = input.team { holder = .team(team) }
        if let agent = input.agent { holder = .agent(try await AllocationService.agentID(agent, on: req.db)) }
        return try await RecyclingService.takeBack(
            project: try await ProjectController.find(req), holder: holder, scope: req.currentUser().scope,
            actor: req.auditEvent("lead.recycle", targetType: "project"), at: req.now, on: req.db)
    }

    /// The numbers of one lead in full; the reveal is written to the audit log first.
    static func reveal(_ req: Request) async throws -> LeadDTO {
        try await LeadView.reveal(try leadID(req), by: req.caller, at: req.now, on: req.db)
    }

    /// The lead named in the path (`:lead`).
    static func leadID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("lead", as: UUID.self) else {
            throw DomainError.notFound(LocalizedText(zh: "客户", en: "lead"))
        }
        return id
    }

    /// The export for people: a workbook with Chinese headers, one column per attribute, local times.
    static func exportWorkbook(_ req: Request) async throws -> Response {
        let project = try await ProjectController.find(req)
        let reveal = ((try? req.query.get(Bool.self, at: "reveal")) ?? false)
        let sheet = try await CustomerExport.sheet(project, reveal: reveal, language: req.language, by: req.caller, at: req.now, on: req.db)
        return Download.xlsx(try XLSXWriter.workbook(ReportTable(sheets: [sheet])), named: "customers-\(project.project.code)")
    }

    static func export(_ req: Request) async throws -> Response {
        let project = try await ProjectController.find(req)
        let reveal = ((try? req.query.get(Bool.self, at: "reveal")) ?? false)
        let csv = try await CustomerExport.csv(project, reveal: reveal, by: req.caller, at: req.now, on: req.db)
        return Download.csv(csv, named: "customers-\(project.project.code)")
    }

    static func request(from input: AllocateInput, on db: any Database) async throws -> AllocationService.Request {
        var targets = (input.teams ?? []).map(AllocationTarget.team)
        for agent in input.agents ?? [] { targets.append(.agent(try await AllocationService.agentID(agent, on: db))) }
        let mode: AllocationMode
        switch input.mode {
        case "count":
            guard let count = input.count else { throw DomainError.missingField("count") }
            mode = .eachCount(count)
        case "evenly": mode = .evenly(limit: input.limit)
        default:
            throw DomainError.invalidField("mode", zh: "须为 count（按数量）或 evenly（平均分配）", en: "expected count or evenly")
        }
        var source = AllocationSource.pool
        if let team = input.from_team { source = .team(team) }
        if let agent = input.from_agent { source = .agent(try await AllocationService.agentID(agent, on: db)) }
        var filter = LeadFilter(batchID: input.batch_id)
        if let name = input.attribute, !name.isEmpty { filter.attribute = (name, input.value ?? "") }
        return .init(targets: targets, source: source, mode: mode, filter: filter)
    }

    static func parseStatus(_ raw: String) throws(DomainError) -> LeadStatus {
        guard let status = LeadStatus(rawValue: raw) else {
            throw DomainError.invalidField("status", zh: "须为 pool、allocated、finished 或 rejected",
                                           en: "expected pool, allocated, finished or rejected")
        }
        return status
    }
}

extension AllocationOutcome: Content {}
extension RecyclingOutcome: Content {}
