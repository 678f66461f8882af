import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Submissions, the scorecard, findings and the scorecard's settings over HTTP.
extension WorkforceController {
    static func inbox(_ req: Request) async throws -> SubmissionReads.Inbox {
        try await SubmissionReads.inbox(site: try siteID(req), month: try await month(req), caller: req.caller, at: req.now, on: req.db)
    }

    /// The file is the request's body; the kind, period, file name and note come in the query.
    static func submit(_ req: Request) async throws -> Response {
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        let upload = SubmissionService.Upload(kind: req.query[String.self, at: "kind"] ?? "", period: req.query[String.self, at: "period"] ?? "",
                                              fileName: req.query[String.self, at: "file_name"] ?? "", contentType: req.headers.contentType?.serialize() ?? "",
                                              body: body, note: req.query[String.self, at: "note"] ?? "")
        let saved = try await SubmissionService.submit(site: try siteID(req), upload, by: req.caller, at: req.now, on: req.db)
        return try await Submitted(id: try saved.requireID(), kind: saved.kind, period: saved.period, due_at: saved.dueAt, submitted_at: saved.submittedAt,
                                   days_late: SubmissionLines.daysLate(due: saved.dueAt, arrivedAt: saved.submittedAt, until: saved.submittedAt))
            .encodeResponse(status: .created, for: req)
    }

    struct Submitted: Content {
        var id: UUID
        var kind: String
        var period: String
        var due_at: Date
        var submitted_at: Date
        var days_late: Int
    }

    static func file(_ req: Request) async throws -> Response {
        let id = try SettlementController.id(req, "submission", LocalizedText(zh: "上报材料", en: "submission"))
        let row = try await SubmissionService.file(id, caller: req.caller, on: req.db)
        return Download.file(row.body, contentType: row.contentType, named: row.fileName)
    }

    struct RequestInput: Content {
        var title: String
    }

    static func request(_ req: Request) async throws -> Response {
        let saved = try await SubmissionService.request(site: try siteID(req), title: try req.content.decode(RequestInput.self).title,
                                                        by: req.caller, at: req.now, on: req.db)
        struct Requested: Content { var id: UUID, title: String, requested_at: Date, due_at: Date }
        return try await Requested(id: try saved.requireID(), title: saved.title, requested_at: saved.requestedAt,
                                   due_at: saved.requestedAt.addingTimeInterval(86_400)).encodeResponse(status: .created, for: req)
    }

    static func scorecard(_ req: Request) async throws -> Response {
        let card = try await ScorecardService.card(site: try siteID(req), month: try await month(req), caller: req.caller, at: req.now, on: req.db)
        let name = "scorecard-\(card.month)"
        switch req.query[String.self, at: "format"] {
        case nil, "json"?: return try await card.encodeResponse(for: req)
        case "csv"?: return Download.csv(ScorecardService.table(card).csv, named: name)
        case "xlsx"?: return Download.xlsx(try XLSXWriter.workbook(ScorecardService.table(card)), named: name)
        case let other?: throw DomainError.invalidField("format", zh: "格式须为 json、csv 或 xlsx，不是「\(other)」", en: "the format is json, csv or xlsx, not \"\(other)\"")
        }
    }

    static func finding(_ req: Request) async throws -> Response {
        let saved = try await SiteFindingService.book(site: try siteID(req), try req.content.decode(SiteFindingService.Input.self), by: req.caller, at: req.now, on: req.db)
        struct Booked: Content { var id: UUID, line: String, date: String, quantity: Int, note: String }
        return try await Booked(id: try saved.requireID(), line: saved.line, date: saved.date, quantity: saved.quantity, note: saved.note)
            .encodeResponse(status: .created, for: req)
    }


    static func settings(_ req: Request) async throws -> ScorecardSettings.View {
        try await ScorecardSettings.view(site: try siteID(req), caller: req.caller, on: req.db)
    }

    static func updateSettings(_ req: Request) async throws -> ScorecardSettings.View {
        try await ScorecardSettings.update(try req.content.decode(ScorecardSettings.View.self), site: try siteID(req), by: req.caller, at: req.now, on: req.db)
    }
}
