import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// Announcements with read receipts, training sessions and quizzes at 华信 through the API and the page, each refusal
/// saving nothing, and the quiz's wrong answer on the site's scorecard.
@Suite struct TrainingFlowTests {
    static let now = WorkforceFlowTests.now

    func send(_ app: Application, _ method: HTTPMethod, _ token: String, _ path: String, _ body: [String: Any]? = nil) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, path, headers: jsonHeaders(token), body: body.map { json($0) } ?? ByteBuffer())
    }

    @Test func anAnnouncementIsReadOnTheDeskAndPassedOnAtAMeeting() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let vendor = try await login(app, "vendor", DemoOrganisation.password)
            let agent = try await login(app, "a1021", DemoOrganisation.password)
            let outsider = try await login(app, "a1001", DemoOrganisation.password)
            let site = try await WorkforceFlowTests.siteID(app, DemoWorkforce.site)
            #expect(errorCode(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/announcements", ["title": "  ", "body": "x"])) == "missing_field")
            let long = String(repeating: "长", count: 121)
            #expect(errorCode(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/announcements", ["title": long, "body": ""])) == "invalid_field")
            let demo = try await AnnouncementModel.query(on: app.db).count()  // the demo's own, last month
            #expect(try await AnnouncementModel.query(on: app.db).count() == demo)
            let published = try await send(app, .POST, vendor, "/api/v1/sites/\(site)/announcements", ["title": "十二月资费调整", "body": "自 12 月 8 日起……"])
            #expect(published.status == .created)
            let id = try published.content.decode(AnnouncementService.View.self).id

            let unread = try await send(app, .GET, agent, "/api/v1/announcements/unread").content.decode([AnnouncementService.Unread].self)
            #expect(unread.map(\.title) == ["十二月资费调整"])
            // An agent of another site neither sees it nor can mark it.
            #expect(try await send(app, .GET, outsider, "/api/v1/announcements/unread").content.decode([AnnouncementService.Unread].self).isEmpty)
            #expect(try await send(app, .POST, outsider, "/api/v1/announcements/\(id)/read").status == .notFound)
            let after = try await send(app, .POST, agent, "/api/v1/announcements/\(id)/read")
            #expect(after.status == .ok)
            #expect(try after.content.decode([AnnouncementService.Unread].self).isEmpty)
            #expect(try await send(app, .POST, agent, "/api/v1/announcements/\(id)/read").status == .ok)  // again: the first time stays
            #expect(try await AnnouncementReadModel.query(on: app.db).filter(\.$announcementID == id).count() == 1)

            let team = try #require(try await TeamModel.query(on: app.db).filter(\.$name == "华信一组").first()?.id).uuidString
            var meeting: [String: Any] = ["team_id": team, "kind": "pre_shift", "date": "2026-12-06", "started_at": "08:45", "leader": "华信管理员",
                                          "announcement_ids": [UUID().uuidString]]
            #expect(errorCode(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/meetings", meeting)) == "invalid_field")
            #expect(try await TeamMeetingModel.query(on: app.db).filter(\.$date == "2026-12-06").count() == 0)
            meeting["announcement_ids"] = [id.uuidString]
            #expect(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/meetings", meeting).status == .created)

            let list = try await send(app, .GET, vendor, "/api/v1/sites/\(site)/announcements?month=2026-12").content.decode([AnnouncementService.View].self)
            let agents = try await AgentModel.query(on: app.db).filter(\.$siteID == UUID(uuidString: site)!).filter(\.$leftOn == nil).count()
            #expect(list.count == 1 && list[0].read == 1 && list[0].agents == agents && list[0].briefed_teams == ["华信一组"])
        }
    }

    @Test func trainingAndQuizzesAreCheckedWholeAndAWrongAnswerCostsTheSite() async throws {
        try await withWaihu(demo: true, clock: { Self.now }) { app in
            let vendor = try await login(app, "vendor", DemoOrganisation.password)
            let site = try await WorkforceFlowTests.siteID(app, DemoWorkforce.site)
            let team = try #require(try await TeamModel.query(on: app.db).filter(\.$name == "华信一组").first()?.id).uuidString
            let before = try await send(app, .GET, vendor, "/api/v1/sites/\(site)/scorecard?month=2026-12").content.decode(ScorecardService.Card.self)
            let demoAttendees = try await TrainingAttendeeModel.query(on: app.db).count()
            var session: [String: Any] = ["team_id": team, "date": "2026-12-05", "topic": "宽带升级话术", "stage": "on_job", "level": "skills",
                                          "format": "role_play", "hours": 1.5, "trainer": "华信管理员",
                                          "attendees": [["agent": "A1021", "score": 90], ["agent": "A1022", "score": 120]]]
            #expect(errorCode(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/training-sessions", session)) == "invalid_field")
            session["attendees"] = [["agent": "A1021", "score": 90], ["agent": "A1001"]]  // not an agent of 华信
            #expect(errorCode(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/training-sessions", session)) == "invalid_field")
            session["attendees"] = [["agent": "A1021"], ["agent": "A1021"]]
            #expect(errorCode(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/training-sessions", session)) == "invalid_field")
            session["attendees"] = [["agent": "A1021", "score": 90], ["agent": "A1022", "score": 80], ["agent": "A1023"]]
            session["stage"] = "someday"
            #expect(errorCode(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/training-sessions", session)) == "invalid_field")
            #expect(try await TrainingSessionModel.query(on: app.db).filter(\.$topic == "宽带升级话术").count() == 0)
            #expect(try await TrainingAttendeeModel.query(on: app.db).count() == demoAttendees)
            session["stage"] = "on_job"
            let saved = try await send(app, .POST, vendor, "/api/v1/sites/\(site)/training-sessions", session)
            #expect(saved.status == .created)
            let view = try saved.content.decode(TrainingService.View.self)
            #expect(view.mean_score == 85 && view.hours == 1.5 && view.attendees.count == 3)

            var quiz: [String: Any] = ["team_id": team, "date": "2026-12-07", "question": "新资费何时生效？",
                                       "answers": [["agent": "A1021", "correct": false], ["agent": "A1022", "correct": true]]]
            #expect(errorCode(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/quizzes", quiz)) == "invalid_field")  // tomorrow
            quiz["date"] = "2026-12-06"
            #expect(try await send(app, .POST, vendor, "/api/v1/sites/\(site)/quizzes", quiz).status == .created)
            let quizzes = try await send(app, .GET, vendor, "/api/v1/sites/\(site)/quizzes?month=2026-12").content.decode([QuizService.View].self)
            #expect(quizzes.count == 1 && quizzes[0].wrong == ["A1021"] && quizzes[0].correct == ["A1022"])

            let card = try await send(app, .GET, vendor, "/api/v1/sites/\(site)/scorecard?month=2026-12").content.decode(ScorecardService.Card.self)
            let line = try #require(card.lines.first { $0.line == "六.3" })
            #expect(line.occurrences == 1 && line.points == "0.1" && line.source == "computed")
            #expect(Double(card.score)! == Double(before.score)! - 0.1)

            // The page shows all three and records a quiz from its form.
            var page = try await signIn(app, "vendor")
            let html = try await page.get("/training?site=\(site)&month=2026-12").body.string
            #expect(html.contains("宽带升级话术") && html.contains("新资费何时生效？") && html.contains("A1021 90"))
            let posted = try await page.post("/training/quizzes", form: ["site": site, "month": "2026-12", "team": team, "date": "2026-12-06",
                                                                         "question": "取消方式？", "correct": "A1021, A1022", "wrong": "A1999"], csrfFrom: html)
            #expect(posted.status == .badRequest && posted.body.string.contains("A1999"))
            #expect(try await QuizAnswerModel.query(on: app.db).filter(\.$date == "2026-12-06").count() == 2)
        }
    }
}
