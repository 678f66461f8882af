import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A vendor's deposit, fee and points as its page and the API show them.
package enum VendorLedgerReads {
    package struct Entry: Codable, Sendable {
        package var id: UUID
        package var kind: String
        package var kind_name: String
        /// Yuan, or points for points.
        package var amount: String
        /// Yuan a redemption was worth.
        package var cash: String?
        package var day: String
        package var month: String?
        package var note: String
        package var recorded_by: String
    }

    package struct Ledger: Codable, Sendable {
        package var entries: [Entry]
        /// What the tender set (the registration's amounts) and what moved.
        package var deposit_required: String
        package var deposit_paid: String
        package var deposit_deducted: String
        package var deposit_refunded: String
        package var deposit_held: String
        package var franchise_fee_required: String
        package var franchise_fee_paid: String
        package var points_awarded: Int
        package var points_redeemed: Int
        package var points: Int
        package var point_value: String
    }

    package static func ledger(_ vendorID: UUID, scope: AccessScope, language: Language, on db: any Database) async throws -> Ledger {
        let vendor = try await VendorService.find(vendorID, scope: scope, on: db)
        let models = try await VendorLedgerModel.query(on: db).filter(\.$vendorID == vendorID).sort(\.$day).sort(\.$recordedAt).all()
        let balances = VendorLedger.balances(models.compactMap(\.entry))
        let entries = models.compactMap { model -> Entry? in
            guard let id = model.id, let kind = VendorLedgerKind(rawValue: model.kind) else { return nil }
            return Entry(id: id, kind: kind.rawValue, kind_name: kind.name.text(language), amount: kind.inPoints ? String(model.amount) : Fen.yuan(model.amount),
                         cash: kind == .pointsRedeemed ? Fen.yuan(model.fen) : nil, day: model.day, month: model.month, note: model.note,
                         recorded_by: model.recordedBy)
        }
        return Ledger(entries: entries, deposit_required: Fen.yuan(vendor.depositFen), deposit_paid: Fen.yuan(balances.depositPaidFen),
                      deposit_deducted: Fen.yuan(balances.depositDeductedFen), deposit_refunded: Fen.yuan(balances.depositRefundedFen),
                      deposit_held: Fen.yuan(balances.depositHeldFen), franchise_fee_required: Fen.yuan(vendor.franchiseFeeFen),
                      franchise_fee_paid: Fen.yuan(balances.franchiseFeePaidFen), points_awarded: balances.pointsAwarded,
                      points_redeemed: balances.pointsRedeemed, points: balances.points,
                      point_value: Fen.yuan(try await OrganisationQueries.settings(on: db).vendorPointFen))
    }
}
