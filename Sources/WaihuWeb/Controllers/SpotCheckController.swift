import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// A vendor's spot checks over HTTP (号码抽查, 开通量核实): make one, verify its successes, the vendor's answer.
enum SpotCheckController {
    static func register(_ app: Application) {
        let api = app.grouped("api", "v1", "qa", "checks")
        api.endpoint(.GET, permission: .viewReviews, surface: .api, use: list)
        api.endpoint(.POST, permission: .reviewCalls, surface: .api, use: start)
        api.endpoint(.GET, ":check", permission: .viewReviews, surface: .api, use: show)
        api.endpoint(.POST, "items", ":item", "verify", permission: .reviewCalls, surface: .api, use: verify)
        api.endpoint(.POST, ":check", "acknowledge", permission: .acknowledgeChecks, surface: .api, use: acknowledge)
        api.endpoint(.POST, ":check", "fixed", permission: .acknowledgeChecks, surface: .api, use: fixed)
        SpotCheckPages.register(app)
    }

    static func id(_ req: Request, _ name: String = "check") throws -> UUID {
        guard let id = req.parameters.get(name, as: UUID.self) else { throw DomainError.notFound(LocalizedText(zh: "抽查", en: "spot check")) }
        return id
    }

    static func list(_ req: Request) async throws -> [SpotCheckReads.View] {
        try await SpotCheckReads.list(user: try req.currentUser(), language: req.language, on: req.db)
    }

    static func start(_ req: Request) async throws -> Response {
        let input = try req.content.decode(SpotCheckService.Start.self)
        let user = try req.currentUser()
        let check = try await SpotCheckService.start(input, user: user, actor: req.auditEvent("qa.spot_check", targetType: "spot_check"), at: req.now, on: req.db)
        return try await SpotCheckReads.one(try check.requireID(), user: user, language: req.language, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func show(_ req: Request) async throws -> SpotCheckReads.View {
        try await SpotCheckReads.one(try id(req), user: try req.currentUser(), language: req.language, on: req.db)
    }

    struct VerifyInput: Content {
        var verified: Bool
        var reason: String?
    }

    static func verify(_ req: Request) async throws -> SpotCheckReads.View {
        let input = try req.content.decode(VerifyInput.self)
        let user = try req.currentUser()
        let item = try await SpotCheckService.verify(item: try id(req, "item"), verified: input.verified, reason: input.reason ?? "", user: user,
                                                     at: req.now, on: req.db)
        return try await SpotCheckReads.one(item.checkID, user: user, language: req.language, on: req.db)
    }

    struct NoteInput: Content {
        var note: String
    }

    static func acknowledge(_ req: Request) async throws -> SpotCheckReads.View {
        try await answer(req, .acknowledge, note: "")
    }

    static func fixed(_ req: Request) async throws -> SpotCheckReads.View {
        try await answer(req, .fixed, note: try req.content.decode(NoteInput.self).note)
    }

    static func answer(_ req: Request, _ step: SpotCheckService.VendorStep, note: String) async throws -> SpotCheckReads.View {
        let user = try req.currentUser()
        let check = try await SpotCheckService.vendor(step, check: try id(req), note: note, user: user,
                                                      actor: req.auditEvent("qa.spot_check_vendor", targetType: "spot_check"), at: req.now, on: req.db)
        return try await SpotCheckReads.one(try check.requireID(), user: user, language: req.language, on: req.db)
    }
}
