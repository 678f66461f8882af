import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

extension BrowserTests {
/// Issue 17's walk in a real Chromium: an inspector takes a task from the queue, plays its recording and scores the
/// call with a fatal item and a finding; the agent sees the unqualified ticket and appeals; another inspector decides
/// the appeal; the penalty ledger shows the booked entry. Screenshots go to `artefacts/browser-quality/`.
@Suite struct QualityBrowserTests {
    static let artefacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("artefacts/browser-quality")

    /// One second of silence as an 8 kHz, 16-bit mono WAV.
    static func silence() -> Data {
        let samples = 8_000
        func le(_ value: Int, _ bytes: Int) -> Data { Data((0 ..< bytes).map { UInt8((value >> (8 * $0)) & 0xFF) }) }
        var wav = Data("RIFF".utf8) + le(36 + samples * 2, 4) + Data("WAVEfmt ".utf8)
        wav += le(16, 4) + le(1, 2) + le(1, 2) + le(8_000, 4) + le(16_000, 4) + le(2, 2) + le(16, 2)
        wav += Data("data".utf8) + le(samples * 2, 4) + Data(count: samples * 2)
        return wav
    }

    @Test func aReviewIsScoredAppealedDecidedAndBooked() async throws {
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-11-25T15:00:00+08:00")!)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            try await DemoCalling.seed(at: clock.now, on: app.db)
            try await DemoHistory.seed(app, at: clock.now)
            let admin = try await login(app, "admin", adminPassword)
            let second = try await app.testing().sendRequest(.POST, "/api/v1/users", headers: jsonHeaders(admin),
                                                             body: json(["username": "qa2", "display_name": "钱质检", "role": "qa", "password": DemoOrganisation.password]))
            #expect(second.status == .created)
            // Their first password set already, as after their first sign-in.
            let qa2 = try #require(try await UserModel.query(on: app.db).filter(\.$username == "qa2").first())
            qa2.mustChangePassword = false
            try await qa2.save(on: app.db)
            let qa = try await login(app, "qa", DemoOrganisation.password)
            let sampled = try await app.testing().sendRequest(.POST, "/api/v1/projects/DEMO-MKT/qa/samples", headers: jsonHeaders(qa),
                                                              body: json(["from": "2026-11-18", "to": "2026-11-24", "per_agent": 1, "seed": 3,
                                                                          "inspectors": ["qa"]]))
            #expect(sampled.status == .ok)
            let task = try #require(try await app.testing().sendRequest(.GET, "/api/v1/qa/tasks", headers: jsonHeaders(qa))
                .content.decode([QualityReads.Task].self).first)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-walk-\(UUID().uuidString).wav").path
            try Self.silence().write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let linked = try await app.testing().sendRequest(.POST, "/api/v1/records/recordings",
                                                             headers: ["Authorization": "Bearer \(admin)", "Content-Type": "text/csv"],
                                                             body: ByteBuffer(string: "attempt_id,path_or_url,duration_seconds\n\(task.attempt_id),\(path),1\n"))
            #expect(try linked.content.decode(RecordImportReport.self).stored == 1)
            let call = try #require(try await CallAttemptModel.find(task.attempt_id, on: app.db))
            let agentNumber = try #require(try await AgentModel.find(try #require(call.agentID), on: app.db)).number.lowercased()
            let shots = Self.artefacts

