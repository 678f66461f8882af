import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Complaints over HTTP: register, take the workflow's steps (judge among them), list and read with deadlines; the
/// organisation's deadlines. A valid complaint lists the number at once and books its penalties.
enum ComplaintController {
    struct JudgeInput: Content {
        var valid: Bool
        var root_cause: String?
        var note: String?
    }

    struct DeadlinesDTO: Content {
        var feedback_hours: Int
        var result_working_days: Int
    }

    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "complaints", permission: .viewComplaints, surface: .api, use: list)
        api.endpoint(.POST, "complaints", permission: .manageComplaints, surface: .api, use: create)
        api.endpoint(.GET, "complaints", ":complaint", permission: .viewComplaints, surface: .api, use: show)
        api.endpoint(.POST, "complaints", ":complaint", "judge", permission: .manageComplaints, surface: .api, use: judge)
        api.endpoint(.POST, "complaints", ":complaint", "steps", ":step", permission: .manageComplaints, surface: .api, use: step)
        api.endpoint(.GET, "complaint-deadlines", permission: .viewComplaints, surface: .api, use: deadlines)
        api.endpoint(.PUT, "complaint-deadlines", permission: .manageContactRules, surface: .api, use: saveDeadlines)
        ComplaintPages.register(app)
    }

    static func list(_ req: Request) async throws -> [ComplaintReads.View] {
        try await ComplaintReads.list(user: try req.currentUser(), open: req.query[Bool.self, at: "open"] ?? false, language: req.language,
                                      at: req.now, on: req.db)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("complaint", as: UUID.self) else { throw DomainError.notFound(LocalizedText(zh: "投诉", en: "complaint")) }
        return id
    }

    static func show(_ req: Request) async throws -> ComplaintReads.View {
        try await ComplaintReads.one(try id(req), user: try req.currentUser(), language: req.language, at: req.now, on: req.db)
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.content.decode(ComplaintService.Registration.self)
        let user = try req.currentUser()
        let complaint = try await ComplaintService.register(input, user: user, actor: req.auditEvent("complaint.register", targetType: "complaint"),
                                                            at: req.now, on: req.db)
        return try await ComplaintReads.one(try complaint.requireID(), user: user, language: req.language, at: req.now, on: req.db)
            .encodeResponse(status: .created, for: req)
    }

    static func judge(_ req: Request) async throws -> ComplaintReads.View {
        let input = try req.content.decode(JudgeInput.self)
        return try await advance(req, .judged, .init(note: input.note, valid: input.valid, root_cause: input.root_cause))
    }

    static func step(_ req: Request) async throws -> ComplaintReads.View {
        guard let step = ComplaintStep(rawValue: req.parameters.get("step") ?? "") else {
            throw DomainError.invalidField("step", zh: "步骤须为 " + ComplaintStep.allCases.map(\.rawValue).joined(separator: "、"),
                                           en: "the step is one of " + ComplaintStep.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let input = req.body.data == nil ? ComplaintService.StepInput() : try req.content.decode(ComplaintService.StepInput.self)
        return try await advance(req, step, input)
    }

    static func advance(_ req: Request, _ step: ComplaintStep, _ input: ComplaintService.StepInput) async throws -> ComplaintReads.View {
        let user = try req.currentUser()
        let id = try id(req)
        _ = try await ComplaintReads.one(id, user: user, language: req.language, at: req.now, on: req.db)
        _ = try await ComplaintService.advance(id, step: step, input: input, user: user,
                                               actor: req.auditEvent(step == .judged ? "complaint.judge" : "complaint.step", targetType: "complaint"),
                                               at: req.now, on: req.db)
        return try await ComplaintReads.one(id, user: user, language: req.language, at: req.now, on: req.db)
    }

    static func deadlines(_ req: Request) async throws -> DeadlinesDTO {
        let deadlines = try await ComplaintService.deadlines(on: req.db)
        return DeadlinesDTO(feedback_hours: deadlines.feedbackHours, result_working_days: deadlines.resultWorkingDays)
    }

    static func saveDeadlines(_ req: Request) async throws -> DeadlinesDTO {
        let input = try req.content.decode(DeadlinesDTO.self)
        try await ComplaintService.saveDeadlines(ComplaintDeadlines(feedbackHours: input.feedback_hours, resultWorkingDays: input.result_working_days),
                                                 actor: req.auditEvent("complaint.deadlines", targetType: "organisation"), at: req.now, on: req.db)
        return input
    }
}
