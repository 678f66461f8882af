import Foundation
import Testing
@testable import WaihuCore

/// The seeds' penalty tables as rules: what each occurrence books, on whom, and how much — the amounts read off the
/// seed lines quoted in RULES.md B.3–B.6 and F 四–五, worked out by hand below.
@Suite struct PenaltyRuleTests {
    static let agent = PenaltyParty(id: UUID(), name: "A1001 张三")
    static let site = PenaltyParty(id: UUID(), name: "华信外呼公司")

    /// Charges for `n` occurrences one after another, each counting the ones before it (as the ledger does).
    static func book(_ occurrence: PenaltyOccurrence, times n: Int, subjects: PenaltySubjects) throws -> [PenaltyCharge] {
        var booked: [PenaltyCharge] = []
        for _ in 0 ..< n {
            booked += try PenaltyBooking.charges(for: occurrence, rules: DefaultPenaltyRules.all, subjects: subjects) { code, subject in
                booked.count { $0.rule.code == code && $0.subject.id == subject }
            }
        }
        return booked
    }

    @Test func everyShippedRuleIsValidAndHasItsSeedLine() throws {
        for rule in DefaultPenaltyRules.all {
            _ = try rule.validated()
            #expect(!rule.source.isEmpty, "\(rule.code) quotes its seed")
        }
        #expect(Set(DefaultPenaltyRules.all.map(\.code)).count == DefaultPenaltyRules.all.count, "codes are unique")
    }

    /// 000 四·六.7–8 and 四·六.9: an unqualified ticket costs the agent ¥50 of bonus and, at a vendor, the vendor ¥50.
    @Test func anUnqualifiedTicketAtAVendorCostsTheAgentAndTheVendorFiftyEach() throws {
        let charges = try Self.book(PenaltyOccurrence(event: .unqualifiedTicket), times: 1,
                                    subjects: PenaltySubjects(agent: Self.agent, site: Self.site, vendor: Self.site))
        #expect(Set(charges.map { "\($0.rule.code)=\($0.amount)" }) == ["bonus.unqualified=50.0", "vendor.unqualified=50.0"])
        // At the center's own site there is no vendor to charge.
        let own = try Self.book(PenaltyOccurrence(event: .unqualifiedTicket), times: 1, subjects: PenaltySubjects(agent: Self.agent, site: Self.site))
        #expect(own.map(\.rule.code) == ["bonus.unqualified"])
    }

    /// 003 五·四.1: 每宗扣一分,每多一宗加扣一分 — three attitude findings in a month cost the site 1 + 1 × 2 = 3 points;
    /// each also costs the agent ¥30 (000 四·六.6).
    @Test func attitudeFindingsCountUpWithinTheMonth() throws {
        let charges = try Self.book(PenaltyOccurrence(event: .finding, category: "attitude"), times: 3,
                                    subjects: PenaltySubjects(agent: Self.agent, site: Self.site))
        let site = charges.filter { $0.rule.code == "site.attitude" }
        #expect(site.map(\.occurrence) == [1, 2, 3] && site.reduce(0) { $0 + $1.amount } == 3)
        #expect(charges.filter { $0.rule.code == "bonus.grumbling" }.reduce(0) { $0 + $1.amount } == 90)
    }

    /// 003 五·四.4: 每宗扣3分,每多一宗加扣2分 — three media reports: 3 + 2 × (3 − 1) = 7 points; 四.3's attitude rule
    /// asks for a call, letter or visit, so a media complaint does not book it.
    @Test func mediaComplaintsCostThreeThenTwo() throws {
        let charges = try Self.book(PenaltyOccurrence(event: .complaint, category: "attitude", channel: "media"), times: 3,
                                    subjects: PenaltySubjects(agent: Self.agent, site: Self.site))
        #expect(charges.filter { $0.rule.code == "site.media" }.map(\.amount) == [3, 2, 2])
        #expect(!charges.contains { $0.rule.code == "site.complaint" })
    }

    /// 000 四·六.4: 每次(每户)扣除奖金50元 — a leak of four customers' data costs ¥200; 003 五·五.1 costs the site 2.
    @Test func aLeakIsChargedPerHousehold() throws {
        let charges = try Self.book(PenaltyOccurrence(event: .finding, category: "data_leak", units: 4), times: 1,
                                    subjects: PenaltySubjects(agent: Self.agent, site: Self.site))
        #expect(charges.first { $0.rule.code == "bonus.leak" }?.amount == 200)
        #expect(charges.first { $0.rule.code == "site.leak" }?.amount == 2)
    }

    /// 000 四·五.4: 乐捐10—50元 — the amount is chosen within the range; outside it is refused; a switched-off rule books nothing.
    @Test func aRangeIsChosenWithinItsBounds() throws {
        let rule = try #require(DefaultPenaltyRules.all.first { $0.code == "fine.equipment" })
        #expect(try rule.amount.value(occurrence: 1, units: 1, chosen: 30) == 30)
        #expect(throws: DomainError.self) { try rule.amount.value(occurrence: 1, units: 1, chosen: 60) }
        var off = rule
        off.active = false
        let none = try PenaltyBooking.charges(for: PenaltyOccurrence(event: .manual), rules: [off], subjects: PenaltySubjects(agent: Self.agent),
                                              chosen: 30) { _, _ in 0 }
        #expect(none.isEmpty)
    }

    @Test func aRuleThatCannotWorkIsRefusedWithItsReason() {
        var rule = DefaultPenaltyRules.all[0]
        rule.code = "bad code!"
        #expect(throws: DomainError.self) { try rule.validated() }
        rule = DefaultPenaltyRules.all[0]
        rule.trigger = PenaltyTrigger(event: .finding, categories: ["sneezing"])
        #expect(throws: DomainError.self) { try rule.validated() }
        rule = DefaultPenaltyRules.all[0]
        rule.trigger = .unqualifiedTicket
        rule.amount = .range(10, 50)
        #expect(throws: DomainError.self, "a range needs a person to choose") { try rule.validated() }
        rule.amount = PenaltyAmount(kind: .fixed, amount: -5)
        rule.trigger = .manual
        #expect(throws: DomainError.self) { try rule.validated() }
    }

    @Test func findingsAreOnePerCategory() throws {
        #expect(throws: DomainError.self) { try Finding.validated([Finding(category: .attitude), Finding(category: .attitude)]) }
        #expect(throws: DomainError.self) { try Finding.validated([Finding(category: .dataLeak, households: 0)]) }
        #expect(FindingCategory.attitude.needsApology && FindingCategory.profanity.needsApology && !FindingCategory.dataLeak.needsApology)
    }
}
