import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Projects (外呼项目): `/api/v1/projects`.
enum ProjectController {
    struct CreateInput: Content {
        var code: String
        var name: String
        var type: String
        var target: Int?
        var time_zone: String?
        var site_ids: [UUID]?
    }

    struct PatchInput: Content {
        var name: String?
        var type: String?
        var target: Int?
        var time_zone: String?
        var site_ids: [UUID]?
        var status: String?
        var recycle_months: Int?
        var conversation_seconds: Int?
        var effective_conversation_seconds: Int?
        var callback_pass_minutes: Int?
        var wrap_up_seconds: Int?
        /// Completed accounts per agent and day; 0 clears it.
        var daily_target: Int?
        /// The product list with prices; an empty list clears it.
        var products: [ProductInput]?
    }

    /// A product; a subscription names its activation time and how to cancel it, both or neither.
    struct ProductInput: Content {
        var name: String
        var unit_price: Double
        var activation: String?
        var cancellation: String?

        /// The product as a line of the list the manager writes.
        var line: String {
            let terms = activation != nil || cancellation != nil ? " | \(Self.cell(activation ?? "")) | \(Self.cell(cancellation ?? ""))" : ""
            return "\(Self.cell(name)) | \(unit_price)" + terms
        }

        static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "/").replacingOccurrences(of: "\n", with: " ") }
    }

    struct StatusInput: Content {
        var status: String
    }

    static func register(_ app: Application) {
        let projects = app.grouped("api", "v1", "projects")
        projects.endpoint(.GET, permission: .viewProjects, surface: .api, use: list)
        projects.endpoint(.POST, permission: .manageProjects, surface: .api, use: create)
        projects.endpoint(.GET, ":id", permission: .viewProjects, surface: .api, use: show)
        projects.endpoint(.PATCH, ":id", permission: .manageProjects, surface: .api, use: update)
        projects.endpoint(.POST, ":id", "status", permission: .manageProjects, surface: .api, use: changeStatus)
    }

    static func list(_ req: Request) async throws -> [ProjectDTO] {
        try await ProjectQueries.projects(in: req.currentUser().scope, on: req.db).map(ProjectDTO.init)
    }

    static func show(_ req: Request) async throws -> ProjectDTO {
        ProjectDTO(try await find(req))
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.content.decode(CreateInput.self)
        let record = try await ProjectService.create(
            .init(code: input.code, name: input.name, type: try ProjectType.parse(input.type), target: input.target,
                  timeZone: input.time_zone, siteIDs: input.site_ids ?? []),
            actor: req.auditEvent("project.create", targetType: "project"), at: req.now, on: req.db)
        return try await ProjectDTO(record).encodeResponse(status: .created, for: req)
    }

    static func update(_ req: Request) async throws -> ProjectDTO {
        let input = try req.content.decode(PatchInput.self)
        let patch = ProjectService.Patch(
            name: input.name, type: try input.type.map { raw throws(DomainError) in try ProjectType.parse(raw) },
            target: input.target.map { .some($0) }, timeZone: input.time_zone, siteIDs: input.site_ids,
            status: try input.status.map { raw throws(DomainError) in try ProjectStatus.parse(raw) },
            recycleMonths: input.recycle_months,
            conversationSeconds: input.conversation_seconds, effectiveConversationSeconds: input.effective_conversation_seconds,
            callbackPassMinutes: input.callback_pass_minutes, wrapUpSeconds: input.wrap_up_seconds,
            dailyTarget: input.daily_target.map { (target: Int) -> Int? in target == 0 ? nil : target },
            products: try input.products.map { list in
                try ProductList.parse(list.map(\.line).joined(separator: "\n"))
            })
        return ProjectDTO(try await ProjectService.update(
            try await find(req), patch, actor: req.auditEvent("project.update", targetType: "project"), at: req.now, on: req.db))
    }

    static func changeStatus(_ req: Request) async throws -> ProjectDTO {
        let input = try req.content.decode(StatusInput.self)
        let patch = ProjectService.Patch(status: try ProjectStatus.parse(input.status))
        return ProjectDTO(try await ProjectService.update(
            try await find(req), patch, actor: req.auditEvent("project.status", targetType: "project"), at: req.now, on: req.db))
    }

    /// By id or code, within the caller's scope; 404 otherwise.
    static func find(_ req: Request) async throws -> ProjectRecord {
        guard let key = req.parameters.get("id"),
              let record = try await ProjectQueries.project(key, in: req.currentUser().scope, on: req.db) else {
            throw DomainError.notFound(LocalizedText(zh: "项目", en: "project"))
        }
        return record
    }
}

struct ProjectDTO: Content {
    var id: UUID?
    var code: String
    var name: String
    var type: String
    var status: String
    var target: Int?
    var time_zone: String
    var site_ids: [UUID]
    /// Months after allocation when held leads return to the pool (数据回收期).
    var recycle_months: Int
    /// Talk seconds of a conversation (电话沟通) and of an effective one (有效沟通).
    var conversation_seconds: Int
    var effective_conversation_seconds: Int
    /// Minutes after which an agent's overdue callback passes to any agent of the project.
    var callback_pass_minutes: Int
    var wrap_up_seconds: Int
    /// Completed accounts per agent and day (每人每日目标); nil for none.
    var daily_target: Int?
    /// The products agents pick from, with their prices (yuan).
    var products: [ProductOutput]

    struct ProductOutput: Content {
        var name: String
        var unit_price: Double
        var activation: String?
        var cancellation: String?
    }

    init(_ record: ProjectRecord) {
        id = record.project.id
        code = record.project.code
        name = record.project.name
        type = record.project.type.rawValue
        status = record.project.status.rawValue
        target = record.project.target
        time_zone = record.project.timeZone
        site_ids = record.siteIDs
        recycle_months = record.project.recycleMonths
        conversation_seconds = record.project.conversationSeconds
        effective_conversation_seconds = record.project.effectiveConversationSeconds
        callback_pass_minutes = record.project.callbackPassMinutes
        wrap_up_seconds = record.project.wrapUpSeconds
        daily_target = record.project.dailyTarget
        products = record.project.products.products.map { ProductOutput(name: $0.name, unit_price: Double($0.unit_price_cents) / 100,
                                                                                     activation: $0.activation, cancellation: $0.cancellation) }
    }
}
