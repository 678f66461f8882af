import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

extension BrowserTests {
/// The agent desk in a real Chromium against a running Waihu (the demo, on SQLite): agent A1001 signs in,
/// logs into DEMO-MKT, takes a lead, reads the script filled with the customer's data, fills the
/// questionnaire through its skip rule, records a sale with an order (refused until the customer's
/// confirmation is ticked) and books a callback on the next lead. Every attempt and state change is then
/// read back from the store with its exact time. Screenshots go to `artefacts/browser-desk/`.
@Suite struct DeskBrowserTests {
    static let artefacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("artefacts/browser-desk")

    @Test func anAgentWorksTwoLeadsThroughTheDesk() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 3])
            let saved = try await app.testing().sendRequest(.PUT, "/api/v1/projects/DEMO-MKT/script", headers: jsonHeaders(manager),
                                                            body: json(ScriptAPITests.script))
            #expect(saved.status == .created)
            try await Chromium.session(app, artefacts: Self.artefacts) { browser, base in try await work(browser, base: base, clock: clock) }
            try await checkRecords(app)
        }
    }

    /// What the agent does, as the agent does it: keys R, N, D, F, L and the forms.
    func work(_ browser: Chromium, base: String, clock: ManualClock) async throws {
        let shots = Self.artefacts
        #expect(try await browser.signIn(base, "a1001", DemoOrganisation.password), "a1001 signs in")
        #expect(try await browser.openDesk(base), "the desk is live")
        #expect(try await browser.wait(for: "document.getElementById('desk') !== null"), "the desk opens")
        // The project chosen from the list as a person does (the list keeps the focus): the keys still work.
        try await browser.evaluate("""
            var p = document.getElementById('project'); p.focus(); p.value = 'DEMO-MKT'; p.dispatchEvent(new Event('change'));
            """)

        // 10:00:00 — R: logged into DEMO-MKT, ready.
        try await browser.press("r")
        #expect(try await browser.wait(for: "document.getElementById('state').innerText === '就绪'"), "R: ready")

        // 10:00:05 — N: K0 with its script, its number masked.
        clock.advance(5)
        try await browser.press("n")
        #expect(try await browser.wait(for: "!document.getElementById('call').hidden && document.querySelectorAll('#sections p').length === 2"),
                "N: a lead with its script")
        #expect(try await browser.text("document.getElementById('sections').innerText").contains("北京的畅享用户"), "the script is filled")
        #expect(try await browser.text("document.getElementById('number').innerText") == "138****0100", "the number is masked")
        #expect(try await browser.text("document.getElementById('script-version').innerText") == "v2")
        // No test-call or callback mark on an ordinary first call, and the results are there to choose from.
        #expect(try await browser.wait(for: "getComputedStyle(document.getElementById('test-call-mark')).display === 'none' && getComputedStyle(document.getElementById('callback-mark')).display === 'none'"),
                "no marks on an ordinary call")
        #expect(try await browser.wait(for: "document.getElementById('disposition').selectedOptions[0]?.innerText.length > 0"), "the results are loaded")
        try await browser.screenshot(shots, "1-lead-and-script.png")
        // S puts an undialled lead back; N takes it again (it kept its place).
        try await browser.press("s")
        #expect(try await browser.wait(for: "document.getElementById('call').hidden && document.getElementById('message').innerText.startsWith('已放回')"),
                "S: the lead is put back")
        try await browser.press("n")
        #expect(try await browser.wait(for: "!document.getElementById('call').hidden && document.getElementById('number').innerText === '138****0100'"),
                "N: the same lead again")
        try await browser.press("d")
        let dialled = try await browser.wait(for: "document.getElementById('skip').hidden")
        let said = try await browser.text("document.getElementById('message').innerText")
        #expect(dialled, "a dialled lead cannot be put back; the desk said: \(said)")
        #expect(try await browser.wait(for: "document.getElementById('message').className !== 'error'"), "D: the dial is allowed")

        // The questionnaire: 否 skips the rating, 是 brings it back.
        let score = "document.querySelector('.question[data-id=score]')"
        try await browser.evaluate("document.querySelector('input[name=q_interested][value=否]').click()")
        #expect(try await browser.wait(for: "\(score).hidden"), "否 skips the rating")
        try await browser.evaluate("document.querySelector('input[name=q_interested][value=是]').click()")
        #expect(try await browser.wait(for: "!\(score).hidden"), "是 asks it")
        try await browser.evaluate("""
            document.querySelector('input[name=q_score][value="4"]').click();
            document.querySelector('textarea[name=q_remark]').value = '周末装机';
            var d = document.getElementById('disposition'); d.value = 'success'; d.dispatchEvent(new Event('change'));
            var line = document.querySelector('.order-item');
            line.querySelector('[name=product]').value = '千兆宽带升级';
            line.querySelector('[name=quantity]').value = '1';
            line.querySelector('[name=price]').value = '20';
            line.querySelector('[name=price]').dispatchEvent(new Event('input', {bubbles: true}));
            document.getElementById('order-name').value = '客户零';
            document.getElementById('order-address').value = '北京市海淀区中关村大街 1 号';
            document.getElementById('order-phone').value = '138 0000 0100';
            document.getElementById('order-phone').dispatchEvent(new Event('input', {bubbles: true}));
            """)
        #expect(try await browser.wait(for: "!document.getElementById('order').hidden && document.getElementById('order-total').innerText === '20.00'"),
                "a sale shows the order form and its total")
        // A reload of the desk in the middle of the call: the project, the call and everything typed come back.
        try await browser.evaluate("document.getElementById('project').value = 'DEMO-SAT'")
        #expect(try await browser.openDesk(base), "the desk is live")
        #expect(try await browser.wait(for: "!document.getElementById('call').hidden && document.getElementById('number').innerText === '138****0100'"),
                "the call is back after a reload")
        #expect(try await browser.wait(for: "document.querySelector('textarea[name=q_remark]').value === '周末装机'"), "the remark typed is back")
        #expect(try await browser.wait(for: "document.getElementById('order-total').innerText === '20.00' && !document.getElementById('order').hidden"),
                "the order typed is back")
        #expect(try await browser.text("document.getElementById('project').value") == "DEMO-MKT", "the project logged into is chosen")
        #expect(try await browser.wait(for: "document.getElementById('skip').hidden"), "a dialled lead cannot be put back after a reload either")
        // F without the payment method, then without the read-back: refused, said why beside the result's button.
        try await browser.press("f")
        #expect(try await browser.wait(for: "document.getElementById('finish-message').innerText.includes('交费方式')"), "the order needs its payment method")
        try await browser.evaluate("""
            var p = document.getElementById('order-payment'); p.value = 'cash_on_delivery'; p.dispatchEvent(new Event('change', {bubbles: true}));
            document.getElementById('read-back-button').click();
            """)
        #expect(try await browser.wait(for: "document.querySelectorAll('#read-back-lines input[type=checkbox]').length === 4"),
                "唱单: product, charge, payment and delivery to read")
        #expect(try await browser.text("document.getElementById('read-back-lines').innerText").contains("交费方式：货到付款"))
        try await browser.screenshot(shots, "2-order-read-back.png")
        try await browser.press("f")
        #expect(try await browser.wait(for: "document.getElementById('finish-message').innerText.includes('唱单')"),
                "the order needs every line agreed")

        // 10:01:00 — every line read and agreed, the customer's yes, F: the sale is recorded.
        clock.advance(55)
        try await browser.evaluate("""
            document.querySelectorAll('#read-back-lines input[type=checkbox]').forEach(function (b) { b.click(); });
            document.getElementById('order-yes').click();
            """)
        try await browser.press("f")
        #expect(try await browser.wait(for: "document.getElementById('message').innerText === '已保存'"), "F: the sale is saved")
        #expect(try await browser.wait(for: "document.getElementById('call').hidden"), "the call is done")
        try await browser.screenshot(shots, "3-sale-recorded.png")

        // 10:01:10 — N: K1; a callback for 15:00 the same day; F at 10:01:30.
        clock.advance(10)
        try await browser.press("n")
        #expect(try await browser.wait(for: "!document.getElementById('call').hidden && document.getElementById('number').innerText === '138****0101'"),
                "N: the next lead, K1")
        try await browser.evaluate("""
            var d = document.getElementById('disposition'); d.value = 'callback'; d.dispatchEvent(new Event('change'));
            document.getElementById('callback').value = '2026-11-25T15:00';
            """)
        clock.advance(20)
        try await browser.press("f")
        let booked = try await browser.wait(for: "document.getElementById('message').innerText === '已保存'")
        let message = try await browser.text("document.getElementById('message').innerText")
        #expect(booked, "F: the callback is booked — \(message)")
        #expect(try await browser.wait(for: "document.querySelector('[data-figure=calls]').innerText === '2'"), "today's figures count both calls")
        try await browser.screenshot(shots, "4-callback-booked.png")

        // 10:01:35 — L: logged out.
        clock.advance(5)
        try await browser.press("l")
        #expect(try await browser.wait(for: "document.getElementById('state').innerText === '已签出'"), "L: logged out")
    }

    /// The session as the store holds it.
    func checkRecords(_ app: Application) async throws {
        func at(_ seconds: Double) -> Date { deskMorning.addingTimeInterval(seconds) }
        let agent = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1001").first()?.id)
        let attempts = try await CallAttemptModel.query(on: app.db).filter(\.$agentID == agent).sort(\.$startedAt).all()
        #expect(attempts.map(\.disposition) == ["success", "callback"])
        #expect(attempts.map(\.startedAt) == [at(5), at(70)])
        #expect(attempts.map(\.endedAt) == [at(60), at(90)])
        #expect(attempts.map(\.scriptVersion) == [2, 2])
        let answers = try #require(try await AttemptAnswersModel.query(on: app.db).filter(\.$attemptID == attempts[0].id!).first())
        let decoded = try JSONDecoder().decode([String: Answer].self, from: Data(answers.answers.utf8))
        #expect(decoded == ["interested": .text("是"), "score": .number(4), "remark": .text("周末装机")])
        let order = try #require(try await OrderModel.query(on: app.db).filter(\.$attemptID == attempts[0].id!).first())
        #expect(order.amountCents == 2_000 && order.confirmedAt == at(60) && order.deliveryPhone == "13800000100")
        let callback = try #require(try await LeadModel.find(attempts[1].leadID, on: app.db))
        #expect(callback.customerID == "K1" && callback.deferral == LeadDeferral.callback.rawValue)
        #expect(callback.nextAttemptAt == ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00"))
        // One ready interval from R to L: taking, dialling and finishing a preview call changes no state.
        let intervals = try await AgentStateIntervalModel.query(on: app.db).filter(\.$agentID == agent).sort(\.$startedAt).all()
        #expect(intervals.map(\.state) == ["ready"])
        #expect(intervals.first?.startedAt == at(0) && intervals.first?.endedAt == at(95))
    }
}
}
