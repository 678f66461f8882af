import Fluent
import Foundation
import Testing
import Vapor
@testable import WaihuApp
@testable import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

extension BrowserTests {
/// Every role of the demo walks every page of its navigation, and the pages behind them a person opens
/// next (a project, its leads, its dashboard, a report), in a real Chromium at 1440×900 in Chinese. Each
/// page is read as a person reads it: no raw codes, no UTC or ISO times, no UUIDs or JSON, no error page,
/// nothing wider than the screen. Screenshots of every page go to `artefacts/browser-roles/`.
@Suite struct RoleWalkBrowserTests {
    static let artefacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("artefacts/browser-roles")

    /// The pages opened after the navigation's, by role: where a person goes next. `follow:` takes the first
    /// link the selector finds on the page before.
    static let further: [String: [String]] = [
        "manager": ["/projects/DEMO-MKT", "/projects/DEMO-MKT/leads", "follow:table a[href*='/leads/']",
                    "follow:a[href$='/decisions']", "/projects/DEMO-MKT/script",
                    "/reports/projects/DEMO-MKT", "/reports/agents", "/reports/planning",
                    "/reports/definitions", "/reports/metrics?by=hour&metrics=calls_made,connect_rate", "/audit",
                    "/projects/DEMO-MKT/dispositions", "/orders?status=pending",
                    "/vendors", "follow:#vendor-list a", "/price-lists", "/settlements", "follow:#statement-list table a",
                    "follow:#statement table a", "/vendors/compare"],
        "supervisor": ["/projects/DEMO-MKT", "/projects/DEMO-MKT/leads", "/reports/projects/DEMO-MKT"],
        "qa": ["/reports/projects/DEMO-MKT"],
        "vendor": ["/projects/DEMO-MKT", "/reports/agents", "/vendors", "follow:#vendor-list a", "/settlements", "follow:#statement-list table a"],
        "auditor": ["/projects/DEMO-MKT", "/reports/projects/DEMO-MKT"],
        "admin": [],
        "a1001": [],
    ]

    @Test func everyRoleReadsEveryPageAsAPerson() async throws {
        let clock = ManualClock(deskMorning)
        try await withWaihu(demo: true, clock: { clock.now }) { app in
            try await DemoCalling.seed(at: clock.now, on: app.db)
            try await DemoHistory.seed(app, at: clock.now)
            try await DemoQuality.seed(app, at: clock.now)
            try await DemoVendors.settle(app, at: clock.now)
            _ = try await ReportService.writeDue(at: clock.now, on: app.db)
            let manager = try await login(app, "manager", DemoOrganisation.password)
            try await importTenLeads(app, manager: manager)
            _ = try await allocate(app, manager, ["agents": ["A1001"], "mode": "count", "count": 3])
            var findings: [String] = []
            try await Chromium.session(app, artefacts: Self.artefacts) { browser, base in
                for user in ["manager", "supervisor", "qa", "vendor", "auditor", "admin", "a1001"] {
                    findings += try await walk(browser, as: user, base: base)
                }
            }
            #expect(findings.isEmpty, "what a person would not accept:\n\(findings.joined(separator: "\n"))")
        }
    }

    func walk(_ browser: Chromium, as user: String, base: String) async throws -> [String] {
        let password = user == "admin" ? adminPassword : DemoOrganisation.password
        #expect(try await browser.signIn(base, user, password), "\(user) signs in")
        let navigation = try await browser.text("JSON.stringify([...document.querySelectorAll('header nav a')].map(a => a.getAttribute('href')))")
        let links = (try? JSONDecoder().decode([String].self, from: Data(navigation.utf8))) ?? []
        #expect(!links.isEmpty, "\(user) has a navigation")
        var findings: [String] = []
        for (index, step) in (links + (Self.further[user] ?? [])).enumerated() {
            var path = step
            if step.hasPrefix("follow:") {
                path = try await browser.text("(function () { var a = document.querySelector(\"\(step.dropFirst(7))\"); return a ? a.getAttribute('href') : ''; })()")
                guard !path.isEmpty else { findings.append("\(user): no link \(step)"); continue }
            }
            try await browser.open(base + path)
            let name = "\(user)-\(String(format: "%02d", index))-\(path.split(separator: "/").prefix(3).joined(separator: "_")).png"
            try await browser.screenshot(Self.artefacts, name.replacingOccurrences(of: "-.png", with: "-home.png"))
            for problem in try await read(browser) { findings.append("\(user) \(path): \(problem)") }
        }
        try await browser.evaluate("document.querySelector('form[action=\"/logout\"]').submit()")
        _ = try await browser.wait(for: "location.pathname === '/login'")
        return findings
    }

    /// What a person reading the page would stumble on; empty when the page reads well.
    func read(_ browser: Chromium) async throws -> [String] {
        let report = try await browser.text("""
            (() => {
              const text = document.body.innerText;
              const found = [];
              const look = (what, pattern) => { const m = text.match(pattern); if (m) found.push(what + ': ' + m[0]); };
              look('an ISO or UTC time', /\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}|\\d{2}:\\d{2}(:\\d{2})?Z\\b|\\bUTC\\b/);
              look('a UUID', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i);
              look('JSON', /[{\\[]"[a-z_]+"\\s*:/);
              look('a Swift value dump', /\\[[a-zA-Z]+: "/);
              look('a raw code', /\\b[a-z]+_[a-z0-9_]+\\b/);
              look('a dotted code', /\\b[a-z]+\\.(?!csv\\b|xlsx\\b)[a-z]+(_[a-z]+)*\\b/);
              if (document.querySelector('main h1') && /^(错误|Error)$/.test(document.querySelector('main h1').innerText)) found.push('an error page: ' + text.slice(0, 120));
              if (document.documentElement.scrollWidth > window.innerWidth + 2) found.push('wider than the screen: ' + document.documentElement.scrollWidth + ' px');
              return JSON.stringify(found);
            })()
            """)
        return (try? JSONDecoder().decode([String].self, from: Data(report.utf8))) ?? ["unreadable check: \(report)"]
    }
}
}
