import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// A project's script and questionnaire over HTTP, and the export of the answers.
enum ScriptController {
    struct Versions: Content {
        var versions: [ScriptService.ScriptDTO]
    }

    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "projects", ":id", "script", permission: .viewProjects, surface: .api, use: script)
        api.endpoint(.PUT, "projects", ":id", "script", permission: .manageScripts, surface: .api, use: save)
        api.endpoint(.GET, "projects", ":id", "script", "versions", permission: .viewProjects, surface: .api, use: versions)
        api.endpoint(.GET, "projects", ":id", "answers", permission: .exportAnswers, surface: .api, use: answers)
    }

    static let missing = DomainError(.notFound, code: "script_missing", zh: "项目还没有话术", en: "The project has no script yet")

    static func script(_ req: Request) async throws -> ScriptService.ScriptDTO {
        guard let stored = try await ScriptService.inForce(try await ProjectController.find(req), on: req.db) else { throw missing }
        return ScriptService.ScriptDTO(stored)
    }

    static func save(_ req: Request) async throws -> Response {
        let project = try await ProjectController.find(req)
        let stored = try await ScriptService.save(try req.content.decode(Script.self), project: project,
                                                  actor: req.auditEvent("project.script", targetType: "project"), at: req.now, on: req.db)
        return try await ScriptService.ScriptDTO(stored).encodeResponse(status: .created, for: req)
    }

    static func versions(_ req: Request) async throws -> Versions {
        let project = try await ProjectController.find(req)
        return Versions(versions: try await ScriptQueries.versions(project: try project.project.requireID(), on: req.db).map(ScriptService.ScriptDTO.init))
    }

    /// `days` back from now (1–366, 30 by default); `format=csv` (default) or `json`.
    static func answers(_ req: Request) async throws -> Response {
        let project = try await ProjectController.find(req)
        let sheet = try await ScriptService.answerSheet(project, days: req.query[Int.self, at: "days"] ?? 30, language: req.language,
                                                        reveal: AccessPolicy.allows(try req.currentUser().role, .revealNumbers),
                                                        at: req.now, on: req.db)
        switch req.query[String.self, at: "format"] ?? "csv" {
        case "csv":
            return Download.csv(CSVLine.make(sheet.header) + sheet.rows.map(CSVLine.make).joined(), named: "answers-\(project.project.code)")
        case "xlsx":
            let title = "\(project.project.name)（\(project.project.code)）" + (req.language == .zh ? " 问卷答案" : " answers")
            let table = ReportTable.Sheet(name: req.language == .zh ? "问卷答案" : "Answers", title: [title],
                                          rows: ([sheet.header] + sheet.rows).map { $0.map { .text($0) } })
            return Download.xlsx(try XLSXWriter.workbook(ReportTable(sheets: [table])), named: "answers-\(project.project.code)")
        case "json":
            let rows = sheet.rows.map { Dictionary(zip(sheet.header, $0), uniquingKeysWith: { first, _ in first }) }
            return try await rows.encodeResponse(for: req)
        case let other:
            throw DomainError.invalidField("format", zh: "格式须为 csv 或 json，不是「\(other)」", en: "the format is csv or json, not \"\(other)\"")
        }
    }
}
