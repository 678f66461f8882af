import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// A project's dialer over HTTP: its dial mode and the abandon accounting of today and the last
/// 30 days; the agent's desk state and the call in hand.
enum DialerController {
    struct DialerDTO: Content {
        var mode: String
        var abandon_target: Double
        var today: Tally
        var trailing_30_days: Tally

        struct Tally: Content {
            var answered_by_person: Int
            var abandoned: Int
            /// abandoned ÷ answered by a person; null when nobody answered.
            var abandon_rate: Double?

            init(_ tally: AbandonTally) {
                answered_by_person = tally.answeredByPerson
                abandoned = tally.abandoned
                abandon_rate = tally.rate
            }
        }
    }

    struct ModeInput: Content {
        var mode: String
    }

    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "projects", ":id", "dialer", permission: .viewProjects, surface: .api, use: show)
        api.endpoint(.PUT, "projects", ":id", "dialer", permission: .manageProjects, surface: .api, use: setMode)
        api.endpoint(.GET, "desk", permission: .workLeads, surface: .api, use: desk)
        api.endpoint(.POST, "desk", "state", permission: .workLeads, surface: .api, use: DeskStream.ringing(changeState))
    }

    static func show(_ req: Request) async throws -> DialerDTO {
        try await dto(try await ProjectController.find(req), at: req.now, on: req.db)
    }

    static func dto(_ record: ProjectRecord, at now: Date, on db: any Database) async throws -> DialerDTO {
        let id = try record.project.requireID()
        let zone = record.zone
        let dayStart = LocalTime.startOfDay(now, in: zone)
        let monthStart = LocalTime.startOfDay(now, in: zone, plusDays: -29)
        let end = now.addingTimeInterval(1)
        return DialerDTO(mode: record.project.dialMode.rawValue, abandon_target: PacingSettings().abandonTarget,
                         today: .init(try await AttemptQueries.abandonTally(project: id, from: dayStart, to: end, on: db)),
                         trailing_30_days: .init(try await AttemptQueries.abandonTally(project: id, from: monthStart, to: end, on: db)))
    }

    /// Preview, progressive or predictive; VICIdial's pacing is for comparison in `waihu simulate` only.
    static func setMode(_ req: Request) async throws -> DialerDTO {
        let record = try await ProjectController.find(req)
        let mode = try DialMode.forProject(try req.content.decode(ModeInput.self).mode)
        let before = record.project.dialMode
        record.project.dialMode = mode
        try await StoreTransaction.write(req.db) { tx in
            try await record.project.save(on: tx)
            try await AuditLog.append(req.auditEvent("project.dial_mode", targetType: "project", targetID: record.project.id?.uuidString,
                                                     detail: "\(before) → \(mode.rawValue)"), at: req.now, on: tx)
        }
        return try await dto(record, at: req.now, on: req.db)
    }

    static func desk(_ req: Request) async throws -> DeskService.DeskStatus {
        let user = try req.currentUser()
        var status = try await DeskService.poll(user: user, at: req.now, language: req.language, on: req.db)
        status.phone = await req.application.phoneLines?(user.username)
        return status
    }

    static func changeState(_ req: Request) async throws -> DeskService.DeskStatus {
        let user = try req.currentUser()
        var status = try await DeskService.changeState(try req.content.decode(DeskService.StateInput.self), user: user,
                                                       at: req.now, language: req.language, on: req.db)
        status.phone = await req.application.phoneLines?(user.username)
        return status
    }
}
