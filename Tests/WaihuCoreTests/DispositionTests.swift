import Foundation
import Testing
@testable import WaihuCore

@Suite struct DispositionTests {
    let ended = Date(timeIntervalSince1970: 1_790_000_000)

    func rule(_ code: String) throws -> DispositionRule { try DispositionSet.standard.require(code) }

    @Test func theStandardSetHoldsEveryCanonicalCodeInItsCategory() throws {
        let set = try DispositionSet.standard.validated()
        for rule in set.dispositions { #expect(DispositionCategory.of(rule.code) == rule.category, "\(rule.code)") }
        // Every canonical code of METRICS.md §1.3, counted from the catalog's table: 1 + 1 + 3 + 7 + 8.
        #expect(set.dispositions.count == 20)
        #expect(set.dispositions.filter(\.adds_to_do_not_call).map(\.code) == ["dnc_request"])
    }

    @Test func aReachedCustomerOrUselessDataFinishesTheLead() throws {
        for code in ["success", "completed", "refused", "dnc_request", "vacant", "not_target"] {
            #expect(try LeadProgress.after(rule(code), attempts: 1, endedAt: ended, callbackAt: nil) == LeadProgress(status: .finished))
        }
    }

    @Test func aNotReachedLeadWaitsForItsRetryDelayUntilItsAttemptsAreUsedUp() throws {
        let busy = try rule("busy")  // 30 minutes, five attempts
        #expect(try LeadProgress.after(busy, attempts: 1, endedAt: ended, callbackAt: nil)
                == LeadProgress(status: .allocated, nextAttemptAt: ended.addingTimeInterval(30 * 60), deferral: .retry))
        #expect(try LeadProgress.after(busy, attempts: 4, endedAt: ended, callbackAt: nil).status == .allocated)
        #expect(try LeadProgress.after(busy, attempts: 5, endedAt: ended, callbackAt: nil)
                == LeadProgress(status: .finished, exhausted: true))
        var immediate = busy
        immediate.retry_delay_minutes = 0
        #expect(try LeadProgress.after(immediate, attempts: 1, endedAt: ended, callbackAt: nil) == LeadProgress(status: .allocated))
    }

    @Test func aCallbackNeedsAFutureTimeAndIsKeptPastTheMaximum() throws {
        let callback = try rule("callback")
        #expect(throws: DomainError.self) { try LeadProgress.after(callback, attempts: 1, endedAt: ended, callbackAt: nil) }
        #expect(throws: DomainError.self) {
            try LeadProgress.after(callback, attempts: 1, endedAt: ended, callbackAt: ended.addingTimeInterval(-60))
        }
        let later = ended.addingTimeInterval(3 * 3600)
        #expect(try LeadProgress.after(callback, attempts: 9, endedAt: ended, callbackAt: later)
                == LeadProgress(status: .allocated, nextAttemptAt: later, deferral: .callback))
    }

    @Test func aLeadTheRulesRefuseWaitsUntilTheyStopOrADayWhenTheyNeverDo() {
        let at = ended
        let capped = PolicyDecision(at: at, reasons: [PolicyReason(.cooldown, LocalizedText(zh: "", en: ""), until: at.addingTimeInterval(7200))],
                                    nextAllowedAt: at.addingTimeInterval(7200))
        #expect(LeadProgress.refused(capped) == LeadProgress(status: .allocated, nextAttemptAt: at.addingTimeInterval(7200), deferral: .policy))
        let listed = PolicyDecision(at: at, reasons: [PolicyReason(.dnc, LocalizedText(zh: "", en: ""), until: nil)], nextAllowedAt: nil)
        #expect(LeadProgress.refused(listed).nextAttemptAt == at.addingTimeInterval(86_400))
    }

    @Test func aWrongSetIsRefusedWithEveryProblemNamed() throws {
        var set = DispositionSet.standard
        set.dispositions[0].category = .refused                              // success moved
        set.dispositions.append(try rule("busy"))                            // twice
        set.dispositions.removeAll { $0.code == "roaming" }                  // a canonical code dropped
        set.dispositions.append(DispositionRule(code: "Bad Code", category: .completed, name_zh: "坏", name_en: "bad"))
        set.dispositions.append(DispositionRule(code: "sold_twice", category: .success, name_zh: "复购", name_en: "Repeat sale",
                                                retry_delay_minutes: 10))
        set.dispositions.append(DispositionRule(code: "hung_up", category: .unreachable, name_zh: "挂断", name_en: "Hung up",
                                                max_attempts: 0, adds_to_do_not_call: true))
        do {
            _ = try set.validated()
            Issue.record("a wrong set was accepted")
        } catch {
            #expect(error.code == "invalid_dispositions")
            for fragment in ["\"success\" belongs to Success and cannot be moved to Refused", "\"busy\" appears twice", "missing: roaming", "\"Bad Code\" may use",
                             "\"sold_twice\" is not a not-reached", "maximum attempts of \"hung_up\"", "(\"hung_up\")"] {
                #expect(error.message.en.contains(fragment), "\(fragment) in \(error.message.en)")
            }
            #expect(error.message.zh.contains("「busy」重复"))
        }
    }

    @Test func aProjectMayAddItsOwnCodesMappedToACategory() throws {
        var set = DispositionSet.standard
        set.dispositions.append(DispositionRule(code: "wants_brochure", category: .completed, name_zh: "索要资料", name_en: "Wants a brochure"))
        #expect(try set.validated().rule("wants_brochure")?.category == .completed)
        #expect(throws: DomainError.self) { try set.require("nonsense") }
    }
}
