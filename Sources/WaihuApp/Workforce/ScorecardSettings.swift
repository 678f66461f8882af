import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// What a center sets for its sites' scorecards (our defaults, RULES F): the base before deductions (100), the grace
/// after a shift's start a first login is still on time (0), and per site the first day it owes submissions.
package enum ScorecardSettings {
    package struct View: Codable, Sendable {
        package var base: Int
        package var late_grace_seconds: Int
        /// The site's first day of submissions, when a site is asked about.
        package var submissions_from: String?

        package init(base: Int, late_grace_seconds: Int, submissions_from: String? = nil) {
            self.base = base
            self.late_grace_seconds = late_grace_seconds
            self.submissions_from = submissions_from
        }
    }

    package static func view(site: UUID?, caller: Caller, on db: any Database) async throws -> View {
        let settings = try await OrganisationQueries.settings(on: db)
        var view = View(base: settings.scorecardBase, late_grace_seconds: settings.lateGraceSeconds)
        if let site {
            let model = try await SiteService.visible(site, caller: caller, on: db)
            view.submissions_from = SiteService.submissionsFrom(model, zone: try await OrganisationQueries.timeZone(on: db)).description
        }
        return view
    }

    /// Changes what is given; the values are checked first and nothing is saved when one is refused.
    package static func update(_ input: View, site: UUID?, by caller: Caller, at now: Date, on db: any Database) async throws -> View {
        try AccessPolicy.require(caller.role, .manageScorecard)
        guard (1 ... 1_000).contains(input.base) else {
            throw DomainError.invalidField("base", zh: "基础分须为 1–1000", en: "the base is 1–1,000 points")
        }
        guard (0 ... 3_600).contains(input.late_grace_seconds) else {
            throw DomainError.invalidField("late_grace_seconds", zh: "迟到宽限须为 0–3600 秒", en: "the grace before lateness is 0–3,600 seconds")
        }
        let from = try input.submissions_from.flatMap { $0.isEmpty ? nil : $0 }.map { try LocalDate.parse($0, field: "submissions_from") }
        var found: SiteModel?
        if let site { found = try await SiteService.visible(site, caller: caller, on: db) }
        let model = found
        let settings = try await OrganisationQueries.settings(on: db)
        settings.scorecardBase = input.base
        settings.lateGraceSeconds = input.late_grace_seconds
        try await db.transaction { tx in
            try await settings.save(on: tx)
            if let model, let from {
                model.submissionsFrom = from.description
                try await model.save(on: tx)
            }
            try await caller.audit("scorecard.settings", targetType: "site", targetID: model?.name,
                                   detail: "base=\(input.base) grace=\(input.late_grace_seconds)s from=\(from?.description ?? "-")", at: now, on: tx)
        }
        return try await view(site: site, caller: caller, on: db)
    }
}
