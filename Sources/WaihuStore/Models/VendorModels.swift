import Fluent
import Foundation
import WaihuCore

/// A vendor (外呼公司) in the registry (issue 18): its model, categories, qualification and the sites it operates
/// (`sites.vendor_id`).
public final class VendorModel: Model, @unchecked Sendable {
    public static let schema = "vendors"

    @ID(key: .id) public var id: UUID?
    @Field(key: "legal_name") public var legalName: String
    /// A `CooperationModel` raw value.
    @Field(key: "model") public var model: String
    /// `BusinessCategory` raw values, comma-separated.
    @Field(key: "categories") public var categories: String
    @OptionalField(key: "parent_id") public var parentID: UUID?
    /// `QualificationFacts` as JSON.
    @Field(key: "facts") public var facts: String
    /// The qualification's term, `YYYY-MM-DD`; nil until qualified.
    @OptionalField(key: "qualified_from") public var qualifiedFrom: String?
    @OptionalField(key: "qualified_until") public var qualifiedUntil: String?
    @Field(key: "contacts") public var contacts: String
    @Field(key: "deposit_fen") public var depositFen: Int
    @Field(key: "franchise_fee_fen") public var franchiseFeeFen: Int
    /// A specialised agent's task complete: its statements stop being provisional (RULES D-18).
    @OptionalField(key: "task_completed_on") public var taskCompletedOn: String?
    @OptionalField(key: "exited_on") public var exitedOn: String?
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var cooperation: CooperationModel { CooperationModel(rawValue: model) ?? .specialised }
    public var businessCategories: [BusinessCategory] { categories.split(separator: ",").compactMap { BusinessCategory(rawValue: String($0)) } }
    public var qualification: QualificationFacts { (try? JSONDecoder().decode(QualificationFacts.self, from: Data(facts.utf8))) ?? QualificationFacts() }
}

/// A vendor's framework contract and its confidentiality agreement.
public final class VendorContractModel: Model, @unchecked Sendable {
    public static let schema = "vendor_contracts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "vendor_id") public var vendorID: UUID
    @Field(key: "number") public var number: String
    @Field(key: "starts_on") public var startsOn: String
    @Field(key: "ends_on") public var endsOn: String
    @OptionalField(key: "nda_signed_on") public var ndaSignedOn: String?
    @OptionalField(key: "nda_until") public var ndaUntil: String?
    @Field(key: "ticket_deduction_fen") public var ticketDeductionFen: Int
    @Field(key: "complaint_deduction_fen") public var complaintDeductionFen: Int
    @Field(key: "tolerance_percent") public var tolerancePercent: Int
    @Field(key: "tolerance_floor") public var toleranceFloor: Int
    /// `[QualityBand]` as JSON.
    @Field(key: "quality_bands") public var qualityBands: String
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public var contract: VendorContract? {
        guard let from = LocalDate(startsOn), let to = LocalDate(endsOn) else { return nil }
        return VendorContract(number: number, from: from, to: to, ndaSignedOn: ndaSignedOn.flatMap(LocalDate.init),
                              ndaUntil: ndaUntil.flatMap(LocalDate.init), ticketDeductionFen: ticketDeductionFen,
                              complaintDeductionFen: complaintDeductionFen, tolerancePercent: tolerancePercent, toleranceFloor: toleranceFloor,
                              qualityBands: (try? JSONDecoder().decode([QualityBand].self, from: Data(qualityBands.utf8))) ?? [])
    }
}

/// A price list of a project (and a vendor, when its contract has its own).
public final class PriceListModel: Model, @unchecked Sendable {
    public static let schema = "price_lists"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @OptionalField(key: "vendor_id") public var vendorID: UUID?
    @Field(key: "starts_on") public var startsOn: String
    @OptionalField(key: "ends_on") public var endsOn: String?
    /// `[PriceList.Tier]` as JSON.
    @Field(key: "tiers") public var tiers: String
    @Field(key: "usage_basis_points") public var usageBasisPoints: Int
    @Field(key: "status") public var status: String
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "approved_by") public var approvedBy: String?
    @OptionalField(key: "approved_at") public var approvedAt: Date?

    public init() {}

    public var list: PriceList? {
        guard let from = LocalDate(startsOn), let tiers = try? JSONDecoder().decode([PriceList.Tier].self, from: Data(tiers.utf8)) else { return nil }
        return PriceList(project: projectID, vendor: vendorID, from: from, to: endsOn.flatMap(LocalDate.init), tiers: tiers,
                         usageBasisPoints: usageBasisPoints, status: PriceList.Status(rawValue: status) ?? .draft)
    }
}

/// The assessment record of a vendor (RULES D.8): a fault, a warning or a rectification order, one table with a kind.
public final class VendorRecordModel: Model, @unchecked Sendable {
    public static let schema = "vendor_records"

    @ID(key: .id) public var id: UUID?
    @Field(key: "vendor_id") public var vendorID: UUID
    /// `fault`, `warning` or `rectification`.
    @Field(key: "kind") public var kind: String
    /// A fault's `VendorFaultSource`.
    @OptionalField(key: "source") public var source: String?
    @Field(key: "reason") public var reason: String
    @Field(key: "occurred_on") public var occurredOn: String
    /// A rectification's deadline and closing.
    @OptionalField(key: "due_on") public var dueOn: String?
    @OptionalField(key: "closed_on") public var closedOn: String?
    @OptionalField(key: "closing_note") public var closingNote: String?
    @OptionalField(key: "attempt_id") public var attemptID: UUID?
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date
    @OptionalField(key: "acknowledged_at") public var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") public var acknowledgedBy: String?

