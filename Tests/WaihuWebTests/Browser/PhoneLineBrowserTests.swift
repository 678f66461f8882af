import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuWeb

extension BrowserTests {
/// The phone line in a real Chromium, as `waihu serve --telephony sip` reports it: agent A1001's phone does not
/// answer (Waihu is calling it again), which the desk shows in red beside the state, and the supervisor's wallboard
/// shows in its phone column. Screenshots go to `artefacts/browser-desk/`.
@Suite struct PhoneLineBrowserTests {
    @Test func theDeskAndTheWallboardShowAPhoneThatIsDown() async throws {
        try await withWaihu(demo: true, phoneLines: { username in
            username == "a1001" ? PhoneLine(status: "down", reason: "480 Temporarily Unavailable") : PhoneLine(status: "not_configured")
        }) { app in
            let shots = DeskBrowserTests.artefacts
            try await Chromium.session(app, artefacts: shots) { browser, base in
                #expect(try await browser.signIn(base, "a1001", DemoOrganisation.password))
                #expect(try await browser.openDesk(base), "the desk is live")
                #expect(try await browser.ready(in: "DEMO-MKT"), "R: ready")
                #expect(try await browser.wait(for: "!document.getElementById('phone').hidden"), "the phone line is shown")
                #expect(try await browser.text("document.getElementById('phone-line').innerText") == "未接通，正在重拨")
                #expect(try await browser.text("document.getElementById('phone-line').dataset.state") == "busy", "in red")
                #expect(try await browser.text("document.getElementById('phone-reason').innerText") == "480 Temporarily Unavailable")
                try await browser.screenshot(shots, "7-phone-line-down.png")

                #expect(try await browser.signOut())
                #expect(try await browser.signIn(base, "supervisor", DemoOrganisation.password))
                try await browser.open(base + "/wallboard")
                #expect(try await browser.wait(for: "!document.getElementById('phone-column').hidden"), "the wallboard's phone column")
                let row = try await browser.text("document.getElementById('agents').innerText")
                #expect(row.contains("A1001") && row.contains("未接通，正在重拨 · 480 Temporarily Unavailable"), "\(row)")
                #expect(try await browser.text("document.querySelector('#agents td.error') && document.querySelector('#agents td.error').innerText")
                    .hasPrefix("未接通"), "the line that is down in red")
                // The time of the figures in the page's language: 24-hour on the Chinese page, whatever the browser's own.
                let updated = try await browser.text("document.getElementById('updated').innerText")
                #expect(updated.wholeMatch(of: /\d{2}:\d{2}:\d{2}/) != nil, "the Chinese wallboard's time \(updated)")
                try await browser.screenshot(shots, "8-wallboard-phone-line.png")
            }
        }
    }
}
}
