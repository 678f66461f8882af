import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Verification, re-confirmation, shipping, signing and sign disputes of orders (审单、再次确认、发货、签收、签收异议,
/// RULES G-07 … G-16): each step checked by `OrderFollowUp`, kept on the order and written to the audit log.
package enum OrderService {
    /// Moves an order on: a rejection needs its reason, shipping its tracking number; signing or returning
    /// an order under a sign dispute ends the dispute (saved or returned).
    package static func move(_ number: String, to next: OrderStatus, rejection: (reason: OrderRejection, note: String)? = nil,
                             trackingNumber: String? = nil, actor: AuditEvent, at now: Date, on db: any Database) async throws -> OrderModel {
        if next == .rejected && rejection == nil { _ = try OrderRejection.parse(nil) }
        return try await OrderQueries.update(number, actor: actor, at: now, on: db) { order in
            let followUp = order.followUp
            let moved = try followUp.move(to: next, trackingNumber: trackingNumber)
            order.status = moved.status.rawValue
            var detail = "status \(followUp.status.rawValue)→\(next.rawValue)"
            if next == .rejected, let rejection {
                order.rejectionReason = rejection.reason.rawValue
                order.rejectionNote = rejection.note.isEmpty ? nil : String(rejection.note.prefix(500))
                detail += " reason=\(rejection.reason.rawValue)"
            }
            if let tracking = moved.tracking {
                order.trackingNumber = tracking
                order.shippedAt = now
                detail += " tracking=\(tracking)"
            }
            if followUp.disputeOpen, next == .signed || next == .returned {
                let outcome: DisputeOutcome = next == .signed ? .saved : .returned
                order.disputeOutcome = outcome.rawValue
                order.disputeClosedAt = now
                detail += " dispute=\(outcome.rawValue)"
            }
            return detail
        }
    }

    /// The verifier finds the order shaky (订单不稳): it waits for the floor supervisor's re-confirmation and
    /// cannot be approved before it.
    package static func flagForReconfirmation(_ number: String, note: String, actor: AuditEvent, at now: Date, on db: any Database) async throws -> OrderModel {
        let note = try requiredNote(note)
        return try await OrderQueries.update(number, actor: actor, at: now, on: db) { order in
            try order.followUp.flagForReconfirmation()
            order.reconfirmFlaggedAt = now
            order.reconfirmNote = note
            order.reconfirmedAt = nil
            order.reconfirmOutcome = nil
            return "flagged: \(note)"
        }
    }

    /// The supervisor called the customer again: confirmed, the order goes on to verification; backed out,
    /// it is rejected as regret (反悔) with the supervisor's note.
    package static func reconfirm(_ number: String, outcome: ReconfirmOutcome, note: String, actor: AuditEvent, at now: Date,
                                  on db: any Database) async throws -> OrderModel {
        let note = note.trimmingWhitespace()
        return try await OrderQueries.update(number, actor: actor, at: now, on: db) { order in
            try order.followUp.reconfirm()
            order.reconfirmedAt = now
            order.reconfirmOutcome = outcome.rawValue
            if outcome == .backed_out {
                order.status = try OrderStatus.pending.move(to: .rejected).rawValue
                order.rejectionReason = OrderRejection.regret.rawValue
                order.rejectionNote = note.isEmpty ? nil : String(note.prefix(500))
            }
            return "reconfirmed: \(outcome.rawValue)" + (note.isEmpty ? "" : " \(note)")
        }
    }

    /// A sign dispute (签收异议) on a shipped order: it goes to the selling agent at once, who talks to the customer.
    package static func dispute(_ number: String, note: String, actor: AuditEvent, at now: Date, on db: any Database) async throws -> OrderModel {
        let note = try requiredNote(note)
        return try await OrderQueries.update(number, actor: actor, at: now, on: db) { order in
            try order.followUp.openDispute()
            order.disputeAt = now
            order.disputeNote = note
            order.disputeOutcome = nil
            order.disputeClosedAt = nil
            return "dispute: \(note)"
        }
    }

    static func requiredNote(_ note: String) throws(DomainError) -> String {
        let note = note.trimmingWhitespace()
        guard !note.isEmpty else { throw DomainError.missingField("note") }
        return String(note.prefix(500))
    }

    /// The verifier's call script of a stored order, in the words the agent read back (RULES G-09).
    package static func verifierScript(_ order: OrderModel, calledAt: Date, zone: TimeZone) -> [LocalizedText] {
        OrderReadBack.verifierScript(orderNumber: order.number, orderedOn: LocalTime(calledAt, in: zone).date.description,
                                     items: order.orderItems, payment: order.paymentMethod.flatMap(PaymentMethod.init(rawValue:)),
                                     name: order.deliveryName ?? "", address: order.deliveryAddress ?? "",
                                     maskedPhone: order.deliveryPhone.map(PhoneMask.mask) ?? "")
    }
}
