import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Creating sites and teams with their checks and audit lines.
package enum OrganisationService {
    package static func createSite(name: String, kind: SiteKind, by caller: Caller, at now: Date,
                                          on db: any Database) async throws -> SiteModel {
        let name = try ProjectFields.validateName(name)
        guard try await OrganisationQueries.site(named: name, on: db) == nil else {
            throw DomainError(.conflict, code: "site_exists", zh: "职场“\(name)”已存在", en: "The site '\(name)' exists")
        }
        let site = SiteModel(name: name, kind: kind)
        try await StoreTransaction.write(db) { db in
            try await site.create(on: db)
            try await caller.audit("site.create", targetType: "site", targetID: site.id?.uuidString,
                                detail: "name=\(name) kind=\(kind.rawValue)", at: now, on: db)
        }
        return site
    }

    package static func createTeam(siteID: UUID, name: String, supervisorID: UUID?, by caller: Caller, at now: Date,
                                          on db: any Database) async throws -> TeamModel {
        let name = try ProjectFields.validateName(name)
        guard try await SiteModel.find(siteID, on: db) != nil else {
            throw DomainError.invalidField("site_id", zh: "职场不存在", en: "no such site")
        }
        try await checkSupervisor(supervisorID, on: db)
        guard try await OrganisationQueries.team(named: name, site: siteID, on: db) == nil else {
            throw DomainError(.conflict, code: "team_exists", zh: "该职场已有班组“\(name)”", en: "The site already has a team '\(name)'")
        }
        let team = TeamModel(siteID: siteID, name: name, supervisorID: supervisorID)
        try await StoreTransaction.write(db) { db in
            try await team.create(on: db)
            try await caller.audit("team.create", targetType: "team", targetID: team.id?.uuidString, detail: "name=\(name)", at: now, on: db)
        }
        return team
    }

    /// Renames a team or gives it another supervisor.
    package static func updateTeam(_ team: TeamModel, name: String?, supervisorID: UUID?, by caller: Caller, at now: Date,
                                          on db: any Database) async throws {
        var changes: [String] = []
        if let name {
            let name = try ProjectFields.validateName(name)
            if name != team.name, try await OrganisationQueries.team(named: name, site: team.siteID, on: db) != nil {
                throw DomainError(.conflict, code: "team_exists", zh: "该职场已有班组“\(name)”", en: "The site already has a team '\(name)'")
            }
            team.name = name
            changes.append("name=\(name)")
        }
        if let supervisorID {
            try await checkSupervisor(supervisorID, on: db)
            team.supervisorID = supervisorID
            changes.append("supervisor_id=\(supervisorID)")
        }
        let detail = changes.joined(separator: "; ")
        try await StoreTransaction.write(db) { db in
            try await team.save(on: db)
            try await caller.audit("team.update", targetType: "team", targetID: team.id?.uuidString, detail: detail, at: now, on: db)
        }
    }

    package static func checkSupervisor(_ id: UUID?, on db: any Database) async throws {
        guard let id else { return }
        guard let user = try await UserModel.find(id, on: db), user.role == .supervisor else {
            throw DomainError.invalidField("supervisor_id", zh: "须为现场主管账号", en: "must be a supervisor's account")
        }
    }
}
