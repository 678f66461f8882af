import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Business announcements (业务公告, RULES WF-40, WF-41): a supervisor publishes one to a site, each agent marks it read
/// on the desk, and a team's pre-shift meeting records that it passed it on. The scorecard's 一.13 and 六.1 read both.
package enum AnnouncementService {
    package struct Input: Codable, Sendable {
        package var title: String
        package var body: String
        package init(title: String, body: String) {
            self.title = title
            self.body = body
        }
    }

    package struct View: Codable, Sendable {
        package var id: UUID
        package var title: String
        package var body: String
        package var published_at: Date
        package var published_by: String
        /// Agents of the site (not left) who marked it read, of how many.
        package var read: Int
        package var agents: Int
        /// The teams whose pre-shift meeting passed it on.
        package var briefed_teams: [String]
    }

    /// What an agent's desk shows: the site's announcements of the last 30 days not yet marked read.
    package struct Unread: Codable, Sendable {
        package var id: UUID
        package var title: String
        package var body: String
        package var published_at: Date
    }

    package static func publish(site siteID: UUID, _ input: Input, by caller: Caller, at now: Date, on db: any Database) async throws -> View {
        try AccessPolicy.require(caller.role, .editRoster)
        let site = try await SiteService.visible(siteID, caller: caller, on: db)
        let title = input.title.trimmingWhitespace(), body = input.body.trimmingWhitespace()
        guard !title.isEmpty else { throw DomainError.missingField("title") }
        guard title.count <= 120 else {
            throw DomainError.invalidField("title", zh: "标题最多 120 个字", en: "a title has at most 120 characters")
        }
        guard body.count <= 4_000 else {
            throw DomainError.invalidField("body", zh: "正文最多 4000 个字", en: "the text has at most 4,000 characters")
        }
        let row = AnnouncementModel()
        row.id = UUID()
        row.siteID = siteID
        row.title = title
        row.body = body
        row.publishedAt = now
        row.publishedBy = caller.name
        try await db.transaction { tx in
            try await row.create(on: tx)
            try await caller.audit("announcement.publish", targetType: "site", targetID: site.name, detail: title, at: now, on: tx)
        }
        let agents = try await AgentModel.query(on: db).filter(\.$siteID == siteID).filter(\.$leftOn == nil).count()
        return View(id: row.id!, title: title, body: body, published_at: now, published_by: caller.name, read: 0, agents: agents, briefed_teams: [])
    }

    /// A month's announcements of a site, newest first, with their read receipts and briefings.
    package static func list(site siteID: UUID, month text: String, caller: Caller, on db: any Database) async throws -> [View] {
        try AccessPolicy.require(caller.role, .viewRoster)
        _ = try await SiteService.visible(siteID, caller: caller, on: db)
        let (first, next) = try SpotCheck.month(text)
        let zone = try await OrganisationQueries.timeZone(on: db)
        let rows = try await AnnouncementModel.query(on: db).filter(\.$siteID == siteID)
            .filter(\.$publishedAt >= LocalTime.instant(first, in: zone)).filter(\.$publishedAt < LocalTime.instant(next, in: zone))
            .sort(\.$publishedAt, .descending).all()
        let ids = rows.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let agents = try await AgentModel.query(on: db).filter(\.$siteID == siteID).all()
        let current = Set(agents.filter { $0.leftOn == nil }.compactMap(\.id))
        let reads = try await AnnouncementReadModel.query(on: db).filter(\.$announcementID ~~ ids).all()
        let briefings = try await AnnouncementBriefingModel.query(on: db).filter(\.$announcementID ~~ ids).all()
        let meetings = try await TeamMeetingModel.query(on: db).filter(\.$id ~~ briefings.map(\.meetingID)).all()
        let teamOf = Dictionary(uniqueKeysWithValues: meetings.compactMap { m in m.id.map { ($0, m.teamID) } })
        let teamNames = try await SiteService.teamNames(siteID, on: db)
        return rows.map { row in
            let id = row.id!
            let readers = Set(reads.filter { $0.announcementID == id }.map(\.agentID)).intersection(current)
            let teams = Set(briefings.filter { $0.announcementID == id }.compactMap { teamOf[$0.meetingID] }.compactMap { teamNames[$0] })
            return View(id: id, title: row.title, body: row.body, published_at: row.publishedAt, published_by: row.publishedBy,
                        read: readers.count, agents: current.count, briefed_teams: teams.sorted())
        }
    }

    /// A site's announcements published in the 14 days up to the end of this day, newest first: what a meeting may pass on.
    package static func recent(site siteID: UUID, before text: String, caller: Caller, on db: any Database) async throws -> [Unread] {
        try AccessPolicy.require(caller.role, .viewRoster)
        _ = try await SiteService.visible(siteID, caller: caller, on: db)
        let day = try LocalDate.parse(text, field: "date")
        let zone = try await OrganisationQueries.timeZone(on: db)
        return try await AnnouncementModel.query(on: db).filter(\.$siteID == siteID)
            .filter(\.$publishedAt >= LocalTime.instant(day.addingDays(-13), in: zone)).filter(\.$publishedAt < LocalTime.instant(day.addingDays(1), in: zone))
            .sort(\.$publishedAt, .descending).all()
            .map { Unread(id: $0.id!, title: $0.title, body: $0.body, published_at: $0.publishedAt) }
    }

    /// The announcements an agent has not marked read yet, oldest first.
    package static func unread(agent agentID: UUID, at now: Date, on db: any Database) async throws -> [Unread] {
        guard let agent = try await AgentModel.find(agentID, on: db) else { return [] }
        let rows = try await AnnouncementModel.query(on: db).filter(\.$siteID == agent.siteID)
            .filter(\.$publishedAt >= now.addingTimeInterval(-30 * 86_400)).filter(\.$publishedAt <= now).sort(\.$publishedAt).all()
        guard !rows.isEmpty else { return [] }
        let read = Set(try await AnnouncementReadModel.query(on: db).filter(\.$agentID == agentID).filter(\.$announcementID ~~ rows.compactMap(\.id)).all()
            .map(\.announcementID))
        return rows.filter { !read.contains($0.id!) }.map { Unread(id: $0.id!, title: $0.title, body: $0.body, published_at: $0.publishedAt) }
    }

    /// The agent marks an announcement read; marking it again keeps the first time.
    package static func markRead(_ announcementID: UUID, agent agentID: UUID, at now: Date, on db: any Database) async throws {
        guard let agent = try await AgentModel.find(agentID, on: db), let announcement = try await AnnouncementModel.find(announcementID, on: db),
              announcement.siteID == agent.siteID else {
            throw DomainError.notFound(LocalizedText(zh: "公告", en: "announcement"))
        }
        if try await AnnouncementReadModel.query(on: db).filter(\.$announcementID == announcementID).filter(\.$agentID == agentID).first() != nil { return }
        let row = AnnouncementReadModel()
        row.id = UUID()
        row.announcementID = announcementID
        row.agentID = agentID
        row.readAt = now
        try await row.create(on: db)
    }

    /// Records the announcements a meeting passed on; each must be one of the site's, already published.
    static func brief(_ ids: [UUID], meeting: TeamMeetingModel, on db: any Database) async throws {
        guard !ids.isEmpty else { return }
        let found = try await AnnouncementModel.query(on: db).filter(\.$id ~~ Set(ids)).filter(\.$siteID == meeting.siteID).all()
        guard found.count == Set(ids).count else {
            throw DomainError.invalidField("announcement_ids", zh: "只能登记本职场已发布的公告", en: "only announcements published to this site can be passed on")
        }
        for id in Set(ids) {
            let row = AnnouncementBriefingModel()
            row.id = UUID()
            row.announcementID = id
            row.meetingID = try meeting.requireID()
            try await row.create(on: db)
        }
    }
}
