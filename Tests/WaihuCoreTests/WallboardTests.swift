import Foundation
import Testing
@testable import WaihuCore

@Suite struct WallboardTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func afterCallWorkLongerThanTheProjectsLimitRaisesAnAlert() {
        func row(seconds: Double, limit: TimeInterval?) -> Wallboard.AgentRow {
            Wallboard.agent(number: "A1", name: "张伟", team: "一组", project: "P", state: .acw, reason: nil,
                            since: now.addingTimeInterval(-seconds), now: now, wrapUpLimit: limit)
        }
        #expect(row(seconds: 121, limit: 120).alert)
        #expect(!row(seconds: 120, limit: 120).alert)
        #expect(!row(seconds: 3_600, limit: nil).alert, "no limit known: no alert")
    }

    @Test func anAgentBusyLongerThanTheLimitRaisesAnAlert() {
        func row(_ state: AgentState, minutes: Double) -> Wallboard.AgentRow {
            Wallboard.agent(number: "A1", name: "张伟", team: "一组", project: "P", state: state, reason: state == .busy ? "meal" : nil,
                            since: now.addingTimeInterval(-minutes * 60), now: now, busyAlert: 15 * 60)
        }
        #expect(row(.busy, minutes: 16).alert)
        #expect(row(.busy, minutes: 16).seconds_in_state == 960)
        #expect(!row(.busy, minutes: 14).alert)
        #expect(!row(.ready, minutes: 60).alert)
    }

    @Test func aProjectsDayIsCountedByTheCategoriesOfItsOwnDispositions() throws {
        var rules = DispositionSet.standard.dispositions
        rules.append(DispositionRule(code: "upgrade_sold", category: .success, name_zh: "升级成功", name_en: "upgrade sold"))
        let set = try DispositionSet(rules).validated()
        // 10 calls: 4 talked, 5 answered by a person (4 bridged, 1 abandoned); 1 still in progress has no disposition.
        let tally = Wallboard.DayTally(calls: 10, connected: 4, answeredByPerson: 5, byDisposition: [
            "success": 1, "upgrade_sold": 1, "completed": 1, "refused": 1, "abandoned": 1, "no_answer": 3, "busy": 1,
        ])
        let row = Wallboard.project(code: "P", name: "项目", dialMode: "predictive", tally: tally, dispositions: set)
        #expect(row.calls == 10 && row.connected == 4)
        #expect(row.connect_rate == 0.4)
        // completed = success + upgrade_sold + completed; successes = success + upgrade_sold.
        #expect(row.completed == 3 && row.successes == 2)
        #expect(row.abandoned == 1 && row.abandon_rate == 0.2)
        let empty = Wallboard.project(code: "P", name: "项目", dialMode: "preview", tally: Wallboard.DayTally(), dispositions: set)
        #expect(empty.connect_rate == nil && empty.abandon_rate == nil)
    }
}
