import Foundation
import Testing
@testable import WaihuCore

@Suite struct AccessTests {
    @Test func everyPermissionHasAGrantRow() {
        for permission in Permission.allCases {
            #expect(AccessPolicy.grants[permission] != nil, "no grant row for \(permission)")
        }
    }

    @Test func onlyAdminsManageUsers() {
        let allowed = Role.allCases.filter { AccessPolicy.allows($0, .manageUsers) }
        #expect(allowed == [.admin])
    }

    @Test func auditLogIsForAdminsAndAuditors() {
        #expect(Set(Role.allCases.filter { AccessPolicy.allows($0, .viewAudit) }) == [.admin, .auditor])
    }

    @Test func agentsAreRefusedOrganisationViewsWithAReason() {
        #expect(throws: DomainError.self) { try AccessPolicy.require(.agent, .viewOrganisation) }
        do {
            try AccessPolicy.require(.agent, .manageUsers)
        } catch {
            #expect(error.kind == .forbidden)
            // The role and the right it lacks, in words.
            #expect(error.message.en.contains("Agent") && error.message.en.contains(Permission.manageUsers.name.en))
            #expect(error.message.zh.contains(Role.agent.name.zh) && error.message.zh.contains(Permission.manageUsers.name.zh))
        }
    }

    @Test func vendorScopeSeesOnlyItsSite() {
        let own = UUID(), other = UUID(), team = UUID()
        let scope = AccessScope.of(role: .vendor, siteID: own, supervisedTeams: [], agentID: nil, agentSiteID: nil)
        #expect(scope.includesSite(own))
        #expect(!scope.includesSite(other))
        #expect(scope.includesAgent(UUID(), team: team, site: own))
        #expect(!scope.includesAgent(UUID(), team: team, site: other))
        #expect(scope.includesProject(sites: [own, other]))
        #expect(!scope.includesProject(sites: [other]))
    }

    @Test func vendorWithoutSiteSeesNothing() {
        let scope = AccessScope.of(role: .vendor, siteID: nil, supervisedTeams: [], agentID: nil, agentSiteID: nil)
        #expect(!scope.includesSite(UUID()))
        #expect(!scope.includesProject(sites: [UUID()]))
    }

    @Test func supervisorScopeSeesItsTeamsOnly() {
        let site = UUID(), mine = UUID(), theirs = UUID()
        let scope = AccessScope.of(role: .supervisor, siteID: site, supervisedTeams: [mine], agentID: nil, agentSiteID: nil)
        #expect(scope.includesAgent(UUID(), team: mine, site: site))
        #expect(!scope.includesAgent(UUID(), team: theirs, site: site))
        #expect(!scope.includesAgent(UUID(), team: nil, site: site))
        #expect(scope.includesTeam(mine, inSite: site))
        #expect(!scope.includesTeam(theirs, inSite: site))
    }

    @Test func agentScopeSeesItself() {
        let me = UUID(), site = UUID()
        let scope = AccessScope.of(role: .agent, siteID: nil, supervisedTeams: [], agentID: me, agentSiteID: site)
        #expect(scope.includesAgent(me, team: nil, site: site))
        #expect(!scope.includesAgent(UUID(), team: nil, site: site))
    }

    @Test func languageFollowsAcceptLanguage() {
        #expect(Language.preferred(acceptLanguage: nil) == .zh)
        #expect(Language.preferred(acceptLanguage: "en-US,en;q=0.9") == .en)
        #expect(Language.preferred(acceptLanguage: "fr, en;q=0.5, zh;q=0.8") == .zh)
        #expect(Language.preferred(acceptLanguage: "de") == .zh)
    }
}
