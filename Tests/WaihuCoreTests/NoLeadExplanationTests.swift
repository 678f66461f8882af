import Foundation
import Testing
import WaihuCore

@Suite struct NoLeadExplanationTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test func outsideTheHoursSaysWhenTheLeadsCanBeCalled() throws {
        // 07:30 on Wednesday 2026-11-25, the standard hours 09:00-21:00: the next opening is 09:00 today.
        let early = try #require(ISO8601DateFormatter().date(from: "2026-11-25T07:30:00+08:00"))
        let text = NoLeadExplanation.explain(refusals: [.outsideWindow: 30], examined: 30, schedule: CallingSchedule(),
                                             at: early, in: shanghai)
        #expect(text.zh == "暂无可拨打的客户：当前不在呼叫时段（09:00-21:00），您名下 30 个客户将于 09:00 后可拨")
        #expect(text.en == "No lead to call now: It is outside the calling hours (09:00-21:00): 30 of your leads can be called from 09:00")
        // After 21:00 the next opening is tomorrow: the date is said too.
        let late = try #require(ISO8601DateFormatter().date(from: "2026-11-25T22:00:00+08:00"))
        let tomorrow = NoLeadExplanation.explain(refusals: [.outsideWindow: 2], examined: 2, schedule: CallingSchedule(),
                                                 at: late, in: shanghai)
        #expect(tomorrow.zh.hasSuffix("您名下 2 个客户将于 2026-11-26 09:00 后可拨"))
    }

    @Test func severalRulesAreListedMostFirstAndNothingLookedAtSaysWhatToDo() {
        let text = NoLeadExplanation.explain(refusals: [.dnc: 1, .monthlyCap: 4], examined: 5, windows: [], opensAt: nil)
        #expect(text.zh == "暂无可拨打的客户：4 个客户受“每月呼叫上限”限制，暂不可拨；1 个客户在禁止呼叫名单上，已跳过")
        let none = NoLeadExplanation.explain(refusals: [:], examined: 0, windows: [], opensAt: nil)
        #expect(none.zh.hasPrefix("您名下暂无可拨打的客户") && none.en.hasPrefix("You have no lead to call now"))
    }
}