            try await Chromium.session(app, artefacts: shots) { browser, base in
                // The inspector: the queue, the first task, its recording played.
                #expect(try await browser.signIn(base, "qa", DemoOrganisation.password))
                try await browser.open(base + "/qa")
                #expect(try await browser.wait(for: "document.querySelector('#qa-queue a.button') !== null"))
                try await browser.evaluate("document.querySelector('#qa-queue a.button').click()")
                #expect(try await browser.wait(for: "location.pathname === '/qa/tasks/\(task.id)' && document.readyState === 'complete'"), "the first task of the queue")
                try await browser.evaluate("document.querySelector('audio').play()")
                #expect(try await browser.wait(for: "document.querySelector('audio').ended || document.querySelector('audio').currentTime > 0"),
                        "the recording plays")
                // Every item met but F2 (the charges not stated), and a finding of bad attitude.
                try await browser.evaluate("""
                    document.querySelectorAll('#qa-score input[type=radio][value=pass]').forEach(r => r.checked = true);
                    document.querySelector('#qa-score input[name=m_F2][value=fail]').checked = true;
                    document.querySelectorAll('#qa-score input[type=number][name^=m_]').forEach(i => i.value = i.max === '99' ? '0' : i.max);
                    document.querySelector('#qa-score input[name=f_attitude]').checked = true;
                    document.querySelector('#qa-score input[name=fn_attitude]').value = '语气生硬，催促客户';
                    document.querySelector('#qa-score textarea[name=comment]').value = '未说明资费';
                    """)
                try await browser.screenshot(shots, "1-scoring.png")
                try await browser.evaluate("document.getElementById('qa-score').submit()")
                #expect(try await browser.wait(for: "location.pathname.startsWith('/qa/reviews/') && document.body.innerText.includes('不合格工单')"),
                        "the review: an unqualified ticket")
                #expect(try await browser.text("document.getElementById('qa-result').innerText").contains("服务态度差"))
                try await browser.screenshot(shots, "2-unqualified.png")
                let reviewPath = try await browser.text("location.pathname")
                #expect(try await browser.signOut())

                // The agent: their ticket on 我的质检, appealed.
                #expect(try await browser.signIn(base, agentNumber, DemoOrganisation.password))
                try await browser.open(base + "/qa/mine")
                #expect(try await browser.wait(for: "document.querySelector('tr.bad a[href=\"\(reviewPath)\"]') !== null"), "the agent sees the unqualified ticket")
                try await browser.evaluate("document.querySelector('tr.bad a').click()")
                #expect(try await browser.wait(for: "document.getElementById('qa-appeal') !== null"))
                try await browser.evaluate("""
                    document.querySelector('#qa-appeal textarea[name=reason]').value = '我在 1:10 说明了每月 20 元';
                    document.getElementById('qa-appeal').submit();
                    """)
                #expect(try await browser.wait(for: "document.body.innerText.includes('我在 1:10 说明了每月 20 元') && document.getElementById('qa-appeal') === null"))
                try await browser.screenshot(shots, "3-appealed.png")
                #expect(try await browser.signOut())

                // Another inspector decides it: upheld.
                #expect(try await browser.signIn(base, "qa2", DemoOrganisation.password))
                try await browser.open(base + "/qa")
                #expect(try await browser.wait(for: "document.querySelector('#qa-appeals a[href=\"\(reviewPath)\"]') !== null"), "the appeal waits for qa2")
                try await browser.open(base + reviewPath)
                try await browser.evaluate("""
                    document.querySelector('#qa-decision select[name=outcome]').value = 'upheld';
                    document.querySelector('#qa-decision input[name=note]').value = '复听录音，未提及资费';
                    document.getElementById('qa-decision').submit();
                    """)
                #expect(try await browser.wait(for: "document.body.innerText.includes('复听录音，未提及资费') && document.getElementById('qa-decision') === null"))
                try await browser.screenshot(shots, "4-decided.png")
                #expect(try await browser.signOut())

                // The agent's ledger: ¥50 for the unqualified ticket, ¥30 for the attitude.
                #expect(try await browser.signIn(base, agentNumber, DemoOrganisation.password))
                try await browser.open(base + "/penalties?month=2026-11")
                #expect(try await browser.wait(for: "document.getElementById('penalty-entries').innerText.includes('不合格工单')"))
                let ledger = try await browser.text("document.getElementById('penalty-totals').innerText")
                #expect(ledger.contains("扣除奖金") && ledger.contains("¥80"), "50 + 30 in one total")
                try await browser.screenshot(shots, "5-ledger.png")
            }
        }
    }
}
}
