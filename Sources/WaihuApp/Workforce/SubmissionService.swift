import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// What a site submits to its client (上报, issue 19 item 7): each upload is stamped with the time it arrived and
/// kept once per kind and period; the client may ask for an ad-hoc report, due 24 hours later.
package enum SubmissionService {
    package struct Upload: Sendable {
        package var kind: String
        /// `YYYY-MM-DD`, `YYYY-MM`, the week's Monday, or an ad-hoc request's id.
        package var period: String
        package var fileName: String
        package var contentType: String
        package var body: Data
        package var note: String

        package init(kind: String, period: String, fileName: String, contentType: String, body: Data, note: String = "") {
            self.kind = kind
            self.period = period
            self.fileName = fileName
            self.contentType = contentType
            self.body = body
            self.note = note
        }
    }

    /// The largest file a submission takes.
    package static let largest = 10 * 1_024 * 1_024

    package static func submit(site siteID: UUID, _ upload: Upload, by caller: Caller, at now: Date, on db: any Database) async throws -> SiteSubmissionModel {
        try AccessPolicy.require(caller.role, .submitReports)
        let site = try await SiteService.visible(siteID, caller: caller, on: db)
        let kind = try SubmissionKind.parse(upload.kind)
        let zone = try await OrganisationQueries.timeZone(on: db)
        let (period, due) = try await deadline(kind, upload.period, site: siteID, zone: zone, on: db)
        let name = upload.fileName.trimmingWhitespace()
        guard !name.isEmpty, name.count <= 200 else { throw DomainError.missingField("file") }
        guard !upload.body.isEmpty else {
            throw DomainError(.badInput, code: "empty_file", zh: "上传的文件是空的", en: "The uploaded file is empty")
        }
        guard upload.body.count <= largest else {
            throw DomainError(.badInput, code: "file_too_large", zh: "文件不能超过 10 MB", en: "A file may be at most 10 MB")
        }
        if let earlier = try await SiteSubmissionModel.query(on: db).filter(\.$siteID == siteID).filter(\.$kind == kind.rawValue)
            .filter(\.$period == period).first() {
            throw DomainError(.conflict, code: "already_submitted",
                              zh: "\(site.name) 的\(kind.name.zh)（\(period)）已于 \(LocalTime(earlier.submittedAt, in: zone)) 上报",
                              en: "\(site.name)'s \(kind.name.en) (\(period)) was submitted at \(LocalTime(earlier.submittedAt, in: zone))")
        }
        let row = SiteSubmissionModel()
        row.id = UUID()
        row.siteID = siteID
        row.kind = kind.rawValue
        row.period = period
        row.dueAt = due
        row.submittedAt = now
        row.submittedBy = caller.name
        row.fileName = name
        row.contentType = upload.contentType.isEmpty ? "application/octet-stream" : upload.contentType
        row.body = upload.body
        row.note = String(upload.note.trimmingWhitespace().prefix(1_000))
        try await db.transaction { tx in
            try await row.create(on: tx)
            try await caller.audit("submission.upload", targetType: "site", targetID: site.name, detail: "\(kind.name.zh) \(period)", at: now, on: tx)
        }
        return row
    }

    /// A submission's period in its stored form and its deadline.
    static func deadline(_ kind: SubmissionKind, _ text: String, site: UUID, zone: TimeZone, on db: any Database) async throws -> (String, Date) {
        guard kind == .ad_hoc else {
            let period = try kind.period(text)
            return (SubmissionSchedule.key(kind, period), kind.due(period: period, in: zone))
        }
        guard let id = UUID(uuidString: text.trimmingWhitespace()), let request = try await SubmissionRequestModel.find(id, on: db), request.siteID == site else {
            throw DomainError.invalidField("period", zh: "临时报告须对应本职场的一条报告要求", en: "an ad-hoc report answers one of this site's requests")
        }
        return (id.uuidString, kind.due(period: LocalDate(request.requestedAt, in: zone), requestedAt: request.requestedAt, in: zone))
    }

    /// The client asks a site for a report, due 24 hours later (RULES F 九.2).
    package static func request(site siteID: UUID, title: String, by caller: Caller, at now: Date, on db: any Database) async throws -> SubmissionRequestModel {
        try AccessPolicy.require(caller.role, .requestReports)
        let site = try await SiteService.visible(siteID, caller: caller, on: db)
        let title = title.trimmingWhitespace()
        guard !title.isEmpty, title.count <= 200 else { throw DomainError.missingField("title") }
        let request = SubmissionRequestModel()
        request.id = UUID()
        request.siteID = siteID
        request.title = title
        request.requestedAt = now
        request.requestedBy = caller.name
        try await db.transaction { tx in
            try await request.create(on: tx)
            try await caller.audit("submission.request", targetType: "site", targetID: site.name, detail: title, at: now, on: tx)
        }
        return request
    }

    /// A stored file, for the site itself and the client.
    package static func file(_ id: UUID, caller: Caller, on db: any Database) async throws -> SiteSubmissionModel {
        guard let row = try await SiteSubmissionModel.find(id, on: db), caller.scope.includesSite(row.siteID),
              AccessPolicy.allows(caller.role, .viewScorecard) || AccessPolicy.allows(caller.role, .submitReports) else {
            throw DomainError.notFound(LocalizedText(zh: "上报材料", en: "submission"))
        }
        return row
    }
}
