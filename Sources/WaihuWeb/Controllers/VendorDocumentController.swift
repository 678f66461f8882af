import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// A vendor's papers on file over HTTP and from its page (issue 18 item 1).
enum VendorDocumentController {
    static func register(_ app: Application) {
        let vendors = app.grouped("api", "v1", "vendors", ":vendor")
        vendors.endpoint(.GET, "documents", permission: .viewVendors, surface: .api, use: list)
        vendors.endpoint(.POST, "documents", permission: .viewVendors, surface: .api, body: .collect(maxSize: "11mb"), use: upload)
        app.grouped("api", "v1", "vendor-documents", ":document").endpoint(.GET, "file", permission: .viewVendors, surface: .api, use: file)
        app.endpoint(.GET, "vendor-documents", ":document", permission: .viewVendors, surface: .page, use: file)
        app.endpoint(.POST, "vendors", ":vendor", "documents", permission: .viewVendors, surface: .page, body: .collect(maxSize: "11mb"), use: uploadForm)
    }

    static func list(_ req: Request) async throws -> [VendorDocumentService.View] {
        try await VendorDocumentService.list(vendor: try VendorAssessmentController.vendorID(req), caller: req.caller, at: req.now, on: req.db)
    }

    /// The file as the request body; `kind`, `file_name` and `valid_until` in the query.
    static func upload(_ req: Request) async throws -> Response {
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        return try await VendorDocumentService.upload(
            vendor: try VendorAssessmentController.vendorID(req),
            .init(kind: req.query[String.self, at: "kind"] ?? "", validUntil: req.query[String.self, at: "valid_until"],
                  fileName: req.query[String.self, at: "file_name"] ?? "", contentType: req.headers.contentType?.serialize() ?? "", body: body),
            by: req.caller, at: req.now, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func file(_ req: Request) async throws -> Response {
        let id = try SettlementController.id(req, "document", LocalizedText(zh: "文件", en: "document"))
        let row = try await VendorDocumentService.file(id, caller: req.caller, on: req.db)
        return Download.file(row.body, contentType: row.contentType, named: row.fileName)
    }

    struct UploadForm: Content {
        var kind: String
        var valid_until: String?
        var file: File?
    }

    static func uploadForm(_ req: Request) async throws -> Response {
        let vendor = try VendorAssessmentController.vendorID(req)
        let form = try req.content.decode(UploadForm.self)
        return try await FormFlow.submit(req, redirect: "/vendors/\(vendor.uuidString)#vendor-documents", action: {
            guard let file = form.file, file.data.readableBytes > 0 else {
                throw DomainError(.badInput, code: "empty_file", zh: "请选择要上传的文件", en: "Choose the file to upload")
            }
            _ = try await VendorDocumentService.upload(vendor: vendor, .init(kind: form.kind, validUntil: form.valid_until, fileName: file.filename,
                                                                            contentType: file.contentType?.serialize() ?? "", body: Data(buffer: file.data)),
                                                      by: req.caller, at: req.now, on: req.db)
        }, page: { try await VendorPages.detailPage(req, error: $0) })
    }
}

extension VendorDocumentService.View: Content {}
