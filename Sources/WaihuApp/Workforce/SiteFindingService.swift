import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Findings an inspector books on the scorecard's manual lines (RULES F), with the evidence; the lines Waihu
/// computes cannot be booked by hand, and a site cannot book on itself.
package enum SiteFindingService {
    package struct Input: Codable, Sendable {
        package var line: String
        package var date: String
        package var quantity: Int?
        package var note: String
        package var evidence: String?

        package init(line: String, date: String, quantity: Int? = nil, note: String, evidence: String? = nil) {
            self.line = line
            self.date = date
            self.quantity = quantity
            self.note = note
            self.evidence = evidence
        }
    }

    package static func book(site siteID: UUID, _ input: Input, by caller: Caller, at now: Date, on db: any Database) async throws -> SiteFindingModel {
        try AccessPolicy.require(caller.role, .bookSiteFindings)
        let site = try await SiteService.visible(siteID, caller: caller, on: db)
        let line = try ScorecardLine.bookable(input.line)
        let date = try LocalDate.parse(input.date, field: "date")
        let zone = try await OrganisationQueries.timeZone(on: db)
        guard date <= LocalDate(now, in: zone) else {
            throw DomainError.invalidField("date", zh: "发现日期不能晚于今天", en: "a finding cannot be dated after today")
        }
        let quantity = input.quantity ?? 1
        guard (1 ... 100).contains(quantity) else {
            throw DomainError.invalidField("quantity", zh: "次数须为 1–100", en: "the count is 1–100")
        }
        let note = input.note.trimmingWhitespace()
        guard !note.isEmpty, note.count <= 1_000 else { throw DomainError.missingField("note") }
        let row = SiteFindingModel()
        row.id = UUID()
        row.siteID = siteID
        row.line = line.id
        row.date = date.description
        row.quantity = quantity
        row.note = note
        row.evidence = String((input.evidence ?? "").trimmingWhitespace().prefix(1_000))
        row.createdBy = caller.name
        row.createdAt = now
        try await db.transaction { tx in
            try await row.create(on: tx)
            try await caller.audit("scorecard.finding", targetType: "site", targetID: site.name, detail: "\(line.id) ×\(quantity) \(note)", at: now, on: tx)
        }
        return row
    }
}
