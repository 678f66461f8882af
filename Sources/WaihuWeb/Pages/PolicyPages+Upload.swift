import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

extension PolicyPages {
    struct UploadForm: Content {
        var file: File
    }

    /// A file of numbers (`phone`, optional `reason`) onto the do-not-call list from the page, as
    /// `waihu import dnc` does: the policy page is shown again (a reload uploads nothing) saying how many numbers were
    /// listed and why each rejected row was.
    static func uploadListing(_ req: Request) async throws -> Response {
        do {
            let form = try req.content.decode(UploadForm.self)
            let path = NSTemporaryDirectory() + "waihu-dnc-\(UUID().uuidString)"
            guard FileManager.default.createFile(atPath: path, contents: Foundation.Data(buffer: form.file.data)) else {
                throw Abort(.internalServerError, reason: "cannot store the upload")
            }
            defer { try? FileManager.default.removeItem(atPath: path) }
            let report = try await DoNotCallService.importFile(at: path, actor: req.auditEvent("dnc.import", targetType: "dnc"),
                                                                now: req.now, on: req.db)
            let lang = req.language
            let done = lang == .zh ? "已导入 \(report.added) 个号码（共 \(report.rows) 行）" : "\(report.added) numbers listed (\(report.rows) rows)"
            let rejected = report.rejected.prefix(20).map { $0.reason.text(lang) }.joined(separator: "；")
            FormFlow.flash(req, notice: done, error: report.rejected.isEmpty ? nil : rejected)
            return req.redirect(to: "/policy#dnc-upload")
        } catch let error as DomainError {
            let response = try await page(req, error: error.message.text(req.language)).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        }
    }
}
