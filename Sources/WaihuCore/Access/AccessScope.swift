import Foundation

/// The part of the organisation a user may see, whatever their permissions:
/// a vendor user only their own site, a supervisor their teams, an agent their own work.
public enum AccessScope: Sendable, Equatable {
    /// The whole organisation.
    case organisation
    /// One site (外呼公司 or own center) and everything in it.
    case site(UUID)
    /// The teams a supervisor leads, inside their site.
    case teams(Set<UUID>, site: UUID?)
    /// An agent's own record and work.
    case ownAgent(UUID?, site: UUID?)

    /// The scope of a user from their role and their links to the organisation.
    public static func of(role: Role, siteID: UUID?, supervisedTeams: Set<UUID>, agentID: UUID?, agentSiteID: UUID?) -> AccessScope {
        switch role {
        case .admin, .manager, .qa, .auditor:
            return .organisation
        case .vendor:
            // A vendor user without a site sees nothing rather than everything.
            return .site(siteID ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        case .supervisor:
            return .teams(supervisedTeams, site: siteID)
        case .agent:
            return .ownAgent(agentID, site: agentSiteID ?? siteID)
        }
    }

    /// The only site this scope is bound to, if any.
    public var boundSite: UUID? {
        switch self {
        case .organisation: nil
        case .site(let id): id
        case .teams(_, let site): site
        case .ownAgent(_, let site): site
        }
    }

    public func includesSite(_ id: UUID) -> Bool {
        switch self {
        case .organisation: true
        case .site(let own): own == id
        case .teams(_, let site): site == id
        case .ownAgent(_, let site): site == id
        }
    }

    public func includesTeam(_ teamID: UUID, inSite siteID: UUID) -> Bool {
        switch self {
        case .organisation: true
        case .site(let own): own == siteID
        case .teams(let teams, _): teams.contains(teamID)
        case .ownAgent: false
        }
    }

    public func includesAgent(_ agentID: UUID, team teamID: UUID?, site siteID: UUID) -> Bool {
        switch self {
        case .organisation: true
        case .site(let own): own == siteID
        case .teams(let teams, _): teamID.map(teams.contains) ?? false
        case .ownAgent(let own, _): own == agentID
        }
    }

    /// A project is visible when the scope is organisation-wide or its site takes part.
    public func includesProject(sites: Set<UUID>) -> Bool {
        switch self {
        case .organisation: true
        default: boundSite.map(sites.contains) ?? false
        }
    }
}
