import Foundation
import Testing
@testable import WaihuCore

@Suite struct CallbackOrderTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let me = UUID(), other = UUID()

    func due(_ minutesAgo: Double, holder: UUID?, owner: CallbackOwner?) -> CallbackOrder.Due {
        CallbackOrder.Due(lead: UUID(), holder: holder, owner: owner, dueAt: now.addingTimeInterval(-minutesAgo * 60))
    }

    @Test func theAgentsOwnDueCallbacksComeFirstEarliestFirst() {
        let late = due(1, holder: me, owner: .own), early = due(20, holder: me, owner: .own), notYet = due(-5, holder: me, owner: .own)
        let served = CallbackOrder.serve([late, notYet, early], to: me, at: now, passAfter: 1800)
        #expect(served.own == [early, late])
        #expect(served.passing.isEmpty)
    }

    @Test func anotherAgentsCallbackPassesWhenBookedForAnyoneOrOverduePastThePassTime() {
        let anyone = due(1, holder: other, owner: .anyone)
        let overdue = due(31, holder: other, owner: .own)
        let justDue = due(30, holder: other, owner: .own)    // exactly 30 minutes: passes (≤)
        let recent = due(29, holder: other, owner: .own)
        let served = CallbackOrder.serve([anyone, recent, overdue, justDue], to: me, at: now, passAfter: 1800)
        #expect(served.own.isEmpty)
        #expect(served.passing == [overdue, justDue, anyone])
    }

    @Test func passesIsTheRuleOnItsOwn() {
        #expect(CallbackOrder.passes(owner: .anyone, dueAt: now, at: now, after: 1800))
        #expect(!CallbackOrder.passes(owner: .own, dueAt: now.addingTimeInterval(-1799), at: now, after: 1800))
        #expect(CallbackOrder.passes(owner: nil, dueAt: now.addingTimeInterval(-1800), at: now, after: 1800))
    }
}
