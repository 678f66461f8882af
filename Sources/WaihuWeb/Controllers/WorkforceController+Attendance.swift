import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Attendance, meetings, attrition and the production ranking over HTTP.
extension WorkforceController {
    static func team(_ req: Request) throws -> UUID? {
        try req.query[String.self, at: "team"].flatMap { $0.isEmpty ? nil : $0 }.map { text -> UUID in
            guard let id = UUID(uuidString: text) else { throw DomainError.invalidField("team", zh: "班组编号无效", en: "not a team id") }
            return id
        }
    }

    static func attendance(_ req: Request) async throws -> AttendanceReads.Day {
        let today = try await SettlementController.today(req).description
        let date = req.query[String.self, at: "date"].flatMap { $0.isEmpty ? nil : $0 } ?? today
        return try await AttendanceReads.day(site: try siteID(req), team: try team(req), date: date, caller: req.caller, at: req.now, on: req.db)
    }

    static func meetings(_ req: Request) async throws -> [MeetingService.View] {
        try await MeetingService.list(site: try siteID(req), month: try await month(req), caller: req.caller, on: req.db)
    }

    static func recordMeeting(_ req: Request) async throws -> Response {
        try await MeetingService.record(site: try siteID(req), try req.content.decode(MeetingService.Input.self), by: req.caller, at: req.now, on: req.db)
            .encodeResponse(status: .created, for: req)
    }

    static func turnover(_ req: Request) async throws -> AttendanceReads.Turnover {
        try await AttendanceReads.turnover(site: try siteID(req), month: try await month(req), caller: req.caller, at: req.now, on: req.db)
    }

    /// The period: from and to, this month so far when left out.
    static func period(_ req: Request) async throws -> (String, String) {
        let today = try await SettlementController.today(req)
        return (req.query[String.self, at: "from"].flatMap { $0.isEmpty ? nil : $0 } ?? today.firstOfMonth.description,
                req.query[String.self, at: "to"].flatMap { $0.isEmpty ? nil : $0 } ?? today.description)
    }

    static func ranking(_ req: Request) async throws -> RankingService.Board {
        let (from, to) = try await period(req)
        return try await RankingService.board(project: req.parameters.get("id") ?? "", from: from, to: to, weights: req.query[String.self, at: "weights"],
                                              caller: req.caller, at: req.now, on: req.db)
    }

    struct RewardInput: Content {
        var from: String
        var to: String
        var weights: String?
        var top: Int?
        var share: Double?
        var amount: Double
    }

    static func rewardRanking(_ req: Request) async throws -> Response {
        let input = try req.content.decode(RewardInput.self)
        let rows = try await RankingService.reward(.init(project: req.parameters.get("id") ?? "", from: input.from, to: input.to, weights: input.weights,
                                                         top: input.top, share: input.share, amount: input.amount),
                                                   by: req.caller, at: req.now, on: req.db)
        return try await rows.encodeResponse(status: .created, for: req)
    }
}
