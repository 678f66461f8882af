import Foundation
import Testing
import Vapor
import VaporTesting
@testable import WaihuCore
@testable import WaihuStore
@testable import WaihuWeb

/// The dispositions are edited on a page, not through the API: a project's own code added, a retry rule
/// changed, a refusal saying which code is wrong and keeping what was typed, an own code dropped.
@Suite struct DispositionEditorTests {
    /// The form as a browser posts it: one line per rule, then the extra lines.
    func pairs(_ rules: [DispositionRule], extra: [[String: String]] = []) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for (index, rule) in rules.enumerated() {
            pairs += [("d[\(index)][code]", rule.code), ("d[\(index)][name_zh]", rule.name_zh), ("d[\(index)][name_en]", rule.name_en),
                      ("d[\(index)][category]", rule.category.rawValue),
                      ("d[\(index)][retry_delay_minutes]", rule.retry_delay_minutes.map(String.init) ?? ""),
                      ("d[\(index)][max_attempts]", rule.max_attempts.map(String.init) ?? ""),
                      ("d[\(index)][callback]", rule.callback?.rawValue ?? "")]
            if rule.adds_to_do_not_call { pairs.append(("d[\(index)][dnc]", "on")) }
        }
        for (offset, line) in extra.enumerated() {
            pairs += line.sorted { $0.key < $1.key }.map { ("d[\(rules.count + offset)][\($0.key)]", $0.value) }
        }
        return pairs
    }

    @Test func aManagerAddsChangesAndDropsDispositions() async throws {
        try await withWaihu(demo: true, clock: { deskMorning }) { app in
            var manager = try await signIn(app, "manager")
            let page = try await manager.get("/projects/DEMO-MKT/dispositions").body.string
            #expect(page.contains("name=\"d[0][code]\"") && page.contains("readonly"), "standard codes are fixed")
            let project = try #require(try await ProjectQueries.project("DEMO-MKT", in: .organisation, on: app.db)?.project.requireID())

            var rules = DispositionSet.standard.dispositions
            let busy = try #require(rules.firstIndex { $0.code == "busy" })
            rules[busy].retry_delay_minutes = 45
            let own = ["code": "wants_sms", "name_zh": "要求短信联系", "name_en": "Wants an SMS", "category": "refused", "dnc": "on"]
            let saved = try await manager.post("/projects/DEMO-MKT/dispositions", pairs: pairs(rules, extra: [own, [:]]), csrfFrom: page)
            #expect(saved.status == .seeOther)
            let stored = try #require(try await DispositionQueries.stored(project: project, on: app.db))
            #expect(stored.rule("busy")?.retry_delay_minutes == 45)
            #expect(stored.rule("wants_sms") == DispositionRule(code: "wants_sms", category: .refused, name_zh: "要求短信联系",
                                                                name_en: "Wants an SMS", adds_to_do_not_call: true))

            // A retry rule on a refusal is refused, the code named, nothing changed, the typed line kept.
            var wrong = own
            wrong["retry_delay_minutes"] = "30"
            let refused = try await manager.post("/projects/DEMO-MKT/dispositions", pairs: pairs(rules, extra: [wrong]), csrfFrom: page)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("「wants_sms」不是未接通类，不能设置重拨或预约") && refused.body.string.contains("value=\"30\""))
            #expect(try await DispositionQueries.stored(project: project, on: app.db) == stored)

            // Dropped with its tick.
            var drop = own
            drop["remove"] = "on"
            #expect(try await manager.post("/projects/DEMO-MKT/dispositions", pairs: pairs(rules, extra: [drop]), csrfFrom: page).status == .seeOther)
            #expect(try await DispositionQueries.stored(project: project, on: app.db)?.rule("wants_sms") == nil)
        }
    }
}