    public init() {}
}

/// An exit case (退出, RULES D.11) and its three-level approval.
public final class VendorExitModel: Model, @unchecked Sendable {
    public static let schema = "vendor_exits"

    @ID(key: .id) public var id: UUID?
    @Field(key: "vendor_id") public var vendorID: UUID
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "category") public var category: String?
    @Field(key: "trigger") public var trigger: String
    @Field(key: "reason") public var reason: String
    @Field(key: "step") public var step: String
    /// The decisions so far as JSON: level, user, at, note.
    @Field(key: "decisions") public var decisions: String
    @OptionalField(key: "exited_on") public var exitedOn: String?
    /// What happened to the vendor's data: leads recalled, users disabled, the handover record.
    @OptionalField(key: "handover") public var handover: String?
    @Field(key: "opened_by") public var openedBy: String
    @Field(key: "opened_at") public var openedAt: Date

    public init() {}
}

/// A vendor's statement of a month: what Waihu computed, the vendor's counts, the state.
public final class SettlementModel: Model, @unchecked Sendable {
    public static let schema = "settlements"

    @ID(key: .id) public var id: UUID?
    @Field(key: "vendor_id") public var vendorID: UUID
    @Field(key: "month") public var month: String
    @Field(key: "status") public var status: String
    /// `SettlementStatement` as JSON.
    @Field(key: "statement") public var statement: String
    /// `[ReconciliationLine]` as JSON; empty until the vendor submits its counts.
    @Field(key: "reconciliation") public var reconciliation: String
    @Field(key: "total_fen") public var totalFen: Int
    @Field(key: "provisional") public var provisional: Bool
    @Field(key: "computed_by") public var computedBy: String
    @Field(key: "computed_at") public var computedAt: Date
    @OptionalField(key: "submitted_by") public var submittedBy: String?
    @OptionalField(key: "submitted_at") public var submittedAt: Date?
    @OptionalField(key: "approved_by") public var approvedBy: String?
    @OptionalField(key: "approved_at") public var approvedAt: Date?
    @OptionalField(key: "paid_by") public var paidBy: String?
    @OptionalField(key: "paid_at") public var paidAt: Date?

    public init() {}

    public var state: StatementStatus { StatementStatus(rawValue: status) ?? .draft }
    public var computed: SettlementStatement? { try? JSONDecoder().decode(SettlementStatement.self, from: Data(statement.utf8)) }
    public var lines: [ReconciliationLine] { (try? JSONDecoder().decode([ReconciliationLine].self, from: Data(reconciliation.utf8))) ?? [] }
}

/// A site a vendor operates: its agents' calls are the vendor's work, its users the vendor's.
public final class VendorSiteModel: Model, @unchecked Sendable {
    public static let schema = "vendor_sites"

    @ID(key: .id) public var id: UUID?
    @Field(key: "vendor_id") public var vendorID: UUID
    @Field(key: "site_id") public var siteID: UUID

    public init() {}

    public init(vendorID: UUID, siteID: UUID) {
        self.vendorID = vendorID
        self.siteID = siteID
    }
}

/// A user named to decide at one approval level (`ExitApprovalLevel`).
public final class ApproverModel: Model, @unchecked Sendable {
    public static let schema = "approvers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "level") public var level: String
    @Field(key: "username") public var username: String

    public init() {}
}

/// A customer's usage fee of a month, billed after a vendor's agent acquired them: the base of the usage commission.
public final class UsageFeeModel: Model, @unchecked Sendable {
    public static let schema = "usage_fees"

    @ID(key: .id) public var id: UUID?
    @Field(key: "project_id") public var projectID: UUID
    @Field(key: "month") public var month: String
    /// The customer's number, national digits.
    @Field(key: "phone") public var phone: String
    @Field(key: "vendor_id") public var vendorID: UUID
    @Field(key: "fee_fen") public var feeFen: Int
    @Field(key: "imported_by") public var importedBy: String
    @Field(key: "imported_at") public var importedAt: Date

    public init() {}
}

/// A file a vendor keeps on file with the client, with the day it stops being valid when it has one.
public final class VendorDocumentModel: Model, @unchecked Sendable {
    public static let schema = "vendor_documents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "vendor_id") public var vendorID: UUID
    /// A `VendorDocumentKind` raw value.
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "valid_until") public var validUntil: String?
    @Field(key: "file_name") public var fileName: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "body") public var body: Data
    @Field(key: "size") public var size: Int
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Field(key: "uploaded_at") public var uploadedAt: Date

    public init() {}
}

/// A movement on a vendor's deposit, franchise fee or points (`VendorLedgerKind`); a redemption names the month whose
/// statement pays it.
public final class VendorLedgerModel: Model, @unchecked Sendable {
    public static let schema = "vendor_ledger"

    @ID(key: .id) public var id: UUID?
    @Field(key: "vendor_id") public var vendorID: UUID
    @Field(key: "kind") public var kind: String
    /// Fen, or points for points.
    @Field(key: "amount") public var amount: Int
    /// Fen: the amount, or what redeemed points were worth.
    @Field(key: "fen") public var fen: Int
    @Field(key: "day") public var day: String
    @OptionalField(key: "month") public var month: String?
    @Field(key: "note") public var note: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date

    public init() {}

    public var entry: VendorLedgerEntry? {
        guard let kind = VendorLedgerKind(rawValue: kind), let day = LocalDate(day) else { return nil }
        return VendorLedgerEntry(kind: kind, amount: amount, fen: fen, day: day)
    }
}
