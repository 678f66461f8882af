import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

/// The wallboard's figure alerts, worked out by hand, and what each minute reads: the trailing 14 days once a day,
/// today's events every minute.
@Suite struct AlertServiceTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    /// `count` calls at `hh:mm` local on `day`, the first `connected` of them talked.
    static func calls(_ db: any Database, project: UUID, agent: UUID, day: String, at time: String, count: Int, connected: Int) async throws {
        let start = ISO8601DateFormatter().date(from: "\(day)T\(time):00+08:00")!
        for index in 0 ..< count {
            let call = CallAttemptModel()
            call.projectID = project
            call.agentID = agent
            call.phone = "1390000\(String(format: "%04d", index))"
            call.startedAt = start.addingTimeInterval(Double(index))
            call.endedAt = call.startedAt.addingTimeInterval(60)
            call.prepSeconds = 0
            call.talkSeconds = index < connected ? 40 : 0
            call.acwSeconds = 0
            call.disposition = index < connected ? "refused" : "no_answer"
            call.testCall = false
            call.inProgress = false
            try await call.create(on: db)
        }
    }

    @Test func todaysConnectRateIsHeldAgainstTheSameHourOfTheTrailingDays() async throws {
        try await withWaihu(demo: true, clock: { Date() }) { app in
            let db = app.db
            let project = ProjectModel(code: "ALERT-T", name: "告警测试", type: .marketing, status: .running, target: 10, timeZone: Self.zone.identifier)
            try await project.create(on: db)
            let projectID = try project.requireID()
            let agent = try #require(try await AgentModel.query(on: db).filter(\.$number == "A1001").first()).requireID()
            // Five trailing days at 10:00, each 20 of 40 connected: 50 %, no spread. Today 4 of 40: 10 %.
            for day in 10 ... 14 { try await Self.calls(db, project: projectID, agent: agent, day: "2026-06-\(day)", at: "10:00", count: 40, connected: 20) }
            try await Self.calls(db, project: projectID, agent: agent, day: "2026-06-15", at: "10:00", count: 40, connected: 4)
            let now = ISO8601DateFormatter().date(from: "2026-06-15T10:30:00+08:00")!
            let first = try await AlertService.alerts(project: project, abandonRate: nil, at: now, recount: .inline, on: db)
            #expect(first.map(\.kind) == [.connect_rate_low] && first.first?.hour == 10)
            #expect(first.first?.value == 0.1 && first.first?.usual == 0.5)

            // A minute later: today's new calls are read (44 of 80 = 55 %, no alert); the trailing days are the kept ones,
            // so 400 unconnected calls booked late on the 12th do not move the usual 50 % until tomorrow.
            try await Self.calls(db, project: projectID, agent: agent, day: "2026-06-15", at: "10:10", count: 40, connected: 40)
            try await Self.calls(db, project: projectID, agent: agent, day: "2026-06-12", at: "10:20", count: 400, connected: 0)
            #expect(try await AlertService.alerts(project: project, abandonRate: nil, at: now.addingTimeInterval(60), recount: .inline, on: db).isEmpty)
            try await Self.calls(db, project: projectID, agent: agent, day: "2026-06-15", at: "10:20", count: 120, connected: 0)
            let third = try await AlertService.alerts(project: project, abandonRate: nil, at: now.addingTimeInterval(120), recount: .inline, on: db)
            // 44 of 200 = 22 % against the kept mean of 50 %.
            #expect(third.first?.value == 0.22 && third.first?.usual == 0.5)
            // The next day reads the trailing days afresh, the 12th now 20 of 440 and the 15th 44 of 200: today's 16 of 40
            // (40 %) is above their mean (0.5 × 3 + 20/440 + 0.22) / 5 = 35.3 %, so no alert — where the kept days' 50 %
            // with no spread would have given one (40 % is more than the least gap of 5 points below it).
            try await Self.calls(db, project: projectID, agent: agent, day: "2026-06-16", at: "10:00", count: 40, connected: 16)
            let tomorrow = try await AlertService.alerts(project: project, abandonRate: nil, at: now.addingTimeInterval(86_400), recount: .inline, on: db)
            #expect(tomorrow.isEmpty)
        }
    }

    @Test func theWallboardsLookIsAnsweredWithTheKeptAlertsWhileTheyAreWorkedOutBehindIt() async throws {
        try await withWaihu(demo: true, clock: { Date() }) { app in
            let db = app.db
            let project = ProjectModel(code: "ALERT-B", name: "告警后台", type: .marketing, status: .running, target: 10, timeZone: Self.zone.identifier)
            try await project.create(on: db)
            let projectID = try project.requireID()
            let agent = try #require(try await AgentModel.query(on: db).filter(\.$number == "A1001").first()).requireID()
            // The trailing days at 10:00 connect 50 %; today 4 of 40 (10 %): an alert once worked out.
            for day in 10 ... 14 { try await Self.calls(db, project: projectID, agent: agent, day: "2026-07-\(day)", at: "10:00", count: 40, connected: 20) }
            try await Self.calls(db, project: projectID, agent: agent, day: "2026-07-15", at: "10:00", count: 40, connected: 4)
            let now = ISO8601DateFormatter().date(from: "2026-07-15T10:30:00+08:00")!
            func look(_ at: Date) async throws -> [FigureAlert] {
                try await AlertService.alerts(project: project, abandonRate: nil, at: at, recount: .behind(on: nil), on: db)
            }

            // The first look has none to show yet: the trailing days are read behind it.
            #expect(try await look(now).isEmpty)
            await AlertService.kept.settle()
            #expect(try await look(now).map(\.kind) == [.connect_rate_low])
            // A minute later, 40 connected calls more (44 of 80, 55 %): the look shows the kept alert while the minute's
            // figures are worked out, and the next look shows them.
            try await Self.calls(db, project: projectID, agent: agent, day: "2026-07-15", at: "10:10", count: 40, connected: 40)
            #expect(try await look(now.addingTimeInterval(60)).map(\.kind) == [.connect_rate_low])
            await AlertService.kept.settle()
            #expect(try await look(now.addingTimeInterval(61)).isEmpty)
        }
    }

    @Test func todaysCountIsTheCatalogsCallsConnectedCallsAndComplaintsByHour() async throws {
        // The minute's narrow count of today (`AlertQueries`) against the metric engine over the same records.
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            let db = app.db
            let project = try #require(try await ProjectModel.query(on: db).filter(\.$code == "DEMO-MKT").first())
            let id = try project.requireID()
            let today = LocalTime(deskMorning, in: Self.zone).date
            try await importTenLeads(app, manager: try await login(app, "manager", DemoOrganisation.password))
            let day = DialerSimulation.run(SimulationSettings(mode: .progressive, agents: 5, hours: 1.5, answerRate: 0.5))
            _ = try await SimulationService.store(day, project: try await ProjectService.find("DEMO-MKT", scope: .organisation, on: db),
                                                  date: today, by: .console, at: deskMorning, on: db)
            let agent = try #require(try await AgentModel.query(on: db).filter(\.$number == "A1001").first()).requireID()
            // A test call (in no figure), and complaints: two judged valid, one judged not, one unjudged, one suggestion.
            try await Self.calls(db, project: id, agent: agent, day: "2026-11-25", at: "09:05", count: 3, connected: 1)
            try await CallAttemptModel.query(on: db).filter(\.$phone == "13900000002").set(\.$testCall, to: true).update()
            let attempts = try await CallAttemptModel.query(on: db).filter(\.$projectID == id).filter(\.$testCall == false)
                .filter(\.$talkSeconds > 0).sort(\.$startedAt).all()
            #expect(attempts.count >= 5)
            for (index, (valid, type)) in [(true, "complaint"), (true, "complaint"), (false, "complaint"), (nil, "complaint"), (true, "suggestion")]
                .enumerated() {
                let complaint = ComplaintModel()
                (complaint.phone, complaint.channel, complaint.kind, complaint.note) = (attempts[index].phone, "call", "attitude", "")
                (complaint.registeredBy, complaint.registeredAt, complaint.type) = ("test", deskMorning, type)
                (complaint.valid, complaint.attemptID, complaint.projectID) = (valid, attempts[index].id, id)
                try await complaint.create(on: db)
            }

            let counted = try await AlertQueries.day(project: id, containing: deskMorning, zone: Self.zone, on: db)
            let query = try MetricQuery(projects: ["DEMO-MKT"], from: today, to: today, by: [.hour], timeZone: Self.zone, asOf: deskMorning)
            let rows = MetricEngine(records: try await MetricQueries.records(for: query, on: db), query: query)
                .rows([.calls_made, .connected_calls, .complaints])
            var byHour: [Int: (calls: Int, connected: Int)] = [:]
            for row in rows {
                guard let hour = row.key.bucket?.hour, let calls = row.value(.calls_made), calls > 0 else { continue }
                byHour[hour] = (Int(calls), Int(row.value(.connected_calls) ?? 0))
            }
            #expect(counted.byHour.count == byHour.count && !byHour.isEmpty)
            for (hour, tally) in byHour { #expect(counted.byHour[hour].map { $0 == tally } == true, "hour \(hour)") }
            #expect(counted.complaints == 2)
            #expect(counted.complaints == Int(rows.reduce(0) { $0 + ($1.value(.complaints) ?? 0) }))
        }
    }
}
