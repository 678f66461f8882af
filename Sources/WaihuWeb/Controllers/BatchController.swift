import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Customer list imports: `POST /api/v1/projects/{id}/batches` (multipart), the batch list,
/// and the rejected rows as CSV.
enum BatchController {
    struct Upload: Content {
        var file: File
        /// A JSON object mapping headers to fields, as `waihu import customers --mapping` takes.
        var mapping: String?
        var allow_duplicate_file: Bool?
        /// For an XLSX workbook, the sheet to read.
        var sheet: String?
        /// For a preview: the whole file was sent, to be counted as the import would.
        var whole: Bool?
    }

    static let maxUpload: ByteCount = "200mb"

    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.POST, "projects", ":id", "batches", permission: .importCustomers, surface: .api,
                     body: .collect(maxSize: maxUpload), use: upload)
        api.endpoint(.POST, "projects", ":id", "batches", "preview", permission: .importCustomers, surface: .api,
                     body: .collect(maxSize: maxUpload), use: preview)
        api.endpoint(.GET, "projects", ":id", "batches", permission: .importCustomers, surface: .api, use: list)
        api.endpoint(.GET, "batches", ":batch", "rejects.csv", permission: .importCustomers, surface: .api, use: rejects)
    }

    static func upload(_ req: Request) async throws -> Response {
        let outcome = try await importUpload(req, project: try await ProjectController.find(req))
        return try await outcome.encodeResponse(status: .created, for: req)
    }

    /// Shared by the API and the project page: the upload goes to a temporary file, then the
    /// same streaming import as the CLI.
    static func importUpload(_ req: Request, project: ProjectRecord) async throws -> CustomerImportService.Outcome {
        try await withUpload(req) { upload, mapping, path in
            let options = CustomerImportService.Options(
                fileName: upload.file.filename, mapping: mapping, sheet: upload.sheet.flatMap { $0.isEmpty ? nil : $0 },
                allowDuplicateFile: upload.allow_duplicate_file ?? false,
                actor: req.auditEvent("batch.import", targetType: "batch"), now: req.now)
            return try await CustomerImportService.importFile(at: path, into: project, options: options, on: req.db)
        }
    }

    /// The first rows of an upload as the import would read them; nothing is stored. The project
    /// page sends the head of the chosen file here before the import.
    static func preview(_ req: Request) async throws -> CustomerPreview {
        let project = try await ProjectController.find(req)
        return try await withUpload(req) { upload, mapping, path in
            try await CustomerPreview.read(at: path, mapping: mapping, sheet: upload.sheet.flatMap { $0.isEmpty ? nil : $0 },
                                           language: req.language, whole: upload.whole == true ? .init(project: project, now: req.now) : nil,
                                           on: req.db)
        }
    }

    /// Decodes a multipart upload and its mapping, and hands the file to `body` on disk.
    static func withUpload<T>(_ req: Request,
                              _ body: (Upload, [String: CustomerColumns.Field], String) async throws -> T) async throws -> T {
        let upload = try req.content.decode(Upload.self)
        let mapping = try upload.mapping.flatMap { $0.isEmpty ? nil : $0 }
            .map { text throws(DomainError) in try CustomerColumns.parseMapping(Data(text.utf8)) } ?? [:]
        let path = NSTemporaryDirectory() + "waihu-upload-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: path, contents: Data(buffer: upload.file.data)) else {
            throw Abort(.internalServerError, reason: "cannot store the upload")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(upload, mapping, path)
    }

    static func list(_ req: Request) async throws -> [BatchDTO] {
        let project = try await ProjectController.find(req)
        return try await LeadQueries.batches(project: try project.project.requireID(), on: req.db).map(BatchDTO.init)
    }

    /// `line, reason_zh, reason_en`, then the row's own columns; numbers masked unless the caller
    /// may reveal them; every download audited as an export.
    static func rejects(_ req: Request) async throws -> Response {
        let user = try req.currentUser()
        guard let id = req.parameters.get("batch", as: UUID.self), let batch = try await BatchModel.find(id, on: req.db),
              try await ProjectQueries.project(batch.projectID.uuidString, in: user.scope, on: req.db) != nil else {
            throw DomainError.notFound(LocalizedText(zh: "批次", en: "batch"))
        }
        let reveal = AccessPolicy.allows(user.role, .revealNumbers)
        let header = ["line", "reason_zh", "reason_en"] + JSONText.strings(batch.header)
        var lines: [[String]] = []
        for lead in try await LeadQueries.rejected(batch: id, on: req.db) {
            let reason = lead.rejection.flatMap(ImportRejection.init(rawValue:))?.message
            let fields = JSONText.strings(lead.attributes).map { reveal ? $0 : PhoneMask.maskDigitRuns($0) }
            lines.append([String(lead.line), reason?.zh ?? "", reason?.en ?? ""] + fields)
        }
        let workbook = req.query[String.self, at: "format"] == "xlsx"
        try await req.audit("export.rejects", targetType: "batch", targetID: id.uuidString,
                            detail: (reveal ? "full numbers" : "masked") + (workbook ? " xlsx" : ""))
        let name = "rejects-\(id.uuidString.prefix(8))"
        guard workbook else { return Download.csv(([header] + lines).map(CSVLine.make).joined(), named: name) }
        let names = (req.language == .zh ? ["行号", "原因", "Reason"] : ["Line", "原因", "Reason"]) + JSONText.strings(batch.header)
        let sheet = ReportTable.Sheet(name: req.language == .zh ? "未导入的行" : "Rejected rows",
                                      title: ["\(batch.fileName) · " + (req.language == .zh ? "未导入的行及原因" : "rows not imported, with why")],
                                      rows: [names.map { .text($0) }] + lines.map { $0.map { .text($0) } })
        return Download.xlsx(try XLSXWriter.workbook(ReportTable(sheets: [sheet])), named: name)
    }
}

extension CustomerImportService.Outcome: Content {}

struct BatchDTO: Content {
    var id: UUID?
    var file_name: String
    var encoding: String
    var rows: Int
    var accepted: Int
    var rejected: Int
    var rejected_by_reason: [String: Int]
    var created_by: String
    var created_at: Date?

    init(_ batch: BatchModel) {
        id = batch.id
        file_name = batch.fileName
        encoding = batch.encoding
        rows = batch.rows
        accepted = batch.accepted
        rejected = batch.rejected
        rejected_by_reason = ((try? JSONSerialization.jsonObject(with: Data(batch.rejectedByReason.utf8))) as? [String: String])?
            .compactMapValues(Int.init) ?? [:]
        created_by = batch.createdBy
        created_at = batch.createdAt
    }
}
