import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Team meetings (issue 19 item 4): the pre-shift meeting of each team-day (who led it, on time or not) and the quality
/// analysis meetings whose minutes the site owes within 2 working days. One meeting of a kind per team and day.
package enum MeetingService {
    package struct Input: Codable, Sendable {
        package var team_id: UUID
        package var kind: String
        package var date: String
        /// Local `HH:MM`.
        package var started_at: String
        package var leader: String
        package var leader_late: Bool?
        package var note: String?
        /// The announcements a pre-shift meeting passed on (六.1).
        package var announcement_ids: [UUID]?

        package init(team_id: UUID, kind: String, date: String, started_at: String, leader: String, leader_late: Bool? = nil, note: String? = nil,
                     announcement_ids: [UUID]? = nil) {
            self.team_id = team_id
            self.kind = kind
            self.date = date
            self.started_at = started_at
            self.leader = leader
            self.leader_late = leader_late
            self.note = note
            self.announcement_ids = announcement_ids
        }
    }

    package struct View: Codable, Sendable {
        package var id: UUID
        package var team: String
        package var kind: String
        package var kind_name: LocalizedText
        package var date: String
        package var started_at: String
        package var leader: String
        package var leader_late: Bool
        package var note: String
        /// The titles of the announcements it passed on.
        package var briefed: [String]
    }

    package static func record(site siteID: UUID, _ input: Input, by caller: Caller, at now: Date, on db: any Database) async throws -> View {
        try AccessPolicy.require(caller.role, .editRoster)
        let site = try await SiteService.visible(siteID, caller: caller, on: db)
        guard let team = try await TeamModel.find(input.team_id, on: db), team.siteID == siteID,
              caller.scope.includesTeam(input.team_id, inSite: siteID) else {
            throw DomainError.notFound(LocalizedText(zh: "班组", en: "team"))
        }
        let kind = try MeetingKind.parse(input.kind)
        let date = try LocalDate.parse(input.date, field: "date")
        let zone = try await OrganisationQueries.timeZone(on: db)
        guard date <= LocalDate(now, in: zone) else {
            throw DomainError.invalidField("date", zh: "只能登记已经开过的会", en: "only a meeting already held can be recorded")
        }
        let start = try ClockTime.parse(input.started_at, field: "started_at")
        let leader = input.leader.trimmingWhitespace()
        guard !leader.isEmpty, leader.count <= 60 else { throw DomainError.missingField("leader") }
        if try await TeamMeetingModel.query(on: db).filter(\.$teamID == input.team_id).filter(\.$kind == kind.rawValue).filter(\.$date == date.description).first() != nil {
            throw DomainError(.conflict, code: "meeting_exists", zh: "\(team.name) 在 \(date) 已登记\(kind.name.zh)", en: "\(team.name) already has a \(kind.name.en) on \(date)")
        }
        let row = TeamMeetingModel()
        row.id = UUID()
        row.siteID = siteID
        row.teamID = input.team_id
        row.kind = kind.rawValue
        row.date = date.description
        row.startedAt = start.description
        row.leader = leader
        row.leaderLate = input.leader_late ?? false
        row.note = String((input.note ?? "").trimmingWhitespace().prefix(2_000))
        row.createdBy = caller.name
        row.createdAt = now
        try await db.transaction { tx in
            try await row.create(on: tx)
            try await AnnouncementService.brief(input.announcement_ids ?? [], meeting: row, on: tx)
            try await caller.audit("meeting.record", targetType: "site", targetID: site.name, detail: "\(team.name) \(kind.name.zh) \(date)", at: now, on: tx)
        }
        let titles = try await AnnouncementModel.query(on: db).filter(\.$id ~~ Set(input.announcement_ids ?? [])).all().map(\.title)
        return view(row, team: team.name, briefed: titles.sorted())
    }

    static func view(_ row: TeamMeetingModel, team: String, briefed: [String]) -> View {
        let kind = MeetingKind(rawValue: row.kind) ?? .pre_shift
        return View(id: row.id!, team: team, kind: row.kind, kind_name: kind.name, date: row.date, started_at: row.startedAt, leader: row.leader,
                    leader_late: row.leaderLate, note: row.note, briefed: briefed)
    }

    /// A month's meetings of a site, newest first.
    package static func list(site siteID: UUID, month text: String, caller: Caller, on db: any Database) async throws -> [View] {
        try AccessPolicy.require(caller.role, .viewRoster)
        _ = try await SiteService.visible(siteID, caller: caller, on: db)
        let (first, next) = try SpotCheck.month(text)
        let teams = try await SiteService.teamNames(siteID, on: db)
        let rows = try await TeamMeetingModel.query(on: db).filter(\.$siteID == siteID).filter(\.$date >= first.description).filter(\.$date < next.description)
            .sort(\.$date, .descending).all()
        let briefings = rows.isEmpty ? [] : try await AnnouncementBriefingModel.query(on: db).filter(\.$meetingID ~~ rows.compactMap(\.id)).all()
        let titles = briefings.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await AnnouncementModel.query(on: db)
            .filter(\.$id ~~ Set(briefings.map(\.announcementID))).all().compactMap { a in a.id.map { ($0, a.title) } })
        let byMeeting = Dictionary(grouping: briefings, by: \.meetingID)
        return rows.map { row in
            view(row, team: teams[row.teamID] ?? "", briefed: (byMeeting[row.id!] ?? []).compactMap { titles[$0.announcementID] }.sorted())
        }
    }
}
