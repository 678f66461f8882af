import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

extension BrowserTests {
/// Issue 19's walk in a real Chromium: a supervisor sets a day of the roster from the grid (a shift that ends before it
/// starts is refused and changes nothing); 华信's administrator uploads its overdue daily analysis and finds the day
/// late on its scorecard. Screenshots go to `artefacts/browser-workforce/`.
@Suite struct WorkforceBrowserTests {
    static let artefacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("artefacts/browser-workforce")

    @Test func aSupervisorEditsTheRosterAndAVendorSubmitsLate() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-12-06T10:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            let shots = Self.artefacts
            try await Chromium.session(app, artefacts: shots) { browser, base in
                #expect(try await browser.signIn(base, "supervisor", DemoOrganisation.password))
                try await browser.open(base + "/roster?month=2026-12")
                let cell = "document.querySelector('tr[data-agent=A1001] td[data-date=\"2026-12-08\"]')"
                // The cell's link opens the form on that agent and day.
                try await browser.evaluate("\(cell).querySelector('a').click()")
                #expect(try await browser.wait(for: "location.search.includes('date=2026-12-08') && document.getElementById('roster-edit').date.value === '2026-12-08'"))
                // Ends before it starts: refused with the reason, nothing saved.
                try await browser.evaluate("""
                    const f = document.getElementById('roster-edit');
                    f.querySelector('input[name=kind][value=shift]').checked = true;
                    f.shift_start.value = '18:00'; f.shift_end.value = '09:00'; f.submit();
                    """)
                #expect(try await browser.wait(for: "document.querySelector('.error') !== null && document.body.innerText.includes('须晚于开始时间')"))
                try await browser.open(base + "/roster?month=2026-12")
                #expect(try await browser.text("\(cell).innerText.trim()") == "·")
                try await browser.evaluate("\(cell).querySelector('a').click()")
                #expect(try await browser.wait(for: "document.getElementById('roster-edit').date.value === '2026-12-08'"))
                try await browser.evaluate("""
                    const f = document.getElementById('roster-edit');
                    f.querySelector('input[name=kind][value=shift]').checked = true;
                    f.shift_start.value = '09:00'; f.shift_end.value = '18:00'; f.break_minutes.value = '60'; f.submit();
                    """)
                #expect(try await browser.wait(for: "\(cell) !== null && \(cell).innerText.includes('09:00–18:00')"))
                #expect(try await browser.text("document.querySelector('tr[data-agent=A1001]').lastElementChild.previousElementSibling.innerText") == "8.0")
                try await browser.screenshot(shots, "1-roster.png")
                #expect(try await browser.signOut())

                // 华信's administrator: Friday's analysis was due Saturday 10:00 and is not in.
                #expect(try await browser.signIn(base, "vendor", DemoOrganisation.password))
                try await browser.open(base + "/submissions?month=2026-12")
                let row = "document.querySelector('tr[data-kind=daily_analysis][data-period=\"2026-12-04\"]')"
                #expect(try await browser.wait(for: "\(row) !== null && \(row).classList.contains('submission-overdue')"))
                try await browser.evaluate("""
                    const f = document.getElementById('submission-upload');
                    f.kind.value = 'daily_analysis'; f.period.value = '2026-12-04';
                    const files = new DataTransfer();
                    files.items.add(new File(['12月4日接通率偏低，原因：数据质量'], '日报分析-1204.txt', {type: 'text/plain'}));
                    f.file.files = files.files;
                    f.submit();
                    """)
                #expect(try await browser.wait(for: "\(row) !== null && \(row).classList.contains('submission-late')"))
                #expect(try await browser.text("\(row).children[5].innerText") == "1")
                try await browser.screenshot(shots, "2-submitted-late.png")
                try await browser.open(base + "/scorecard?month=2026-12")
                let line = "document.querySelector('#scorecard-lines tr[data-line=\"七.8\"]')"
                #expect(try await browser.wait(for: "\(line) !== null"))
                #expect(try await browser.text("\(line).lastElementChild.innerText") == "-0.2")
                #expect(try await browser.text("document.querySelector('#scorecard-items').innerText").contains("工作日报分析（2026-12-04）迟交 1 天"))
                try await browser.screenshot(shots, "3-scorecard.png")
            }
        }
    }
    @Test func anAgentReadsTheDaysAnnouncementOnTheDesk() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-12-06T10:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            let shots = Self.artefacts
            try await Chromium.session(app, artefacts: shots) { browser, base in
                // 华信's administrator publishes an announcement from the training page.
                #expect(try await browser.signIn(base, "vendor", DemoOrganisation.password))
                try await browser.open(base + "/training?month=2026-12")
                try await browser.evaluate("""
                    const f = document.getElementById('announcement-publish');
                    f.title.value = '周一起启用新话术'; f.body.value = '请先熟悉第三节的异议处理。'; f.submit();
                    """)
                let row = "document.querySelector('tr[data-announcement=\"周一起启用新话术\"]')"
                #expect(try await browser.wait(for: "\(row) !== null"))
                #expect(try await browser.text("\(row).querySelector('[data-read]').innerText").hasPrefix("0 / "))
                #expect(try await browser.signOut())

                // An agent of 华信 finds it on the desk and marks it read; it leaves the desk.
                #expect(try await browser.signIn(base, "a1021", DemoOrganisation.password))
                try await browser.open(base + "/desk")
                let box = "document.getElementById('announcements-box')"
                #expect(try await browser.wait(for: "!\(box).hidden && \(box).innerText.includes('周一起启用新话术')"))
                try await browser.screenshot(shots, "4-desk-announcement.png")
                try await browser.evaluate("\(box).querySelector('button[data-read]').click()")
                #expect(try await browser.wait(for: "\(box).hidden"))
                #expect(try await browser.signOut())

                #expect(try await browser.signIn(base, "vendor", DemoOrganisation.password))
                try await browser.open(base + "/training?month=2026-12")
                #expect(try await browser.wait(for: "\(row) !== null"))
                #expect(try await browser.text("\(row).querySelector('[data-read]').innerText").hasPrefix("1 / "))
            }
        }
    }
}
}
