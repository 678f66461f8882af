import Foundation
import Vapor
import WaihuApp
import WaihuCore
@testable import WaihuWeb

/// A small organisation and its records as files, for the metrics tests: three agents on two sites,
/// P1 (target 4) with five leads, one of them rejected at import, P2 with one; seven calls, eight
/// state intervals, three schedules, three orders. `MetricsAPITests` works its figures out by hand.
enum MetricsRecords {
    static let agents = """
        agent,name,site,team,skill,hired_on,left_on
        A1,张一,S1,T1,outbound,2026-01-01,
        A2,张二,S1,T2,outbound,2026-01-01,2026-11-02
        A3,张三,S2,T3,outbound,2026-11-02,
        """

    static let calls = """
        attempt_id,project,lead_id,phone,agent,started_at,answered_at,ended_at,prep_seconds,talk_seconds,acw_seconds,disposition
        a1,P1,L1,13800000001,A1,2026-11-02T09:00:00+08:00,,2026-11-02T09:00:30+08:00,10,0,5,no_answer
        a2,P1,L1,13800000001,A1,2026-11-02T10:00:00+08:00,2026-11-02T10:00:10+08:00,2026-11-02T10:03:30+08:00,20,200,30,success
        a3,P1,L2,13800000002,A2,2026-11-02T09:30:00+08:00,2026-11-02T09:30:10+08:00,2026-11-02T09:30:50+08:00,0,40,10,refused
        a4,P1,L3,13800000003,A2,2026-11-02T15:59:50Z,,2026-11-02T16:00:05Z,0,0,0,vacant
        a5,P1,L3,13800000003,,2026-11-03T08:00:00+08:00,2026-11-03T08:00:09+08:00,2026-11-03T08:00:12+08:00,0,0,0,abandoned
        a6,P1,L2,13800000002,A1,2026-11-03T09:00:00+08:00,2026-11-03T09:00:05+08:00,2026-11-03T09:03:15+08:00,0,190,20,completed
        a8,P2,M1,13900000001,A3,2026-11-03T10:00:00+08:00,2026-11-03T10:00:05+08:00,2026-11-03T10:00:30+08:00,5,25,5,broke_off
        """

    /// Six bad rows after the good ones, on lines 9 to 14.
    static let badCalls = """
        bad1,P9,L1,13800000001,A1,2026-11-03T10:00:00+08:00,,2026-11-03T10:00:30+08:00,0,0,0,busy
        bad2,P1,L1,13800000001,A1,2026-11-03T10:00:00,,2026-11-03T10:00:30+08:00,0,0,0,busy
        bad3,P1,L1,13800000001,A1,2026-11-03T10:00:00+08:00,,2026-11-03T10:00:30+08:00,0,20,0,busy
        bad4,P1,L1,13800000001,A1,2026-11-03T10:00:00+08:00,,2026-11-03T10:00:30+08:00,0,0,0,sold_twice
        bad5,P1,L9,13800000001,A1,2026-11-03T10:00:00+08:00,,2026-11-03T10:00:30+08:00,0,0,0,busy
        bad6,P1,L1,13800000001,A7,2026-11-03T10:00:00+08:00,,2026-11-03T10:00:30+08:00,0,0,0,busy
        """

    static let states = """
        agent,state,started_at,ended_at,reason,project
        A1,ready,2026-11-02T08:00:00+08:00,2026-11-02T09:00:00+08:00,,P1
        A1,talking,2026-11-02T09:00:00+08:00,2026-11-02T10:00:00+08:00,,P1
        A1,busy,2026-11-02T10:00:00+08:00,2026-11-02T10:30:00+08:00,meal,P1
        A1,logged_out,2026-11-02T10:30:00+08:00,2026-11-02T11:00:00+08:00,,
        A1,help,2026-11-02T11:00:00+08:00,2026-11-02T11:10:00+08:00,,P1
        A2,ready,2026-11-02T23:00:00+08:00,2026-11-03T01:00:00+08:00,,P1
        A2,busy,2026-11-03T01:00:00+08:00,2026-11-03T01:15:00+08:00,break,P1
        A3,talking,2026-11-03T10:00:00+08:00,2026-11-03T10:30:00+08:00,,P2
        """

    static let schedules = """
        agent,date,scheduled_seconds,paid_seconds,scheduled_to_attend,attended
        A1,2026-11-02,28800,32400,true,true
        A2,2026-11-02,28800,32400,true,false
        A3,2026-11-03,28800,32400,是,是
        """

    static let orders = """
        order_id,attempt_id,amount,status
        o1,a2,199.00,signed
        o2,a2,50.5,rejected
        o3,a6,100,pending
        """

    static func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "waihu-test-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The organisation, projects, leads and every record above, through the use cases the console calls.
    static func load(_ app: Application) async throws {
        let actor = Caller.console.event("test.load", targetType: "test")
        _ = try await AgentService.importRoster(csv: agents, actor: actor, at: app.now, on: app.db)
        for (code, name, target) in [("P1", "一号", 4), ("P2", "二号", nil)] {
            _ = try await ProjectService.create(.init(code: code, name: name, type: .marketing, target: target),
                                                actor: actor, at: app.now, on: app.db)
        }
        for (project, rows) in [("P1", "L1,13800000001\nL2,13800000002\nL3,13800000003\nL4,13800000004\nL5,12345"), ("P2", "M1,13900000001")] {
            let record = try await ProjectService.find(project, scope: .organisation, on: app.db)
            _ = try await CustomerImportService.importFile(at: try file("customer_id,phone\n" + rows), into: record,
                                                           options: .init(fileName: "\(project).csv", actor: actor, now: app.now),
                                                           on: app.db)
        }
        for (kind, text) in [(RecordKind.calls, calls), (.states, states), (.schedules, schedules), (.orders, orders)] {
            try await importRecords(app, kind, text)
        }
    }

    /// Imports a records file as `waihu import` does.
    static func importRecords(_ app: Application, _ kind: RecordKind, _ text: String) async throws {
        _ = try await RecordImportService.run(kind, path: try file(text), actor: Caller.console.event("records.import", targetType: kind.rawValue),
                                              at: app.now, progress: { _, _ in }, on: app.db)
    }
}
