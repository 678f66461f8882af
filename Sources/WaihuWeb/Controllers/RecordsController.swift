import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// `POST /api/v1/records/{kind}`: the record imports of `waihu import calls|states|schedules|orders`,
/// with the CSV file as the request body.
enum RecordsController {
    static func register(_ app: Application) {
        app.grouped("api", "v1").endpoint(.POST, "records", ":kind", permission: .importRecords, surface: .api,
                                          body: .collect(maxSize: BatchController.maxUpload), use: importRecords)
    }

    static func importRecords(_ req: Request) async throws -> RecordImportReport {
        let name = req.parameters.get("kind") ?? ""
        guard let kind = RecordKind(rawValue: name) else {
            throw DomainError(.notFound, code: "unknown_record_kind",
                              zh: "没有「\(name)」这类记录；可导入 calls、states、schedules、orders",
                              en: "There are no \"\(name)\" records; import calls, states, schedules or orders")
        }
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw DomainError(.badInput, code: "empty_file", zh: "文件为空", en: "The file is empty")
        }
        let path = NSTemporaryDirectory() + "waihu-records-\(UUID().uuidString).csv"
        guard FileManager.default.createFile(atPath: path, contents: Data(buffer: body)) else {
            throw Abort(.internalServerError, reason: "cannot store the upload")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Uploaded to a running server: shorter transactions, so that the floor's own writes wait less on SQLite.
        let report = try await RecordImportService.run(kind, path: path, actor: req.auditEvent("records.import", targetType: kind.rawValue),
                                                       at: req.now, rowsPerTransaction: 10_000, on: req.db)
        guard !report.nothingStored else {
            throw DomainError(.ruleRefused, code: "nothing_imported",
                              zh: "没有一行可以导入：\(report.rejected.first.map { "第 \($0.line) 行：\($0.reason.zh)" } ?? "")",
                              en: "No row could be imported: \(report.rejected.first.map { "line \($0.line): \($0.reason.en)" } ?? "")")
        }
        return report
    }
}

extension RecordImportReport: Content {}
