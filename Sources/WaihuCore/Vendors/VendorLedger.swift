import Foundation

/// A movement on a vendor's account with the client outside the monthly statement (RULES D-13, D-16, D-44, E-09,
/// E-14): the exclusive agent's service-quality deposit paid, deducted and refunded at term end, the general agent's
/// franchise fee, and the points given for outstanding work and redeemed for cash on a month's statement.
public enum VendorLedgerKind: String, Sendable, Codable, CaseIterable {
    case depositPaid = "deposit_paid"
    case depositDeducted = "deposit_deducted"
    case depositRefunded = "deposit_refunded"
    case franchiseFeePaid = "franchise_fee_paid"
    case pointsAwarded = "points_awarded"
    case pointsRedeemed = "points_redeemed"

    public var name: LocalizedText {
        switch self {
        case .depositPaid: LocalizedText(zh: "缴纳押金", en: "Deposit paid")
        case .depositDeducted: LocalizedText(zh: "押金扣减", en: "Deposit deducted")
        case .depositRefunded: LocalizedText(zh: "押金退还", en: "Deposit refunded")
        case .franchiseFeePaid: LocalizedText(zh: "缴纳加盟费", en: "Franchise fee paid")
        case .pointsAwarded: LocalizedText(zh: "积分奖励", en: "Points awarded")
        case .pointsRedeemed: LocalizedText(zh: "积分兑换现金", en: "Points redeemed for cash")
        }
    }

    /// Counted in points rather than fen.
    public var inPoints: Bool { self == .pointsAwarded || self == .pointsRedeemed }

    public static func parse(_ raw: String) throws(DomainError) -> VendorLedgerKind {
        guard let kind = VendorLedgerKind(rawValue: raw.trimmingWhitespace()) else {
            throw DomainError.invalidField("kind", zh: "类型须为 " + allCases.map { "\($0.rawValue)（\($0.name.zh)）" }.joined(separator: "、"),
                                           en: "the kind is one of " + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }
}

/// One movement: fen for the deposit and the fee; points for points, with the fen a redemption was worth when made.
public struct VendorLedgerEntry: Sendable, Equatable {
    public var kind: VendorLedgerKind
    public var amount: Int
    public var fen: Int
    public var day: LocalDate

    public init(kind: VendorLedgerKind, amount: Int, fen: Int, day: LocalDate) {
        self.kind = kind
        self.amount = amount
        self.fen = fen
        self.day = day
    }
}

/// What a vendor's movements add up to.
public struct VendorBalances: Sendable, Equatable {
    public var depositPaidFen = 0
    public var depositDeductedFen = 0
    public var depositRefundedFen = 0
    public var franchiseFeePaidFen = 0
    public var pointsAwarded = 0
    public var pointsRedeemed = 0
    public var redeemedFen = 0

    public init() {}

    /// The deposit the client still holds: paid, less what was deducted and refunded.
    public var depositHeldFen: Int { depositPaidFen - depositDeductedFen - depositRefundedFen }
    public var points: Int { pointsAwarded - pointsRedeemed }
}

public enum VendorLedger {
    /// Fen a point is worth when redeemed: ¥1 (our choice; the seed says points "may be exchanged for some cash
    /// reward" with no rate, D-44). An organisation setting.
    public static let defaultFenPerPoint = 100

    public static func balances(_ entries: [VendorLedgerEntry]) -> VendorBalances {
        var balances = VendorBalances()
        for entry in entries {
            switch entry.kind {
            case .depositPaid: balances.depositPaidFen += entry.fen
            case .depositDeducted: balances.depositDeductedFen += entry.fen
            case .depositRefunded: balances.depositRefundedFen += entry.fen
            case .franchiseFeePaid: balances.franchiseFeePaidFen += entry.fen
            case .pointsAwarded: balances.pointsAwarded += entry.amount
            case .pointsRedeemed:
                balances.pointsRedeemed += entry.amount
                balances.redeemedFen += entry.fen
            }
        }
        return balances
    }

    /// Refuses a movement the seeds do not allow the vendor: a deposit paid by any but an exclusive agent (D-16; a
    /// specialised agent pays none, D-18 — one promoted to general agent keeps what it paid until refunded), a franchise fee from any but a general agent (D-13), a deduction or refund
    /// above the deposit held, a refund before the term ends (服务期满, E-09), more points redeemed than the vendor has.
    /// `termEnds` is the qualification's last day; nil when the vendor has left (its term is over).
    public static func check(_ kind: VendorLedgerKind, amount: Int, model: CooperationModel, balances: VendorBalances,
                             day: LocalDate, termEnds: LocalDate?) throws(DomainError) {
        guard amount > 0 else {
            throw DomainError.invalidField("amount", zh: kind.inPoints ? "积分须为正整数" : "金额须大于 0",
                                           en: kind.inPoints ? "points are a whole number above 0" : "the amount is above 0")
        }
        switch kind {
        case .depositPaid:
            guard model == .exclusive else {
                throw DomainError(.ruleRefused, code: "no_deposit",
                                  zh: "服务质量押金只由专营代理缴纳（D-16），\(model.name.zh)不交押金",
                                  en: "Only an exclusive agent pays a service-quality deposit (D-16); a \(model.name.en.lowercased()) pays none")
            }
        case .franchiseFeePaid:
            guard model == .general else {
                throw DomainError(.ruleRefused, code: "no_franchise_fee", zh: "加盟费只由总代理缴纳（D-13）",
                                  en: "Only a general agent pays a franchise fee (D-13)")
            }
        case .depositDeducted, .depositRefunded, .pointsAwarded:
            break
        case .pointsRedeemed:
            guard amount <= balances.points else {
                throw DomainError(.ruleRefused, code: "points_short", zh: "可兑换积分只有 \(balances.points) 分，不能兑换 \(amount) 分",
                                  en: "The vendor has \(balances.points) points; \(amount) cannot be redeemed")
            }
            return
        }
        if kind == .depositDeducted || kind == .depositRefunded, amount > balances.depositHeldFen {
            throw DomainError(.ruleRefused, code: "deposit_short",
                              zh: "押金余额只有 ¥\(Fen.yuan(balances.depositHeldFen))，不能\(kind == .depositRefunded ? "退还" : "扣减") ¥\(Fen.yuan(amount))",
                              en: "The deposit held is ¥\(Fen.yuan(balances.depositHeldFen)); ¥\(Fen.yuan(amount)) cannot be \(kind == .depositRefunded ? "refunded" : "deducted")")
        }
        if kind == .depositRefunded, let termEnds, day <= termEnds {
            throw DomainError(.ruleRefused, code: "term_not_ended",
                              zh: "押金在服务期满后退还（E-09）：资格有效期至 \(termEnds)", en: "The deposit is refunded when the term has ended (E-09): it runs to \(termEnds)")
        }
    }

    /// An amount as typed: whole points for points, yuan for the rest (in fen).
    public static func amount(_ text: String, kind: VendorLedgerKind) throws(DomainError) -> Int {
        let raw = text.trimmingWhitespace()
        guard kind.inPoints else { return try Fen.parse(raw, field: "amount") }
        guard !raw.isEmpty, raw.count <= 8, raw.allSatisfy(\.isASCIIDigit), let points = Int(raw) else {
            throw DomainError.invalidField("amount", zh: "积分须为正整数，不是「\(raw)」", en: "points are a whole number, not \"\(raw)\"")
        }
        return points
    }

    /// What points are worth in fen at a rate.
    public static func redemptionFen(points: Int, fenPerPoint: Int) -> Int { points * fenPerPoint }
}
