import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

extension BrowserTests {
/// Hang up (H) on the desk in a real Chromium, with the live dialer placing the call on the simulated network:
/// the agent dials a preview lead, the customer answers and would talk for an hour, the agent presses H after 30
/// seconds; the call ends at the dialer's next beat and the desk goes to after-call work. Screenshots go to
/// `artefacts/browser-desk/`.
@Suite struct HangUpBrowserTests {
    /// The live dialer stepped by hand on the test's clock, between the browser's actions.
    final class Floor: @unchecked Sendable {
        let service: LiveDialerService
        var floors: [UUID: LiveFloor] = [:]
        init(_ service: LiveDialerService) { self.service = service }
        func step() async throws { try await service.step(&floors) }
    }

    @Test func anAgentHangsUpAConnectedCallWithH() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 1])
            _ = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/dialer", headers: jsonHeaders(manager),
                                                    body: json(["mode": "preview"]))
            var network = NetworkProfile()
            network.answerRate = 1
            network.busyRange = 0 ... 0
            (network.vacantRate, network.suspendedRate, network.poweredOffRate, network.machineRate, network.failedRate) = (0, 0, 0, 0, 0)
            network.talkMean = 3600
            let floor = Floor(LiveDialerService(database: { app.db }, logger: app.logger, clock: { clock.now }, holder: "test", network: network))
            let shots = DeskBrowserTests.artefacts
            try await Chromium.session(app, artefacts: shots) { browser, base in
                #expect(try await browser.signIn(base, "a1001", DemoOrganisation.password))
                #expect(try await browser.openDesk(base), "the desk is live")
                #expect(try await browser.ready(in: "DEMO-MKT"), "R: ready")
                try await browser.press("n")
                #expect(try await browser.wait(for: "!document.getElementById('call').hidden"), "N: the lead")
                try await browser.press("d")
                #expect(try await browser.wait(for: "document.getElementById('skip').hidden"), "D: dialled")
                // The dialer places the call; the customer answers within a minute.
                var talking = false
                for _ in 0 ..< 60 where !talking {
                    clock.advance(1)
                    try await floor.step()
                    talking = try await CallAttemptModel.query(on: app.db).filter(\.$answeredAt != nil).count() == 1
                }
                #expect(talking, "the customer answered")
                #expect(try await browser.wait(for: "document.getElementById('state').innerText === '通话中'"), "the desk shows the call")
                clock.advance(30)
                try await floor.step()
                try await browser.press("h")
                #expect(try await browser.wait(for: "document.getElementById('message').innerText === '正在挂断…'"), "H: hanging up")
                try await browser.screenshot(shots, "5-hanging-up.png")
                clock.advance(1)
                try await floor.step()
                #expect(try await browser.wait(for: "document.getElementById('state').innerText === '后处理'"), "the call is over: after-call work")
                #expect(try await browser.wait(for: "document.getElementById('message').innerText === ''"), "“hanging up” is gone once it is done")
                // The timers run on the server's time (the test's clock), not the computer's.
                #expect(try await browser.text("document.getElementById('in-state').innerText") == "0:00")
                let over = try #require(try await CallAttemptModel.query(on: app.db).first())
                let span = Int(try #require(over.endedAt).timeIntervalSince(try #require(over.answeredAt)).rounded())
                let shown = try await browser.text("document.getElementById('talk').innerText")
                // Times reach the page to the whole second: the answer's fraction may add one.
                #expect(["0:\(span)", "0:\(span + 1)"].contains(shown), "from the answer to the end: \(shown), \(span) s")
                try await browser.screenshot(shots, "6-hung-up-acw.png")
            }
            let call = try #require(try await CallAttemptModel.query(on: app.db).first())
            let answered = try #require(call.answeredAt)
            // Ended at the beat after H (the clock has not moved since), 30 s of talk and the beat after the answer was
            // seen; the talk time runs from the bridge, not before the answer.
            let ended = try #require(call.endedAt)
            #expect(ended == clock.now && ended.timeIntervalSince(answered) >= 31)
            #expect((31 ... Int(ended.timeIntervalSince(answered).rounded())).contains(call.talkSeconds), "talk \(call.talkSeconds)")
        }
    }
}
}
