import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A vendor's papers on file (issue 18 item 1): the vendor's administrator uploads its own, the client's managers any
/// vendor's; each with its kind and, for papers that lapse, the last day it is valid. Files are kept as sent.
package enum VendorDocumentService {
    package static let largest = 10 * 1024 * 1024

    package struct Upload: Sendable {
        package var kind: String
        package var validUntil: String?
        package var fileName: String
        package var contentType: String
        package var body: Data
        package init(kind: String, validUntil: String?, fileName: String, contentType: String, body: Data) {
            self.kind = kind
            self.validUntil = validUntil
            self.fileName = fileName
            self.contentType = contentType
            self.body = body
        }
    }

    package struct View: Codable, Sendable {
        package var id: UUID
        package var kind: String
        package var kind_name: LocalizedText
        package var valid_until: String?
        /// Past its last valid day.
        package var expired: Bool
        package var file_name: String
        package var size: Int
        package var uploaded_by: String
        package var uploaded_at: Date
    }

    /// Managers of the client, or the vendor's own administrator for its own vendor.
    static func requireUploader(_ vendor: UUID, _ caller: Caller, on db: any Database) async throws {
        if AccessPolicy.allows(caller.role, .manageVendors) { return }
        try AccessPolicy.require(caller.role, .acknowledgeChecks)
        guard try await VendorService.visible(vendor, scope: caller.scope, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "外呼公司", en: "vendor"))
        }
    }

    package static func upload(vendor vendorID: UUID, _ upload: Upload, by caller: Caller, at now: Date, on db: any Database) async throws -> View {
        let vendor = try await VendorService.find(vendorID, scope: caller.scope, on: db)
        try await requireUploader(vendorID, caller, on: db)
        let kind = try VendorDocumentKind.parse(upload.kind)
        let validUntil = try upload.validUntil.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }.map { try LocalDate.parse($0, field: "valid_until") }
        guard !upload.body.isEmpty else { throw DomainError(.badInput, code: "empty_file", zh: "文件是空的", en: "The file is empty") }
        guard upload.body.count <= largest else {
            throw DomainError(.badInput, code: "file_too_large", zh: "文件不能超过 10 MB", en: "A file is at most 10 MB")
        }
        let name = String(upload.fileName.trimmingWhitespace().split(separator: "/").last ?? "").prefix(200)
        let row = VendorDocumentModel()
        row.id = UUID()
        row.vendorID = vendorID
        row.kind = kind.rawValue
        row.validUntil = validUntil?.description
        row.fileName = name.isEmpty ? "\(kind.rawValue).bin" : String(name)
        row.contentType = upload.contentType.isEmpty ? "application/octet-stream" : String(upload.contentType.prefix(120))
        row.body = upload.body
        row.size = upload.body.count
        row.uploadedBy = caller.name
        row.uploadedAt = now
        try await StoreTransaction.write(db) { tx in
            try await row.create(on: tx)
            try await caller.audit("vendor.document", targetType: "vendor", targetID: vendor.legalName, detail: "\(kind.name.zh) \(row.fileName)", at: now, on: tx)
        }
        return view(row, today: LocalDate(now, in: try await OrganisationQueries.timeZone(on: db)))
    }

    static func view(_ row: VendorDocumentModel, today: LocalDate) -> View {
        let kind = VendorDocumentKind(rawValue: row.kind) ?? .other
        return View(id: row.id!, kind: row.kind, kind_name: kind.name, valid_until: row.validUntil,
                    expired: row.validUntil.flatMap(LocalDate.init).map { $0 < today } ?? false, file_name: row.fileName, size: row.size,
                    uploaded_by: row.uploadedBy, uploaded_at: row.uploadedAt)
    }

    /// A vendor's papers, newest first, without their files.
    package static func list(vendor vendorID: UUID, caller: Caller, at now: Date, on db: any Database) async throws -> [View] {
        _ = try await VendorService.find(vendorID, scope: caller.scope, on: db)
        let today = LocalDate(now, in: try await OrganisationQueries.timeZone(on: db))
        return try await VendorDocumentModel.query(on: db).filter(\.$vendorID == vendorID).sort(\.$uploadedAt, .descending)
            .field(\.$id).field(\.$vendorID).field(\.$kind).field(\.$validUntil).field(\.$fileName).field(\.$contentType).field(\.$size)
            .field(\.$uploadedBy).field(\.$uploadedAt).all().map { view($0, today: today) }
    }

    /// One paper's file, for whoever may see its vendor.
    package static func file(_ id: UUID, caller: Caller, on db: any Database) async throws -> VendorDocumentModel {
        guard let row = try await VendorDocumentModel.find(id, on: db), try await VendorService.visible(row.vendorID, scope: caller.scope, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "文件", en: "document"))
        }
        return row
    }
}
