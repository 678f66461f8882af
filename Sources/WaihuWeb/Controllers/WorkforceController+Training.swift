import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Announcements with their read receipts, training sessions and pre-shift quizzes over HTTP.
extension WorkforceController {
    static func registerTraining(_ app: Application, sites: any RoutesBuilder) {
        sites.endpoint(.GET, "announcements", permission: .viewRoster, surface: .api, use: announcements)
        sites.endpoint(.POST, "announcements", permission: .editRoster, surface: .api, use: publish)
        sites.endpoint(.GET, "training-sessions", permission: .viewRoster, surface: .api, use: trainingSessions)
        sites.endpoint(.POST, "training-sessions", permission: .editRoster, surface: .api, use: recordTraining)
        sites.endpoint(.GET, "quizzes", permission: .viewRoster, surface: .api, use: quizzes)
        sites.endpoint(.POST, "quizzes", permission: .editRoster, surface: .api, use: recordQuiz)
        let mine = app.grouped("api", "v1", "announcements")
        mine.endpoint(.GET, "unread", permission: .workLeads, surface: .api, use: unread)
        mine.endpoint(.POST, ":announcement", "read", permission: .workLeads, surface: .api, use: markRead)
        app.endpoint(.GET, "desk", "announcements", permission: .workLeads, surface: .script, use: unread)
        app.endpoint(.POST, "desk", "announcements", ":announcement", "read", permission: .workLeads, surface: .script, use: markRead)
    }

    static func announcements(_ req: Request) async throws -> [AnnouncementService.View] {
        try await AnnouncementService.list(site: try siteID(req), month: try await month(req), caller: req.caller, on: req.db)
    }

    static func publish(_ req: Request) async throws -> Response {
        try await AnnouncementService.publish(site: try siteID(req), try req.content.decode(AnnouncementService.Input.self), by: req.caller,
                                              at: req.now, on: req.db)
            .encodeResponse(status: .created, for: req)
    }

    static func unread(_ req: Request) async throws -> [AnnouncementService.Unread] {
        try await AnnouncementService.unread(agent: try DeskService.agent(of: try req.currentUser()), at: req.now, on: req.db)
    }

    static func markRead(_ req: Request) async throws -> [AnnouncementService.Unread] {
        let agent = try DeskService.agent(of: try req.currentUser())
        let id = try SettlementController.id(req, "announcement", LocalizedText(zh: "公告", en: "announcement"))
        try await AnnouncementService.markRead(id, agent: agent, at: req.now, on: req.db)
        return try await AnnouncementService.unread(agent: agent, at: req.now, on: req.db)
    }

    static func trainingSessions(_ req: Request) async throws -> [TrainingService.View] {
        try await TrainingService.list(site: try siteID(req), month: try await month(req), caller: req.caller, on: req.db)
    }

    static func recordTraining(_ req: Request) async throws -> Response {
        try await TrainingService.record(site: try siteID(req), try req.content.decode(TrainingService.Input.self), by: req.caller, at: req.now, on: req.db)
            .encodeResponse(status: .created, for: req)
    }

    static func quizzes(_ req: Request) async throws -> [QuizService.View] {
        try await QuizService.list(site: try siteID(req), month: try await month(req), caller: req.caller, on: req.db)
    }

    static func recordQuiz(_ req: Request) async throws -> Response {
        try await QuizService.record(site: try siteID(req), try req.content.decode(QuizService.Input.self), by: req.caller, at: req.now, on: req.db)
            .encodeResponse(status: .created, for: req)
    }
}

extension AnnouncementService.View: Content {}
extension AnnouncementService.Unread: Content {}
extension TrainingService.View: Content {}
extension QuizService.View: Content {}
