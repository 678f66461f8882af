import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// The sites a caller may work with.
package enum SiteService {
    /// The site, when it lies in the caller's scope; otherwise "not found", as for anything out of scope.
    package static func visible(_ siteID: UUID, caller: Caller, on db: any Database) async throws -> SiteModel {
        guard caller.scope.includesSite(siteID), let site = try await SiteModel.find(siteID, on: db) else {
            throw DomainError.notFound(LocalizedText(zh: "职场", en: "site"))
        }
        return site
    }

    /// A site by its id or its name, in the caller's scope (the command line names sites).
    package static func resolve(_ text: String, caller: Caller, on db: any Database) async throws -> SiteModel {
        if let id = UUID(uuidString: text) { return try await visible(id, caller: caller, on: db) }
        guard let site = try await OrganisationQueries.site(named: text, on: db), let id = site.id, caller.scope.includesSite(id) else {
            throw DomainError.notFound(LocalizedText(zh: "职场「\(text)」", en: "site \"\(text)\""))
        }
        return site
    }

    /// The first day the site owes submissions: its setting, or the day it was created.
    package static func submissionsFrom(_ site: SiteModel, zone: TimeZone) -> LocalDate {
        site.submissionsFrom.flatMap(LocalDate.init) ?? LocalDate(site.createdAt ?? Date(timeIntervalSince1970: 0), in: zone)
    }

    /// A site's team names by team.
    package static func teamNames(_ siteID: UUID, on db: any Database) async throws -> [UUID: String] {
        Dictionary(uniqueKeysWithValues: try await TeamModel.query(on: db).filter(\.$siteID == siteID).all().compactMap { t in t.id.map { ($0, t.name) } })
    }
}
