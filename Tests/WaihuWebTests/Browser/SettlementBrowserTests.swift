import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuCore
@testable import WaihuStore
import WaihuApp
@testable import WaihuWeb

extension BrowserTests {
/// Issue 18's walk in a real Chromium: a manager registers a vendor whose qualification fails one condition and sees
/// which; fixes it and qualifies it; the demo vendor's administrator submits its counts for October, one line is
/// disputed, the manager settles it and approves; the vendor downloads the statement as XLSX. Screenshots go to
/// `artefacts/browser-settlement/`.
@Suite struct SettlementBrowserTests {
    static let artefacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("artefacts/browser-settlement")

    @Test func aVendorIsRegisteredFixedAndItsMonthSettled() async throws {
        let now = ISO8601DateFormatter().date(from: "2026-12-06T10:00:00+08:00")!
        try await withWaihu(demo: true, clock: { now }) { app in
            // October of 华信: successes of DEMO-VIP on two days (the project's approved ¥40 applies), two projects of work.
            let vip = try #require(try await ProjectModel.query(on: app.db).filter(\.$code == "DEMO-VIP").first()).requireID()
            let agent = try #require(try await AgentModel.query(on: app.db).filter(\.$number == "A1021").first()).requireID()
            for day in [10, 10, 10, 20, 20] { _ = try await SettlementFlowTests.call(app, agent: agent, project: vip, day: day, disposition: "success") }
            let manager = try await login(app, "manager", DemoOrganisation.password)
            let statement = try await app.testing().sendRequest(.POST, "/api/v1/settlements", headers: jsonHeaders(manager),
                                                                body: json(["vendor": DemoVendors.huaxin, "month": "2026-10"]))
                .content.decode(SettlementReads.View.self)
            let shots = Self.artefacts

            try await Chromium.session(app, artefacts: shots) { browser, base in
                // The manager registers a vendor with eight seats: the page says which condition fails.
                #expect(try await browser.signIn(base, "manager", DemoOrganisation.password))
                try await browser.open(base + "/vendors")
                try await browser.evaluate("""
                    const f = document.getElementById('vendor-register');
                    f.legal_name.value = '株洲远景外呼有限公司';
                    f.model.value = 'exclusive';
                    f.category_survey.checked = true;
                    f.licence_check_year.value = '2026'; f.tax_registered.checked = true; f.independent_legal_person.checked = true;
                    f.registered_capital.value = '800000'; f.seats.value = '8'; f.agents.value = '18'; f.office_area.value = '60';
                    f.recording_retention_days.value = '120'; f.experience_years.value = '2'; f.warnings_last_year.value = '1';
                    f.submit();
                    """)
                #expect(try await browser.wait(for: "location.pathname.startsWith('/vendors/') && document.getElementById('vendor-conditions') !== null"))
                let failing = try await browser.text("[...document.querySelectorAll('#vendor-conditions tr.alert-row')].map(r => r.dataset.condition).join(',')")
                #expect(failing == "seats", "only the seats fail")
                #expect(try await browser.text("document.querySelector('tr[data-condition=seats]').innerText").contains("8"))
                try await browser.screenshot(shots, "1-condition-failing.png")
                // Granting the qualification is refused with the reason; the seats corrected, it is granted.
                try await browser.evaluate("document.getElementById('vendor-qualify').submit()")
                #expect(try await browser.wait(for: "document.body.innerText.includes('外呼台席不少于 10 个')  && document.querySelector('.error') !== null"))
                try await browser.evaluate("const f = document.getElementById('vendor-edit'); f.seats.value = '12'; f.submit();")
                #expect(try await browser.wait(for: "document.querySelectorAll('#vendor-conditions tr.alert-row').length === 0"))
                try await browser.evaluate("document.getElementById('vendor-qualify').submit()")
                #expect(try await browser.wait(for: "document.getElementById('vendor-summary').innerText.includes('2026-12-06 – 2028-12-05')"),
                        "an exclusive agent: two years")
                try await browser.screenshot(shots, "2-qualified.png")
                #expect(try await browser.signOut())

                // The vendor submits 12 for DEMO-VIP where Waihu counts 5: disputed.
                #expect(try await browser.signIn(base, "vendor", DemoOrganisation.password))
                try await browser.open(base + "/settlements/\(statement.id)")
                try await browser.evaluate("const f = document.getElementById('statement-counts'); f['count_DEMO-VIP'].value = '12'; f.submit();")
                #expect(try await browser.wait(for: "document.querySelector('#reconciliation tr.alert-row[data-project=\"DEMO-VIP\"]') !== null"), "disputed")
                try await browser.screenshot(shots, "3-disputed.png")
                #expect(try await browser.signOut())

                // The manager settles it at 6 with a reason and approves: ¥200 + one unit at ¥40.
                #expect(try await browser.signIn(base, "manager", DemoOrganisation.password))
                try await browser.open(base + "/settlements/\(statement.id)")
                try await browser.evaluate("const f = document.querySelector('.settle-form'); f.units.value = '6'; f.reason.value = '核对通话记录，认可 6 条'; f.submit();")
                #expect(try await browser.wait(for: "document.getElementById('statement-approve') !== null"))
                try await browser.evaluate("document.querySelector('#statement-approve').submit()")
                #expect(try await browser.wait(for: "document.getElementById('statement').innerText.includes('已审批')"))
                #expect(try await browser.text("document.getElementById('statement-total').innerText") == "¥240.00")
                try await browser.screenshot(shots, "4-approved.png")
                #expect(try await browser.signOut())

                // The vendor downloads the workbook.
                #expect(try await browser.signIn(base, "vendor", DemoOrganisation.password))
                try await browser.open(base + "/settlements/\(statement.id)")
                let href = try await browser.text("document.getElementById('statement-xlsx').getAttribute('href')")
                let head = try await browser.text("""
                    fetch('\(href)').then(r => r.arrayBuffer().then(b => r.headers.get('content-type') + ' ' + String.fromCharCode(...new Uint8Array(b).slice(0, 2))))
                    """)
                #expect(head == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet PK", "an XLSX: \(head)")
            }
        }
    }
}
}
