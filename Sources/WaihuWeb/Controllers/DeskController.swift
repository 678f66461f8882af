import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// An agent's calls over HTTP (the agent desktop's API), and a project's dispositions.
enum DeskController {
    struct DispositionsDTO: Content {
        /// False while the project uses the standard set it has not saved as its own.
        var stored: Bool
        var dispositions: [DispositionRule]
        /// Which calls each result may end (code → `answered`, `unanswered` or `either`): the desk offers only these.
        var fits: [String: String]

        init(stored: Bool, dispositions: [DispositionRule]) {
            self.stored = stored
            self.dispositions = dispositions
            fits = Dictionary(dispositions.map { ($0.code, $0.fit.rawValue) }, uniquingKeysWith: { a, _ in a })
        }
    }

    struct DispositionsInput: Content {
        var dispositions: [DispositionRule]
    }

    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        // The desk's actions through the API (a softphone, a script) ring the agent's bell like the desk page's own:
        // a desk open in a browser shows the change at once.
        api.endpoint(.POST, "projects", ":id", "desk", "next", permission: .workLeads, surface: .api, use: DeskStream.ringing(next))
        api.endpoint(.POST, "attempts", ":attempt", "dial", permission: .workLeads, surface: .api, use: DeskStream.ringing(dial))
        api.endpoint(.POST, "attempts", ":attempt", "finish", permission: .workLeads, surface: .api, use: DeskStream.ringing(finish))
        api.endpoint(.POST, "attempts", ":attempt", "release", permission: .workLeads, surface: .api, use: DeskStream.ringing(release))
        api.endpoint(.POST, "attempts", ":attempt", "hangup", permission: .workLeads, surface: .api, use: DeskStream.ringing(hangUp))
        api.endpoint(.POST, "attempts", ":attempt", "read-back", permission: .workLeads, surface: .api, use: DeskStream.ringing(readBack))
        api.endpoint(.GET, "projects", ":id", "dispositions", permission: .viewProjects, surface: .api, use: dispositions)
        api.endpoint(.PUT, "projects", ":id", "dispositions", permission: .manageDispositions, surface: .api, use: saveDispositions)
    }

    static func attemptID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("attempt", as: UUID.self) else {
            throw DomainError.notFound(LocalizedText(zh: "外呼记录", en: "attempt"))
        }
        return id
    }

    static func next(_ req: Request) async throws -> DeskService.NextLead {
        try await DeskService.next(try await ProjectController.find(req), user: try req.currentUser(), at: req.now, on: req.db)
    }

    static func dial(_ req: Request) async throws -> PolicyCheck {
        try await DeskService.dial(try attemptID(req), user: try req.currentUser(), at: req.now, on: req.db)
    }

    static func finish(_ req: Request) async throws -> DeskService.Finished {
        try await DeskService.finish(try attemptID(req), try req.content.decode(DeskService.FinishInput.self),
                                     user: try req.currentUser(), at: req.now, on: req.db)
    }

    /// The order read back (唱单) from what the desk has typed so far.
    static func readBack(_ req: Request) async throws -> DeskService.ReadBack {
        try await DeskService.readBack(try attemptID(req), try req.content.decode(DeskService.OrderInput.self), language: req.language,
                                       user: try req.currentUser(), on: req.db)
    }

    static func hangUp(_ req: Request) async throws -> HTTPStatus {
        try await DeskService.hangUp(try attemptID(req), user: try req.currentUser(), at: req.now, on: req.db)
        return .noContent
    }

    static func release(_ req: Request) async throws -> HTTPStatus {
        try await DeskService.release(try attemptID(req), user: try req.currentUser(), on: req.db)
        return .noContent
    }

    static func dispositions(_ req: Request) async throws -> DispositionsDTO {
        let projectID = try await ProjectController.find(req).project.requireID()
        let stored = try await DispositionQueries.stored(project: projectID, on: req.db)
        return DispositionsDTO(stored: stored != nil, dispositions: (stored ?? .standard).dispositions)
    }

    static func saveDispositions(_ req: Request) async throws -> DispositionsDTO {
        let projectID = try await ProjectController.find(req).project.requireID()
        let input = try req.content.decode(DispositionsInput.self)
        let set = try DispositionSet(input.dispositions).validated()
        try await DispositionQueries.save(set, project: projectID, actor: req.auditEvent("project.dispositions", targetType: "project"),
                                          at: req.now, on: req.db)
        return DispositionsDTO(stored: true, dispositions: set.dispositions)
    }
}
