import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// Sites (own centers and vendors) and their teams: `/api/v1/sites`, `/api/v1/teams`.
enum SiteController {
    struct SiteInput: Content {
        var name: String
        var kind: String
    }

    struct TeamInput: Content {
        var site_id: UUID
        var name: String
        var supervisor_id: UUID?
    }

    static func register(_ app: Application) {
        let api = app.grouped("api", "v1")
        api.endpoint(.GET, "sites", permission: .viewOrganisation, surface: .api, use: listSites)
        api.endpoint(.POST, "sites", permission: .manageSites, surface: .api, use: createSite)
        api.endpoint(.GET, "sites", ":id", permission: .viewOrganisation, surface: .api, use: showSite)
        api.endpoint(.GET, "teams", permission: .viewOrganisation, surface: .api, use: listTeams)
        api.endpoint(.POST, "teams", permission: .manageSites, surface: .api, use: createTeam)
        api.endpoint(.PATCH, "teams", ":id", permission: .manageSites, surface: .api, use: updateTeam)
    }

    struct TeamPatch: Content {
        var name: String?
        var supervisor_id: UUID?
    }

    static func updateTeam(_ req: Request) async throws -> TeamDTO {
        let input = try req.content.decode(TeamPatch.self)
        guard let id = req.parameters.get("id", as: UUID.self), let team = try await TeamModel.find(id, on: req.db) else {
            throw DomainError.notFound(LocalizedText(zh: "班组", en: "team"))
        }
        try await OrganisationService.updateTeam(team, name: input.name, supervisorID: input.supervisor_id, by: req.caller, at: req.now, on: req.db)
        return TeamDTO(team)
    }

    static func listSites(_ req: Request) async throws -> [SiteDTO] {
        try await OrganisationQueries.sites(in: req.currentUser().scope, on: req.db).map(SiteDTO.init)
    }

    static func showSite(_ req: Request) async throws -> SiteDTO {
        guard let id = req.parameters.get("id", as: UUID.self), try req.currentUser().scope.includesSite(id),
              let site = try await SiteModel.find(id, on: req.db) else {
            throw DomainError.notFound(LocalizedText(zh: "职场", en: "site"))
        }
        return SiteDTO(site)
    }

    static func createSite(_ req: Request) async throws -> Response {
        let input = try req.content.decode(SiteInput.self)
        let site = try await OrganisationService.createSite(name: input.name, kind: try SiteKind.parse(input.kind), by: req.caller, at: req.now, on: req.db)
        return try await SiteDTO(site).encodeResponse(status: .created, for: req)
    }

    static func listTeams(_ req: Request) async throws -> [TeamDTO] {
        try await OrganisationQueries.teams(in: req.currentUser().scope, on: req.db).map(TeamDTO.init)
    }

    static func createTeam(_ req: Request) async throws -> Response {
        let input = try req.content.decode(TeamInput.self)
        let team = try await OrganisationService.createTeam(siteID: input.site_id, name: input.name,
                                                            supervisorID: input.supervisor_id, by: req.caller, at: req.now, on: req.db)
        return try await TeamDTO(team).encodeResponse(status: .created, for: req)
    }
}

struct SiteDTO: Content {
    var id: UUID?
    var name: String
    var kind: String

    init(_ site: SiteModel) {
        id = site.id
        name = site.name
        kind = site.kind.rawValue
    }
}

struct TeamDTO: Content {
    var id: UUID?
    var site_id: UUID
    var name: String
    var supervisor_id: UUID?

    init(_ team: TeamModel) {
        id = team.id
        site_id = team.siteID
        name = team.name
        supervisor_id = team.supervisorID
    }
}
