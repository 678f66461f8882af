import Foundation
import Testing
@testable import WaihuCore

/// Re-confirmation before approval, a tracking number to ship, one sign dispute at a time (RULES G-10, G-14, G-15).
@Suite struct OrderFollowUpTests {
    @Test func aShakyOrderIsNotApprovedBeforeItIsReconfirmed() throws {
        let pending = OrderFollowUp(status: .pending)
        try pending.flagForReconfirmation()
        #expect { try pending.reconfirm() } throws: { ($0 as? DomainError)?.code == "reconfirm_not_open" }
        let flagged = OrderFollowUp(status: .pending, reconfirmationPending: true)
        #expect { try flagged.move(to: .approved) } throws: { ($0 as? DomainError)?.code == "reconfirmation_pending" }
        #expect { try flagged.flagForReconfirmation() } throws: { ($0 as? DomainError)?.code == "reconfirm_not_open" }
        try flagged.reconfirm()
        // A flagged order may still be rejected outright.
        #expect(try flagged.move(to: .rejected).status == .rejected)
        #expect { try OrderFollowUp(status: .approved).flagForReconfirmation() } throws: { ($0 as? DomainError)?.code == "reconfirm_not_open" }
    }

    @Test func shippingNeedsATrackingNumber() throws {
        let approved = OrderFollowUp(status: .approved)
        #expect { try approved.move(to: .shipped) } throws: { ($0 as? DomainError)?.code == "missing_field" }
        #expect { try approved.move(to: .shipped, trackingNumber: "  ") } throws: { ($0 as? DomainError)?.code == "missing_field" }
        #expect { try approved.move(to: .shipped, trackingNumber: String(repeating: "9", count: 65)) } throws: {
            ($0 as? DomainError)?.code == "invalid_field"
        }
        let shipped = try approved.move(to: .shipped, trackingNumber: " SF1234567890 ")
        #expect(shipped.status == .shipped && shipped.tracking == "SF1234567890")
        // Shipping only after approval (G-14).
        #expect { try OrderFollowUp(status: .pending).move(to: .shipped, trackingNumber: "SF1") } throws: {
            ($0 as? DomainError)?.code == "order_status_move"
        }
    }

    @Test func aSignDisputeIsOnAShippedOrderOneAtATime() throws {
        try OrderFollowUp(status: .shipped).openDispute()
        #expect { try OrderFollowUp(status: .shipped, disputeOpen: true).openDispute() } throws: { ($0 as? DomainError)?.code == "dispute_not_open" }
        #expect { try OrderFollowUp(status: .approved).openDispute() } throws: { ($0 as? DomainError)?.code == "dispute_not_open" }
        #expect(try ReconfirmOutcome.parse("backed_out") == .backed_out)
        #expect { try ReconfirmOutcome.parse("maybe") } throws: { ($0 as? DomainError)?.code == "invalid_field" }
        #expect(try PaymentMethod.parse("货到付款") == .cash_on_delivery)
        #expect { try PaymentMethod.parse(nil) } throws: { ($0 as? DomainError)?.code == "missing_field" }
    }
}
