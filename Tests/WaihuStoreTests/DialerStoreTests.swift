import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore

/// What the dialer, the desk and the wallboard keep in the store, on SQLite and PostgreSQL alike (in the
/// serialized store suite: the PostgreSQL database is shared).
extension StoreTests {
    var nine: Date { Date(timeIntervalSince1970: 1_796_000_400) }  // 2026-11-30 09:00 Shanghai (01:00 UTC)

    func agentAndProject(on db: any Database) async throws -> (agent: UUID, project: UUID) {
        let site = SiteModel(name: "总部", kind: .own)
        try await site.create(on: db)
        let agent = AgentModel(number: "A1", name: "张伟", skill: Skill.outbound.rawValue, siteID: try site.requireID(), teamID: nil,
                               hiredOn: "2025-01-01", leftOn: nil)
        try await agent.create(on: db)
        let project = ProjectModel(code: "P", name: "项目", type: .marketing, status: .running,
                                   target: nil, timeZone: "Asia/Shanghai")
        try await project.create(on: db)
        return (try agent.requireID(), try project.requireID())
    }

    @Test(arguments: testDatabases)
    func agentStatesAreIntervalsAndARefusedChangeWritesNothing(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            let (agent, project) = try await agentAndProject(on: db)
            try await AgentStateQueries.change(agent: agent, to: .ready, project: project, at: nine, source: "desk", on: db)
            try await AgentStateQueries.change(agent: agent, to: .busy, reason: "meal", at: nine.addingTimeInterval(60), source: "desk", on: db)
            struct No: Error {}
            await #expect(throws: No.self) {
                try await AgentStateQueries.change(agent: agent, to: .ready, at: nine.addingTimeInterval(90), source: "desk",
                                                   check: { _ in throw No() }, on: db)
            }
            let now = try await AgentStateQueries.current(agent: agent, on: db)
            #expect(now.state == .busy && now.reason == "meal" && now.projectID == project && now.since == nine.addingTimeInterval(60))
            #expect(try await AgentStateQueries.present(project: project, on: db).map(\.state) == [.busy])
            try await AgentStateQueries.change(agent: agent, to: .logged_out, at: nine.addingTimeInterval(120), source: "desk", on: db)
            #expect(try await AgentStateQueries.loggedIn(on: db).isEmpty)
            #expect(try await AgentStateQueries.current(agent: agent, on: db).state == .logged_out)
            let intervals = try await AgentStateIntervalModel.query(on: db).sort(\.$startedAt).all()
            #expect(intervals.map(\.state) == ["ready", "busy"])
            #expect(intervals.map(\.endedAt) == [nine.addingTimeInterval(60), nine.addingTimeInterval(120)])
        }
    }

    @Test func aDayEndsAtLocalMidnight() throws {
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let midnight = nine.addingTimeInterval(15 * 3_600)  // 2026-12-01 00:00 Shanghai
        #expect(DayEnd.closing(intervalStartedAt: nine, now: midnight.addingTimeInterval(-1), zone: shanghai) == nil)
        #expect(DayEnd.closing(intervalStartedAt: nine, now: midnight, zone: shanghai) == midnight)
        #expect(DayEnd.closing(intervalStartedAt: nine.addingTimeInterval(14 * 3_600 + 3_599), now: midnight.addingTimeInterval(86_400),
                               zone: shanghai) == midnight)
    }

    @Test(arguments: testDatabases)
    func anAgentLeftLoggedInIsLoggedOutAtTheEndOfTheDayFlagged(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            let (agent, project) = try await agentAndProject(on: db)
            let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
            try await AgentStateQueries.change(agent: agent, to: .ready, project: project, at: nine.addingTimeInterval(8 * 3_600),
                                               source: "desk", on: db)
            // Still the same day at 23:59: nothing happens.
            #expect(try await AgentStateQueries.closeDaysEnded(at: nine.addingTimeInterval(15 * 3_600 - 60), zone: shanghai, on: db) == 0)
            #expect(try await AgentStateQueries.closeDaysEnded(at: nine.addingTimeInterval(16 * 3_600), zone: shanghai, on: db) == 1)
            let interval = try #require(try await AgentStateIntervalModel.query(on: db).first())
            #expect(interval.endedAt == nine.addingTimeInterval(15 * 3_600) && interval.autoClosed)
            #expect(try await AgentStateQueries.current(agent: agent, on: db).state == .logged_out)
            #expect(try await AgentStateQueries.closeDaysEnded(at: nine.addingTimeInterval(17 * 3_600), zone: shanghai, on: db) == 0)
        }
    }

    @Test(arguments: testDatabases)
    func oneHolderAtATimeAndTheDaysCallsAreCounted(_ location: DatabaseLocation) async throws {
        try await withDatabase(location) { db in
            let (agent, project) = try await agentAndProject(on: db)
            #expect(try await DialerLeaseQueries.claim(project: project, holder: "a", until: nine.addingTimeInterval(10), at: nine, on: db))
            #expect(try await !DialerLeaseQueries.claim(project: project, holder: "b", until: nine.addingTimeInterval(10), at: nine, on: db))
            try await DialerLeaseQueries.release(project: project, holder: "a", on: db)
            #expect(try await DialerLeaseQueries.claim(project: project, holder: "b", until: nine.addingTimeInterval(10), at: nine, on: db))

            // Today: a sale (talked), an abandoned call, a machine, a call still ringing; yesterday: one more; a test call.
            func attempt(_ minutes: Double, talk: Int, answered: Bool, disposition: String?, test: Bool = false) async throws {
                let model = CallAttemptModel()
                model.projectID = project
                model.phone = "13900000000"
                model.agentID = talk > 0 ? agent : nil
                model.startedAt = nine.addingTimeInterval(minutes * 60)
                model.answeredAt = answered ? model.startedAt.addingTimeInterval(10) : nil
                model.prepSeconds = 0
                model.talkSeconds = talk
                model.acwSeconds = 0
                model.disposition = disposition
                model.testCall = test
                model.inProgress = disposition == nil
                try await model.create(on: db)
            }
            try await attempt(1, talk: 120, answered: true, disposition: "success")
            try await attempt(2, talk: 0, answered: true, disposition: "abandoned")
            try await attempt(3, talk: 0, answered: false, disposition: "answering_machine")
            try await attempt(4, talk: 0, answered: false, disposition: nil)
            try await attempt(-24 * 60, talk: 60, answered: true, disposition: "refused")
            try await attempt(5, talk: 60, answered: true, disposition: "completed", test: true)
            let from = nine.addingTimeInterval(-3_600), to = nine.addingTimeInterval(3_600)
            let tally = try await WallboardQueries.dayTally(project: project, from: from, to: to, on: db)
            #expect(tally == Wallboard.DayTally(calls: 4, connected: 1, answeredByPerson: 2,
                                                byDisposition: ["success": 1, "abandoned": 1, "answering_machine": 1]))
            #expect(try await AttemptQueries.abandonTally(project: project, from: from, to: to, on: db)
                    == AbandonTally(answeredByPerson: 2, abandoned: 1))
            // The desk's own figures: the agent's ended calls of the range, test calls left out (on PostgreSQL the talk
            // time's sum is NUMERIC unless cast: every desk status with a call today failed there).
            #expect(try await AttemptQueries.tally(agent: agent, from: from, to: to, on: db)
                    == [AttemptQueries.Tally(project: project, disposition: "success", answered: true, calls: 1, talkSeconds: 120)])
        }
    }
}
