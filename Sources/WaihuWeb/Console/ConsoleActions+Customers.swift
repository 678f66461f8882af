import Fluent
import Foundation
import Vapor
import WaihuCore
import WaihuStore

extension ConsoleActions {
    /// What `waihu import customers` prints.
    public struct CustomerImport: Encodable, Sendable {
        public var batch_id: UUID
        public var encoding: String
        public var report: ImportReport
    }

    /// Imports a customer file into a project. `onRejected` receives each rejected row with
    /// its line, reason and the file's header, as it is met.
    public static func importCustomers(
        _ app: Application, project code: String, path: String, sheet: String? = nil, mappingFile: String?, allowDuplicateFile: Bool,
        progress: @escaping @Sendable (Int64, Int64) -> Void,
        onRejected: @escaping @Sendable (_ line: Int, _ reason: LocalizedText, _ fields: [String], _ header: [String]) -> Void
    ) async throws -> CustomerImport {
        guard let project = try await ProjectQueries.project(code, in: .organisation, on: app.db) else {
            throw DomainError.notFound(LocalizedText(zh: "项目 \(code)", en: "project \(code)"))
        }
        var mapping: [String: CustomerColumns.Field] = [:]
        if let mappingFile {
            guard let data = FileManager.default.contents(atPath: mappingFile) else { throw CustomerFile.unreadable(mappingFile) }
            mapping = try CustomerColumns.parseMapping(data)
        }
        let options = CustomerImportService.Options(
            fileName: URL(fileURLWithPath: path).lastPathComponent, mapping: mapping, sheet: sheet,
            allowDuplicateFile: allowDuplicateFile,
            actor: actor("batch.import", "batch"), now: app.now, progress: progress,
            onRejected: { lead, header in onRejected(lead.line, lead.reason ?? lead.rejection!.message, lead.fields, header) })
        let outcome = try await CustomerImportService.importFile(at: path, into: project, options: options, on: app.db)
        return CustomerImport(batch_id: outcome.batch_id, encoding: outcome.encoding, report: outcome.report)
    }

    /// What `waihu import dnc` prints.
    public struct DoNotCallImport: Encodable, Sendable {
        public var rows: Int
        public var added: Int
        public var rejected: [RowRejection]
    }

    public static func importDoNotCall(_ app: Application, path: String) async throws -> DoNotCallImport {
        let report = try await DoNotCallService.importFile(at: path, actor: actor("dnc.import", "do_not_call"), now: app.now, on: app.db)
        return DoNotCallImport(rows: report.rows, added: report.added, rejected: report.rejected)
    }
}
