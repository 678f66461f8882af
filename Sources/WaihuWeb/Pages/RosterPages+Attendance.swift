import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// `/attendance`: a site's day against the roster, its attrition, and the teams' meetings with the form that records one.
extension RosterPages {
    static func attendance(_ req: Request) async throws -> View { try await attendancePage(req, error: nil, form: [:]) }

    static func recordMeeting(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        let back = "/attendance?site=\(fields["site"] ?? "")&date=\(fields["date"] ?? "")"
        return try await FormFlow.submit(req, redirect: back, action: {
            guard let site = fields["site"].flatMap(UUID.init(uuidString:)) else { throw DomainError.missingField("site") }
            guard let team = fields["team"].flatMap(UUID.init(uuidString:)) else { throw DomainError.missingField("team") }
            _ = try await MeetingService.record(site: site, .init(team_id: team, kind: fields["kind"] ?? "", date: fields["date"] ?? "",
                                                                  started_at: fields["started_at"] ?? "", leader: fields["leader"] ?? "",
                                                                  leader_late: fields["leader_late"] == "on", note: fields["note"],
                                                                  announcement_ids: fields.filter { $0.value == "on" }.keys
                                                                      .compactMap { $0.hasPrefix("announcement_") ? UUID(uuidString: String($0.dropFirst(13))) : nil }),
                                                by: req.caller, at: req.now, on: req.db)
        }, page: { try await attendancePage(req, error: $0, form: fields) })
    }

    static func attendancePage(_ req: Request, error: String?, form: [String: String]) async throws -> View {
        struct Shown: Encodable {
            var number: String, name: String, team: String, roster: String, firstLogin: String, lastLogout: String, late: String, absent: Bool,
                early: String, loggedIn: String, adherence: String, conformance: String
        }
        struct Data: Encodable {
            var rows: [Shown]
            var day: AttendanceReads.Day
            var turnover: AttendanceReads.Turnover
            var rate: String
            var sites: [AdminPages.Option]
            var site: String
            var teams: [AdminPages.Option]
            var team: String
            var date: String
            var meetings: [MeetingService.View]
            var kinds: [AdminPages.Option]
            /// The site's announcements of the two weeks before the day, for the meeting form.
            var announcements: [AdminPages.Option]
            var canEdit: Bool
            var form: [String: String]
        }
        let (sites, site) = try await sites(req, asked: form["site"] ?? req.query[String.self, at: "site"])
        let today = try await SettlementController.today(req)
        let date = (form["date"] ?? req.query[String.self, at: "date"]).flatMap { $0.isEmpty ? nil : $0 } ?? today.description
        let team = req.query[String.self, at: "team"].flatMap(UUID.init(uuidString:))
        let day = try await AttendanceReads.day(site: site, team: team, date: date, caller: req.caller, at: req.now, on: req.db)
        let turnover = try await AttendanceReads.turnover(site: site, month: String(date.prefix(7)), caller: req.caller, at: req.now, on: req.db)
        let zone = try await OrganisationQueries.timeZone(on: req.db)
        func clock(_ instant: Date?) -> String { instant.map { ClockTime(minute: LocalTime($0, in: zone).minute)?.description ?? "" } ?? "" }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "" }
        let rows = day.rows.map { row in
            Shown(number: row.number, name: row.name, team: row.team ?? "", roster: row.roster.text(req.language), firstLogin: clock(row.first_login),
                  lastLogout: clock(row.last_logout), late: row.late_minutes.map { "\($0)" } ?? "", absent: row.absent,
                  early: row.early_leave_minutes.map { "\($0)" } ?? "", loggedIn: String(format: "%.1f", Double(row.logged_in_minutes) / 60),
                  adherence: percent(row.adherence), conformance: percent(row.conformance))
        }
        let teams = try await teamOptions(req, site: site)
        var typed = form
        if typed["started_at"] == nil { typed["started_at"] = "08:45" }
        let data = Data(rows: rows, day: day, turnover: turnover, rate: percent(turnover.year_to_date_rate), sites: sites, site: site.uuidString,
                        teams: teams, team: team?.uuidString ?? "", date: date,
                        meetings: try await MeetingService.list(site: site, month: String(date.prefix(7)), caller: req.caller, on: req.db),
                        kinds: MeetingKind.allCases.map { AdminPages.Option(value: $0.rawValue, label: $0.name.text(req.language)) },
                        announcements: try await AnnouncementService.recent(site: site, before: date, caller: req.caller, on: req.db)
                            .map { AdminPages.Option(value: "announcement_\($0.id.uuidString)", label: $0.title) },
                        canEdit: AccessPolicy.allows(req.caller.role, .editRoster), form: typed)
        return try await PageRenderer.render("attendance", titleKey: "attendance", data: data, error: error, for: req)
    }
}
