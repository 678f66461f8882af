import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Issue 19 through the API on the demo: a supervisor's roster with its refusals, 华信's submissions and its
/// scorecard, an inspector's findings, and staffing.
@Suite struct WorkforceFlowTests {
    /// A Sunday: 华信's latest daily analysis (Friday 4 Dec, due Saturday 10:00) is still owed.
    static let now = ISO8601DateFormatter().date(from: "2026-12-06T10:00:00+08:00")!

    func send(_ app: Application, _ method: HTTPMethod, _ token: String, _ path: String, _ body: [String: Any]? = nil) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, path, headers: jsonHeaders(token), body: body.map { json($0) } ?? ByteBuffer())
    }

    func upload(_ app: Application, _ token: String, site: String, _ query: String, _ body: String) async throws -> TestingHTTPResponse {
        var headers = jsonHeaders(token)
        headers.replaceOrAdd(name: .contentType, value: "text/plain; charset=utf-8")
        return try await app.testing().sendRequest(.POST, "/api/v1/sites/\(site)/submissions?\(query)", headers: headers, body: ByteBuffer(string: body))
    }

    static func siteID(_ app: Application, _ name: String) async throws -> String {
        try #require(try await OrganisationQueries.site(named: name, on: app.db)?.id).uuidString
    }

    @Test func aSupervisorSetsDaysAndWhatCannotBeIsRefusedWithNothingHalfSaved() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let supervisor = try await login(app, "supervisor", DemoOrganisation.password)
            let own = try await AgentModel.query(on: app.db).filter(\.$number == "A1001").first()!.requireID()
            let theirs = try await AgentModel.query(on: app.db).filter(\.$number == "A1021").first()!.requireID()
            let set = try await send(app, .PUT, supervisor, "/api/v1/agents/\(own)/roster/2026-12-08", ["shift_start": "09:00", "shift_end": "18:00", "break_minutes": 60])
            #expect(try set.status == .ok && set.content.get(Int.self, at: "scheduled_seconds") == 8 * 3_600)
            #expect(errorCode(try await send(app, .PUT, supervisor, "/api/v1/agents/\(own)/roster/2026-12-08", ["shift_start": "18:00", "shift_end": "09:00"]))
                    == "shift_ends_before_start")
            #expect(errorCode(try await send(app, .PUT, supervisor, "/api/v1/agents/\(own)/roster/2026-12-08", ["leave": "holiday"])) == "invalid_field")
            #expect(errorCode(try await send(app, .PUT, supervisor, "/api/v1/agents/\(own)/roster/2026-12-08",
                                             ["shift_start": "09:00", "shift_end": "18:00", "leave": "annual"])) == "shift_and_leave")
            #expect(errorCode(try await send(app, .PUT, supervisor, "/api/v1/agents/\(own)/roster/2026-13-08", ["leave": "annual"])) == "invalid_field")
            // 华信's agents are not the supervisor's.
            #expect(try await send(app, .PUT, supervisor, "/api/v1/agents/\(theirs)/roster/2026-12-08", ["leave": "annual"]).status == .notFound)
            // The refusals changed nothing: the day still holds the first shift.
            let site = try await Self.siteID(app, "总部呼叫中心")
            let grid = try await send(app, .GET, supervisor, "/api/v1/sites/\(site)/roster?month=2026-12").content.decode(RosterReads.Grid.self)
            let cell = try #require(grid.rows.first { $0.number == "A1001" }?.cells.first { $0.date == "2026-12-08" })
            #expect(cell.kind == "shift" && cell.shift_start == "09:00" && cell.shift_end == "18:00" && cell.break_minutes == 60)
            // A leave replaces the shift; the month's hours follow (8 h, then none).
            _ = try await send(app, .PUT, supervisor, "/api/v1/agents/\(own)/roster/2026-12-08", ["leave": "compensatory_rest"])
            let after = try await send(app, .GET, supervisor, "/api/v1/sites/\(site)/roster?month=2026-12").content.decode(RosterReads.Grid.self)
            let row = try #require(after.rows.first { $0.number == "A1001" })
            #expect(row.cells.first { $0.date == "2026-12-08" }?.leave == "compensatory_rest" && row.scheduled_hours == 0 && row.leave_days == 1)
            // Templates: a shift that ends before it starts and a second of one name are refused.
            #expect(try await send(app, .POST, supervisor, "/api/v1/sites/\(site)/shift-templates",
                                   ["name": "早班", "shift_start": "08:30", "shift_end": "17:30", "break_minutes": 60]).status == .created)
            #expect(errorCode(try await send(app, .POST, supervisor, "/api/v1/sites/\(site)/shift-templates",
                                             ["name": "早班", "shift_start": "08:30", "shift_end": "17:30"])) == "template_exists")
            #expect(errorCode(try await send(app, .POST, supervisor, "/api/v1/sites/\(site)/shift-templates",
                                             ["name": "夜班", "shift_start": "22:00", "shift_end": "06:00"])) == "shift_ends_before_start")
        }
    }

    @Test func aRosterGoesOutAsAWorkbookAndComesBackInWithEveryCellChecked() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let vendor = try await login(app, "vendor", DemoOrganisation.password)
            let site = try await Self.siteID(app, DemoWorkforce.site)
            func grid() async throws -> RosterReads.Grid {
                try await send(app, .GET, vendor, "/api/v1/sites/\(site)/roster?month=2026-11").content.decode(RosterReads.Grid.self)
            }
            let before = try await grid()
            let xlsx = try await send(app, .GET, vendor, "/api/v1/sites/\(site)/roster?month=2026-11&format=xlsx")
            #expect(xlsx.status == .ok && xlsx.body.readableBytes > 1_000)
            func upload(_ body: ByteBuffer) async throws -> TestingHTTPResponse {
                var headers = jsonHeaders(vendor)
                headers.replaceOrAdd(name: .contentType, value: "application/octet-stream")
                return try await app.testing().sendRequest(.POST, "/api/v1/sites/\(site)/roster/import?month=2026-11", headers: headers, body: body)
            }
            // The workbook back in: every cell the same.
            let back = try await upload(xlsx.body)
            #expect(back.status == .ok)
            #expect(try await grid().rows.map { $0.cells.map(\.label.zh) } == before.rows.map { $0.cells.map(\.label.zh) })
            // A CSV with one good and two bad cells: refused, each named, nothing saved.
            let bad = "工号,姓名,班组,02,03,04\nA1021,,,年假,18:00-09:00,\nA1022,,,早班,,婚嫁\n"
            let refused = try await upload(ByteBuffer(string: bad))
            #expect(errorCode(refused) == "roster_rejected" && refused.body.string.contains("2 处错误"))
            #expect(try await grid().rows.first { $0.number == "A1021" }?.cells.first { $0.date == "2026-11-02" }?.kind == "shift")
            // Fixed: the leave and the template's shift are stored, the empty cells left as they were.
            let good = "工号,姓名,班组,02,03,04\nA1021,,,年假,,\nA1022,,,午班,,\n"
            #expect(try await upload(ByteBuffer(string: good)).content.get(Int.self, at: "cells") == 2)
            let after = try await grid()
            #expect(after.rows.first { $0.number == "A1021" }?.cells.first { $0.date == "2026-11-02" }?.leave == "annual")
            #expect(after.rows.first { $0.number == "A1022" }?.cells.first { $0.date == "2026-11-02" }?.shift_start == "12:00")
            #expect(after.rows.first { $0.number == "A1021" }?.cells.first { $0.date == "2026-11-03" }?.shift_start == "09:00")
        }
    }

    @Test func aLateDailyAnalysisCostsItsDaysOnTheVendorsScorecard() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let vendor = try await login(app, "vendor", DemoOrganisation.password)
            let site = try await Self.siteID(app, DemoWorkforce.site)
            let inbox = try await send(app, .GET, vendor, "/api/v1/sites/\(site)/submissions?month=2026-12").content.decode(SubmissionReads.Inbox.self)
            let owed = try #require(inbox.items.first { $0.kind == "daily_analysis" && $0.period == "2026-12-04" })
            #expect(owed.status == "overdue" && owed.submitted_at == nil)
            let before = try await send(app, .GET, vendor, "/api/v1/sites/\(site)/scorecard?month=2026-12").content.decode(ScorecardService.Card.self)
            // Still owed at Sunday 10:00: the day that began Saturday 10:00 has started, the next has not: 1 × 0.2.
            #expect(before.lines.first { $0.line == "七.8" }?.points == "0.2")
            // The site's home page puts it first among what is due, marked overdue; once in, it leaves the list.
            var page = try await signIn(app, "vendor")
            let home = try await page.get("/").body.string
            #expect(home.contains("id=\"home-submissions\"") && home.contains("（2026-12-04） · 截止 2026-12-05 10:00 · 已逾期"))
            let sent = try await upload(app, vendor, site: site, "kind=daily_analysis&period=2026-12-04&file_name=%E6%97%A5%E6%8A%A5.txt", "昨日接通率偏低，原因……")
            #expect(try sent.status == .created && sent.content.get(Int.self, at: "days_late") == 1)
            let card = try await send(app, .GET, vendor, "/api/v1/sites/\(site)/scorecard?month=2026-12").content.decode(ScorecardService.Card.self)
            #expect(card.items.contains { $0.line == "七.8" && $0.occurrences == 1 && $0.points == "0.2" })
            #expect(!(try await page.get("/").body.string.contains("（2026-12-04） · 截止")))
            // Once per kind and period; an unknown kind, a week that does not start on Monday and an empty file are refused.
            #expect(errorCode(try await upload(app, vendor, site: site, "kind=daily_analysis&period=2026-12-04&file_name=b.txt", "again")) == "already_submitted")
            #expect(errorCode(try await upload(app, vendor, site: site, "kind=weekly_gossip&period=2026-12-04&file_name=b.txt", "x")) == "invalid_field")
            #expect(errorCode(try await upload(app, vendor, site: site, "kind=training_plan&period=2026-12-08&file_name=b.txt", "x")) == "invalid_field")
            #expect(errorCode(try await upload(app, vendor, site: site, "kind=training_plan&period=2026-12-14&file_name=b.txt", "")) == "empty_file")
            // The file comes back as sent; the vendor sees no other site.
            let id = try #require(try await send(app, .GET, vendor, "/api/v1/sites/\(site)/submissions?month=2026-12").content
                .decode(SubmissionReads.Inbox.self).items.first { $0.period == "2026-12-04" }?.submission_id)
            #expect(try await send(app, .GET, vendor, "/api/v1/submissions/\(id)/file").body.string == "昨日接通率偏低，原因……")
            let own = try await Self.siteID(app, "总部呼叫中心")
            #expect(try await send(app, .GET, vendor, "/api/v1/sites/\(own)/scorecard?month=2026-12").status == .notFound)
            #expect(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/findings", ["line": "一.1", "date": "2026-12-04", "note": "自评"]).status == .forbidden)
        }
    }

    @Test func novemberAt华信IsScoredFromItsRosterStatesAndSubmissions() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let site = try await Self.siteID(app, DemoWorkforce.site)
            let card = try await send(app, .GET, manager, "/api/v1/sites/\(site)/scorecard?month=2026-11").content.decode(ScorecardService.Card.self)
            // The demo's bad day (Wednesday 4 Nov): A1024 never logs in (0.5), A1021–A1023 log in at 09:05 (3 late: 0.1),
            // A1025's break lasts 15 minutes (0.1), the pre-shift meeting's leader is late (0.5); its daily analysis arrives
            // 27 hours late (2 started days: 0.4). Every other working day has its pre-shift meeting (no 二.2). That morning's
            // announcement (08:30) is passed on at the meeting (no 六.1) and read by all who logged in, but A1024 does not
            // read it on Thursday 5 Nov, the next day it logs in (0.5); A1022 answers the quiz wrong (0.1).
            let points = Dictionary(uniqueKeysWithValues: card.lines.filter { $0.occurrences > 0 }.map { ($0.line, $0.points) })
            #expect(points == ["一.12": "0.5", "一.13": "0.5", "二.1": "0.5", "二.3": "0.1", "二.6": "0.1", "六.3": "0.1", "七.8": "0.4"])
            #expect(card.score == "97.8" && !card.provisional)
            #expect(card.items.first { $0.line == "一.13" }.map { "\($0.agent ?? "") \($0.date)" } == "A1024 2026-11-05")
            #expect(card.items.first { $0.line == "六.3" }?.agent == "A1022")
            #expect(card.items.first { $0.line == "一.12" }?.agent == "A1024" && card.items.first { $0.line == "一.12" }?.date == "2026-11-04")
            // The XLSX and CSV exports carry the same lines.
            let csv = try await send(app, .GET, manager, "/api/v1/sites/\(site)/scorecard?month=2026-11&format=csv")
            #expect(csv.headers.contentType?.subType == "csv" && csv.body.string.contains("二.3") && csv.body.string.contains("97.8"))
            let xlsx = try await send(app, .GET, manager, "/api/v1/sites/\(site)/scorecard?month=2026-11&format=xlsx")
            #expect(xlsx.status == .ok && xlsx.body.readableBytes > 1_000)
            // December: the leaver of 24 Nov, not replaced, costs a point a day from 2 Dec to the 6th.
            let december = try await send(app, .GET, manager, "/api/v1/sites/\(site)/scorecard?month=2026-12").content.decode(ScorecardService.Card.self)
            #expect(december.items.first { $0.line == "七.3" }?.occurrences == 5 && december.provisional)
        }
    }

    @Test func theDemosBadDayAndItsLeaverShowOnAttendance() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let site = try await Self.siteID(app, DemoWorkforce.site)
            let day = try await send(app, .GET, manager, "/api/v1/sites/\(site)/attendance?date=2026-11-04").content.decode(AttendanceReads.Day.self)
            // A1021–A1023 in at 09:05 (5 min late), A1024 absent; everyone still rostered left at 18:00 (no early leave).
            #expect(day.late == 3 && day.absent == 1 && day.early_leave == 0)
            #expect(Set(day.rows.filter { $0.late_minutes == 5 }.map(\.number)) == ["A1021", "A1022", "A1023"])
            #expect(day.rows.first { $0.number == "A1024" }?.absent == true)
            // A1025: in at 08:54 to 18:00 with an hour's meal and a 15-minute break, all logged in: 9 h 6 min of the 8 scheduled.
            let a1025 = try #require(day.rows.first { $0.number == "A1025" })
            #expect(a1025.logged_in_minutes == 546 && abs(a1025.conformance! - 546.0 / 480) < 1e-9 && a1025.adherence == 1)
            // A1031 left on 24 November, not replaced: on November's resignation list and open for 6 days at its end.
            let turnover = try await send(app, .GET, manager, "/api/v1/sites/\(site)/turnover?month=2026-11").content.decode(AttendanceReads.Turnover.self)
            #expect(turnover.resignations.map(\.number) == ["A1031"] && turnover.open.first?.days == 6)
            // One leaver ÷ ((11 on 1 January + 10 at the end) ÷ 2).
            #expect(turnover.leavers_this_year == 1 && abs(turnover.year_to_date_rate! - 2.0 / 21) < 1e-12)
            var page = try await signIn(app, "manager")
            #expect(try await page.get("/attendance?site=\(site)&date=2026-11-04").body.string.contains("A1031"))
        }
    }

    @Test func aRankingBooksItsRewardsOnceOnTheTopAgents() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            let project = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-MKT").first()).requireID()
            var leads = try await LeadModel.query(on: app.db).filter(\.$projectID == project).all().map { try $0.requireID() }
            let agents = try await AgentModel.query(on: app.db).filter(\.$number ~~ ["A1021", "A1022", "A1023"]).sort(\.$number).all().map { try $0.requireID() }
            // October, one lead a call: A1022 three successes of four, A1021 one of four, A1023 none of two.
            for (agent, results) in zip(agents, [["success", "refused", "refused", "refused"], ["success", "success", "success", "refused"], ["refused", "refused"]]) {
                for (index, result) in results.enumerated() {
                    let call = try await SettlementFlowTests.call(app, agent: agent, project: project, day: 5 + index, disposition: result)
                    call.leadID = leads.removeFirst()
                    try await call.save(on: app.db)
                }
            }
            let weights = "success_count=1"
            let board = try await send(app, .GET, manager, "/api/v1/projects/DEMO-MKT/ranking?from=2026-10-01&to=2026-10-31&weights=\(weights)")
                .content.decode(RankingService.Board.self)
            // Successes only: 3 → 100, 1 → 33.33, 0 → 0.
            #expect(board.entries.map(\.agent) == ["A1022", "A1021", "A1023"] && board.entries.map(\.rank) == [1, 2, 3])
            #expect(board.entries[0].score == 100 && abs(board.entries[1].score - 33.33) < 0.01 && board.entries[2].score == 0)
            let reward: [String: Any] = ["from": "2026-10-01", "to": "2026-10-31", "weights": weights, "top": 2, "amount": 200]
            let winners = try await send(app, .POST, manager, "/api/v1/projects/DEMO-MKT/ranking/rewards", reward)
            #expect(try winners.status == .created && winners.content.decode([RankingService.Row].self).map(\.agent) == ["A1022", "A1021"])
            // Booked once: a second request books nothing more.
            _ = try await send(app, .POST, manager, "/api/v1/projects/DEMO-MKT/ranking/rewards", reward)
            let ledger = try await send(app, .GET, manager, "/api/v1/penalties?month=2026-12").content.decode([PenaltyReads.Entry].self)
                .filter { $0.rule == "reward.ranking" }
            #expect(ledger.count == 2 && ledger.allSatisfy { $0.amount == 200 && $0.ledger == "reward" })
            // A reward outside the rule's range, and weights that are not KPIs, are refused.
            var tooMuch = reward
            tooMuch["amount"] = 50_000
            #expect(try await send(app, .POST, manager, "/api/v1/projects/DEMO-MKT/ranking/rewards", tooMuch).status.code >= 400)
            #expect(errorCode(try await send(app, .GET, manager, "/api/v1/projects/DEMO-MKT/ranking?from=2026-10-01&to=2026-10-31&weights=speed=1")) == "invalid_field")
            var page = try await signIn(app, "manager")
            #expect(try await page.get("/ranking?project=DEMO-MKT&from=2026-10-01&to=2026-10-31").body.string.contains("A1022"))
        }
    }

    @Test func meetingsAreRecordedOnceAndQualityMeetingsOweTheirMinutes() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let vendor = try await login(app, "vendor", DemoOrganisation.password)
            let site = try await Self.siteID(app, DemoWorkforce.site)
            let team = try #require(try await TeamModel.query(on: app.db).filter(\.$name == "华信一组").first()?.id).uuidString
            // Thursday 3 Dec's quality meeting: minutes due by the end of Monday 7 Dec — in the inbox, not yet due.
            let body: [String: Any] = ["team_id": team, "kind": "quality_analysis", "date": "2026-12-03", "started_at": "16:00", "leader": "华信管理员"]
            #expect(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/meetings", body).status == .created)
            #expect(errorCode(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/meetings", body)) == "meeting_exists")
            var later = body
            later["date"] = "2026-12-09"
            #expect(errorCode(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/meetings", later)) == "invalid_field")
            var odd = body
            odd["kind"] = "party"
            #expect(errorCode(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/meetings", odd)) == "invalid_field")
            // Owed now, still open at Sunday 10:00 (due Tuesday 00:00).
            let inbox = try await send(app, .GET, vendor, "/api/v1/sites/\(site)/submissions?month=2026-12").content.decode(SubmissionReads.Inbox.self)
            #expect(inbox.items.contains { $0.kind == "quality_minutes" && $0.period == "2026-12-03" && $0.status == "open" })
            let meetings = try await send(app, .GET, vendor, "/api/v1/sites/\(site)/meetings?month=2026-12").content.decode([MeetingService.View].self)
            #expect(meetings.contains { $0.kind == "quality_analysis" && $0.date == "2026-12-03" })
            // Due at the end of the second working day after: Friday 4th, Monday 7th → 8 Dec 00:00 local.
            #expect(SubmissionKind.quality_minutes.due(period: LocalDate("2026-12-03")!, in: TimeZone(identifier: "Asia/Shanghai")!)
                    == ISO8601DateFormatter().date(from: "2026-12-08T00:00:00+08:00"))
        }
    }

    @Test func theBaseAndTheGraceBeforeLatenessAreSettings() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let vendor = try await login(app, "vendor", DemoOrganisation.password)
            let site = try await Self.siteID(app, DemoWorkforce.site)
            #expect(try await send(app, .PUT, vendor, "/api/v1/sites/\(site)/scorecard-settings", ["base": 120, "late_grace_seconds": 0]).status == .forbidden)
            #expect(errorCode(try await send(app, .PUT, manager, "/api/v1/sites/\(site)/scorecard-settings", ["base": 0, "late_grace_seconds": 600])) == "invalid_field")
            let saved = try await send(app, .PUT, manager, "/api/v1/sites/\(site)/scorecard-settings", ["base": 90, "late_grace_seconds": 600])
            #expect(try saved.content.decode(ScorecardSettings.View.self).base == 90)
            // Ten minutes' grace: the bad day's 09:05 logins are on time, so 二.3 goes; 90 − 0.5 − 0.5 − 0.5 − 0.1 − 0.1 − 0.4.
            let card = try await send(app, .GET, manager, "/api/v1/sites/\(site)/scorecard?month=2026-11").content.decode(ScorecardService.Card.self)
            #expect(card.lines.first { $0.line == "二.3" }?.occurrences == 0 && card.score == "87.9" && card.base == 90)
        }
    }

    @Test func inspectorsBookFindingsOnlyOnManualLines() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let qa = try await login(app, "qa", DemoOrganisation.password)
            let site = try await Self.siteID(app, DemoWorkforce.site)
            for _ in 0 ..< 2 {
                #expect(try await send(app, .POST, qa, "/api/v1/sites/\(site)/findings",
                                       ["line": "四.4", "date": "2026-12-03", "note": "晚报报道服务态度差", "evidence": "报纸第 3 版"]).status == .created)
            }
            let card = try await send(app, .GET, qa, "/api/v1/sites/\(site)/scorecard?month=2026-12").content.decode(ScorecardService.Card.self)
            #expect(card.lines.first { $0.line == "四.4" }?.points == "5")  // 3 for the first, 2 for the second
            #expect(errorCode(try await send(app, .POST, qa, "/api/v1/sites/\(site)/findings", ["line": "二.3", "date": "2026-12-03", "note": "迟到"])) == "line_is_computed")
            #expect(errorCode(try await send(app, .POST, qa, "/api/v1/sites/\(site)/findings", ["line": "十.1", "date": "2026-12-03", "note": "?"])) == "invalid_field")
            #expect(errorCode(try await send(app, .POST, qa, "/api/v1/sites/\(site)/findings",
                                             ["line": "一.1", "date": "2026-12-03", "quantity": 0, "note": "?"])) == "invalid_field")
            #expect(errorCode(try await send(app, .POST, qa, "/api/v1/sites/\(site)/findings", ["line": "一.1", "date": "2026-12-09", "note": "未来"])) == "invalid_field")
        }
    }

    @Test func staffingAnswersAndRefusesQueuesThatCannotBe() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let result = try await send(app, .GET, manager, "/api/v1/staffing/erlang?calls=100&interval_minutes=30&aht=180&target_sl=0.8&within=20&shrinkage=0.3")
            #expect(try result.content.get(Int.self, at: "agents") == 14 && result.content.get(Int.self, at: "scheduled") == 20)
            #expect(errorCode(try await send(app, .GET, manager, "/api/v1/staffing/erlang?calls=100&aht=180&agents=10")) == "no_stable_queue")
            #expect(errorCode(try await send(app, .GET, manager, "/api/v1/staffing/erlang?calls=100&aht=-3")) == "invalid_field")
            #expect(errorCode(try await send(app, .GET, manager, "/api/v1/staffing/erlang?aht=180")) == "missing_field")
            #expect(errorCode(try await send(app, .GET, manager, "/api/v1/staffing/erlang?agents=-64254323264948254646730752&aht=1.27e-178&calls=1")) == "invalid_field")
            #expect(errorCode(try await send(app, .GET, manager, "/api/v1/staffing/erlang?calls=2.8e16&aht=180")) == "invalid_field")
            var page = try await signIn(app, "manager")
            let shown = try await page.get("/staffing?calls=100&aht=180&patience=60")
            #expect(shown.status == .ok && shown.body.string.contains("Erlang A"))
            // The outbound form: 12,000 leads × 2.5 ÷ (40 × 7 × 10) → 11 seats, 16 scheduled; a letter for the leads is refused by name.
            let outbound = try await page.get("/staffing?plan=list&leads=12000&attempts=2.5&calls_per_seat_hour=40&hours=7&days=10&outbound_shrinkage=0.3").body.string
            #expect(outbound.contains("id=\"outbound-result\"") && outbound.contains("<td>30000</td>") && outbound.contains("<td>11</td>") && outbound.contains("<td>16</td>"))
            let refused = try await page.get("/staffing?plan=list&leads=many").body.string
            #expect(!refused.contains("id=\"outbound-result\"") && refused.contains("名单数量"))
            for path in ["/roster", "/submissions", "/scorecard", "/scorecard?month=2026-11&all=1", "/training"] {
                #expect(try await page.get(path).status == .ok, "\(path)")
            }
        }
    }
}
