import FluentKit
import Foundation
import SQLKit
import WaihuCore
import WaihuStore

/// What a site owes and what it sent: the inbox of a month and the obligations the scorecard prices.
package enum SubmissionReads {
    package struct Item: Codable, Sendable {
        package var kind: String
        package var kind_name: LocalizedText
        package var line: String
        package var period: String
        /// An ad-hoc request's title.
        package var title: String?
        package var due_at: Date
        package var submitted_at: Date?
        package var submission_id: UUID?
        package var file_name: String?
        /// Started days after the deadline, up to its arrival or now.
        package var days_late: Int
        /// `on_time`, `late`, `overdue` (not in, deadline passed) or `open` (not due yet).
        package var status: String
    }

    package struct Inbox: Codable, Sendable {
        package var site_id: UUID
        package var site: String
        package var month: String
        package var items: [Item]
    }

    /// One obligation with what answers it.
    struct Obligation {
        var kind: SubmissionKind, key: String, due: Date, title: String?, submission: SiteSubmissionModel?
    }

    /// Everything the site owed with a deadline before `before`: the schedule's, the ad-hoc requests', and the
    /// minutes of each meeting the site reported.
    static func obligations(site: SiteModel, before: Date, zone: TimeZone, on db: any Database) async throws -> [Obligation] {
        let siteID = try site.requireID()
        let from = SiteService.submissionsFrom(site, zone: zone)
        let submissions = try await SiteSubmissionModel.query(on: db).filter(\.$siteID == siteID).all()
        var byKey: [String: SiteSubmissionModel] = [:]
        for row in submissions { byKey["\(row.kind) \(row.period)"] = row }
        let worked = try await workedDays(site: siteID, from: from, before: before, zone: zone, on: db)
        var owed = SubmissionSchedule.owed(from: from, before: before, workedDays: worked, in: zone).map {
            Obligation(kind: $0.kind, key: $0.key, due: $0.due, title: nil, submission: byKey["\($0.kind.rawValue) \($0.key)"])
        }
        for request in try await SubmissionRequestModel.query(on: db).filter(\.$siteID == siteID).filter(\.$requestedAt < before).all() {
            let key = try request.requireID().uuidString
            owed.append(Obligation(kind: .ad_hoc, key: key, due: request.requestedAt.addingTimeInterval(86_400), title: request.title,
                                   submission: byKey["ad_hoc \(key)"]))
        }
        // Minutes are owed for each quality analysis meeting held, and for minutes submitted of a meeting not recorded.
        let meetings = try await TeamMeetingModel.query(on: db).filter(\.$siteID == siteID).filter(\.$kind == MeetingKind.quality_analysis.rawValue).all()
            .compactMap { LocalDate($0.date) }.filter { $0 >= from }
        var minutesDays = Set(meetings.map(\.description))
        for minutes in submissions where minutes.kind == SubmissionKind.quality_minutes.rawValue { minutesDays.insert(minutes.period) }
        for day in minutesDays.sorted() {
            guard let date = LocalDate(day) else { continue }
            let due = SubmissionKind.quality_minutes.due(period: date, in: zone)
            guard due < before else { continue }
            owed.append(Obligation(kind: .quality_minutes, key: day, due: due, title: nil, submission: byKey["quality_minutes \(day)"]))
        }
        return owed.sorted { ($0.due, $0.kind.rawValue) < ($1.due, $1.kind.rawValue) }
    }

    /// The days any agent of the site had a shift on the roster.
    static func workedDays(site: UUID, from: LocalDate, before: Date, zone: TimeZone, on db: any Database) async throws -> Set<LocalDate> {
        let sql = try StoreSQL.sql(db)
        let rows = try await sql.select().distinct().column(SQLColumn("date", table: WorkScheduleModel.schema))
            .from(WorkScheduleModel.schema)
            .join(AgentModel.schema, on: SQLColumn("agent_id", table: WorkScheduleModel.schema), .equal, SQLColumn("id", table: AgentModel.schema))
            .where(SQLColumn("site_id", table: AgentModel.schema), .equal, SQLBind(site))
            .where(SQLColumn("shift_start", table: WorkScheduleModel.schema), .isNot, SQLLiteral.null)
            .where(SQLColumn("date", table: WorkScheduleModel.schema), .greaterThanOrEqual, SQLBind(from.description))
            .where(SQLColumn("date", table: WorkScheduleModel.schema), .lessThanOrEqual, SQLBind(LocalDate(before, in: zone).description))
            .all()
        return Set(try rows.compactMap { LocalDate(try $0.decode(column: "date", as: String.self)) })
    }

    /// What a site owes that is overdue or falls due within `seconds`, soonest first, with the inbox month listing each:
    /// last month's inbox and this month's (a month's report is due early in the next).
    package static func dueSoon(site siteID: UUID, within seconds: TimeInterval, caller: Caller, at now: Date,
                                on db: any Database) async throws -> [(month: String, item: Item)] {
        let today = LocalDate(now, in: try await OrganisationQueries.timeZone(on: db))
        let soon = now.addingTimeInterval(seconds)
        var due: [(month: String, item: Item)] = [], seen = Set<String>()
        for first in [today.firstOfMonth.addingMonths(-1), today.firstOfMonth] {
            let month = String(first.description.prefix(7))
            for item in try await inbox(site: siteID, month: month, caller: caller, at: now, on: db).items
                where (item.status == "overdue" || (item.status == "open" && item.due_at < soon)) && seen.insert("\(item.kind) \(item.period)").inserted {
                due.append((month, item))
            }
        }
        return due.sorted { $0.item.due_at < $1.item.due_at }
    }

    /// A month's inbox: what fell due in it or is still outstanding, and what is due later in it.
    package static func inbox(site siteID: UUID, month text: String, caller: Caller, at now: Date, on db: any Database) async throws -> Inbox {
        // The client's side sees the scorecard, the site's side submits: either may read the inbox.
        if !AccessPolicy.allows(caller.role, .submitReports) { try AccessPolicy.require(caller.role, .viewScorecard) }
        let site = try await SiteService.visible(siteID, caller: caller, on: db)
        let zone = try await OrganisationQueries.timeZone(on: db)
        let (first, next) = try SpotCheck.month(text)
        let start = LocalTime.instant(first, in: zone), end = LocalTime.instant(next, in: zone)
        let items = try await obligations(site: site, before: end, zone: zone, on: db).filter { owed in
            owed.due >= start || (owed.submission.map { $0.submittedAt >= start } ?? true)
        }.map { item(of: $0, now: now) }
        return Inbox(site_id: siteID, site: site.name, month: text, items: items)
    }

    static func item(of owed: Obligation, now: Date) -> Item {
        let arrived = owed.submission?.submittedAt
        let late = SubmissionLines.daysLate(due: owed.due, arrivedAt: arrived, until: now)
        let status = arrived != nil ? (late > 0 ? "late" : "on_time") : (owed.due < now ? "overdue" : "open")
        return Item(kind: owed.kind.rawValue, kind_name: owed.kind.name, line: owed.kind.line, period: owed.key, title: owed.title,
                    due_at: owed.due, submitted_at: arrived, submission_id: owed.submission?.id, file_name: owed.submission?.fileName,
                    days_late: late, status: status)
    }
}
