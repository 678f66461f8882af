import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

extension BrowserTests {
/// The desk items of issue 16 not in `DeskBrowserTests`, in a real Chromium with the live dialer on the simulated
/// network: after a call the customer ended, only the results that fit an answered call are offered and N is refused
/// until the result is in, the call staying on screen; outside the calling hours N says so in a sentence; in a
/// predictive project the desk says it is calling, and a desk left while ready goes busy (away) instead of being put
/// through to. Screenshots go to `artefacts/browser-desk/`.
@Suite struct DeskRefusalsBrowserTests {
    static func network(answerRate: Double, talkMean: Double) -> NetworkProfile {
        var network = NetworkProfile()
        network.answerRate = answerRate
        network.busyRange = 0 ... 0
        (network.vacantRate, network.suspendedRate, network.poweredOffRate, network.machineRate, network.failedRate) = (0, 0, 0, 0, 0)
        network.talkMean = talkMean
        return network
    }

    func setUp(_ app: Application, mode: String) async throws {
        let manager = try await login(app, "manager", DemoOrganisation.password)
        try await importTenLeads(app, manager: manager)
        _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 2])
        _ = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dialer", headers: jsonHeaders(manager), body: json(["mode": mode]))
    }

    @Test func anUnrecordedCallHoldsTheDeskAndTheHoursAreSaidInWords() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            try await setUp(app, mode: "preview")
            let floor = HangUpBrowserTests.Floor(LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now }, holder: "test",
                                                                   network: Self.network(answerRate: 1, talkMean: 5)))
            let shots = DeskBrowserTests.artefacts
            try await Chromium.session(app, artefacts: shots) { browser, base in
                #expect(try await browser.signIn(base, "a1001", DemoOrganisation.password))
                #expect(try await browser.openDesk(base), "the desk is live")
                #expect(try await browser.ready(in: "DEMO-MKT"))
                try await browser.press("n")
                #expect(try await browser.wait(for: "document.getElementById('number').innerText === '138****0100'"))
                try await browser.press("d")
                #expect(try await browser.wait(for: "document.getElementById('skip').hidden"))
                // Answered, a short talk, the customer hangs up: after-call work with no result recorded.
                var over = false
                for _ in 0 ..< 300 where !over {
                    clock.advance(1)
                    try await floor.step()
                    over = try await CallAttemptModel.query(on: app.db).filter(\.$endedAt != nil).filter(\.$answeredAt != nil).count() == 1
                }
                #expect(over, "the customer answered and hung up")
                #expect(try await browser.wait(for: "document.getElementById('state').innerText === '后处理'"))
                // Only results that fit an answered call (item 7).
                #expect(try await browser.wait(for: "document.querySelector('#disposition option[value=no_answer]').disabled && !document.querySelector('#disposition option[value=refused]').disabled"),
                        "无人接听 is not offered for an answered call")
                // N is refused while the call waits for its result, and the call stays on screen (item 3).
                try await browser.press("n")
                #expect(try await browser.wait(for: "document.getElementById('message').innerText.includes('请先提交上一通电话的结果')"), "N refused, said why")
                #expect(try await browser.text("document.getElementById('number').innerText") == "138****0100", "the unrecorded call stays")
                try await browser.screenshot(shots, "7-result-first.png")
                try await browser.evaluate("""
                    var d = document.getElementById('disposition'); d.value = 'refused'; d.dispatchEvent(new Event('change'));
                    var r = document.getElementById('refusal-reason'); r.value = 'price'; r.dispatchEvent(new Event('change', {bubbles: true}));
                    """)
                try await browser.press("f")
                #expect(try await browser.wait(for: "document.getElementById('message').innerText === '已保存'"), "F: recorded")
                // 21:30 — past the calling hours: N says so in a sentence (item 6).
                clock.advance(11.5 * 3600)
                try await browser.press("n")
                #expect(try await browser.wait(for: "document.getElementById('message').innerText.includes('当前不在呼叫时段')"),
                        "outside the hours, said in words")
                #expect(!(try await browser.text("document.getElementById('message').innerText").contains("outside_window")))
                try await browser.screenshot(shots, "8-outside-hours.png")
            }
        }
    }

    @Test func aDeskLeftWhileReadyInAPredictiveProjectGoesAway() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            try await setUp(app, mode: "predictive")
            let floor = HangUpBrowserTests.Floor(LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now }, holder: "test",
                                                                   network: Self.network(answerRate: 0, talkMean: 60)))
            let agent = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1001").first()?.requireID())
            try await Chromium.session(app, artefacts: DeskBrowserTests.artefacts) { browser, base in
                #expect(try await browser.signIn(base, "a1001", DemoOrganisation.password))
                #expect(try await browser.openDesk(base), "the desk is live")
                try await browser.evaluate("var p = document.getElementById('project'); p.value = 'DEMO-MKT'; p.dispatchEvent(new Event('change'));")
                try await browser.press("r")
                #expect(try await browser.wait(for: "document.getElementById('state').innerText === '就绪' && !document.getElementById('dialling-for-you').hidden"),
                        "ready, and the desk says it is calling (item 9)")
                try await browser.screenshot(DeskBrowserTests.artefacts, "9-dialling-for-you.png")
                // The agent moves to another page: the desk stops asking; 11 seconds later the dialer finds it gone (item 2).
                try await browser.open(base + "/")
                for _ in 0 ..< 12 {
                    clock.advance(1)
                    try await floor.step()
                }
                let current = try await AgentStateQueries.current(agent: agent, on: app.db)
                #expect(current.state == .busy && current.reason == BusyReason.away.rawValue, "away, not ready: \(current.state)")
                #expect(try await browser.openDesk(base), "the desk is live")
                #expect(try await browser.wait(for: "document.getElementById('state').innerText === '示忙'"), "back at the desk: busy until R")
            }
        }
    }
}
}
