import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Calibration sessions over HTTP (校准, issue 17): open one, score its calls blind, close it, read its report.
enum CalibrationController {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1", "qa", "calibrations")
        api.endpoint(.GET, permission: .viewReviews, surface: .api, use: list)
        api.endpoint(.POST, permission: .reviewCalls, surface: .api, use: create)
        api.endpoint(.GET, ":session", permission: .viewReviews, surface: .api, use: show)
        api.endpoint(.POST, ":session", "scores", ":attempt", permission: .reviewCalls, surface: .api, use: score)
        api.endpoint(.POST, ":session", "close", permission: .reviewCalls, surface: .api, use: close)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("session", as: UUID.self) else { throw DomainError.notFound(LocalizedText(zh: "校准", en: "calibration session")) }
        return id
    }

    static func list(_ req: Request) async throws -> [CalibrationReads.SessionView] {
        var views: [CalibrationReads.SessionView] = []
        for session in try await CalibrationReads.sessions(on: req.db) { views.append(try await CalibrationReads.view(session, on: req.db)) }
        return views
    }

    static func create(_ req: Request) async throws -> Response {
        let input = try req.content.decode(CalibrationService.Creation.self)
        let session = try await CalibrationService.create(input, user: try req.currentUser(), actor: req.auditEvent("qa.calibration", targetType: "calibration"),
                                                          at: req.now, on: req.db)
        return try await CalibrationReads.view(session, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func show(_ req: Request) async throws -> CalibrationReads.SessionView {
        try await CalibrationReads.view(try await CalibrationService.session(try id(req), on: req.db), on: req.db)
    }

    struct ScoreInput: Content {
        var marks: [String: ReviewScore.Mark]
    }

    static func score(_ req: Request) async throws -> CalibrationReads.SessionView {
        guard let attempt = req.parameters.get("attempt", as: UUID.self) else { throw DomainError.notFound(LocalizedText(zh: "校准通话", en: "call of the calibration")) }
        let input = try req.content.decode(ScoreInput.self)
        let id = try id(req)
        _ = try await CalibrationService.score(session: id, attempt: attempt, marks: input.marks, user: try req.currentUser(), at: req.now, on: req.db)
        return try await CalibrationReads.view(try await CalibrationService.session(id, on: req.db), on: req.db)
    }

    static func close(_ req: Request) async throws -> CalibrationReads.SessionView {
        let session = try await CalibrationService.close(session: try id(req), user: try req.currentUser(),
                                                         actor: req.auditEvent("qa.calibration_close", targetType: "calibration"), at: req.now, on: req.db)
        return try await CalibrationReads.view(session, on: req.db)
    }
}
