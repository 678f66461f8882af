import Foundation

/// The framework agreement with a vendor (RULES D-26) and the terms settlement reads from it; and the confidentiality
/// agreement every vendor signs (D-52) before it sees a customer.
public struct VendorContract: Sendable, Codable, Equatable {
    public var number: String
    public var from: LocalDate
    public var to: LocalDate
    /// The NDA's signing day and the end of its term (it outlives the contract, D-54); nil while not signed.
    public var ndaSignedOn: LocalDate?
    public var ndaUntil: LocalDate?
    /// Deducted per unqualified ticket and per valid complaint on the month's calls (seed 000 四·六.9: ¥50 and ¥100).
    public var ticketDeductionFen: Int
    public var complaintDeductionFen: Int
    /// Reconciliation tolerance: a difference up to max(percent of Waihu's count, a floor) is accepted (E-08; the seed
    /// gives no figure: 1% and 5 are our choice).
    public var tolerancePercent: Int
    public var toleranceFloor: Int
    /// The service-quality score's adjustment of the commission (E-03); empty: none.
    public var qualityBands: [QualityBand]

    public static let defaultTicketDeduction = 5_000, defaultComplaintDeduction = 10_000, defaultTolerancePercent = 1, defaultToleranceFloor = 5

    public init(number: String, from: LocalDate, to: LocalDate, ndaSignedOn: LocalDate? = nil, ndaUntil: LocalDate? = nil,
                ticketDeductionFen: Int = defaultTicketDeduction, complaintDeductionFen: Int = defaultComplaintDeduction,
                tolerancePercent: Int = defaultTolerancePercent, toleranceFloor: Int = defaultToleranceFloor, qualityBands: [QualityBand] = []) {
        self.number = number
        self.from = from
        self.to = to
        self.ndaSignedOn = ndaSignedOn
        self.ndaUntil = ndaUntil
        self.ticketDeductionFen = ticketDeductionFen
        self.complaintDeductionFen = complaintDeductionFen
        self.tolerancePercent = tolerancePercent
        self.toleranceFloor = toleranceFloor
        self.qualityBands = qualityBands
    }

    public func validated() throws(DomainError) -> VendorContract {
        var copy = self
        copy.number = number.trimmingWhitespace()
        guard !copy.number.isEmpty, copy.number.count <= 64 else {
            throw DomainError.invalidField("number", zh: "请填写合同编号（最多 64 字）", en: "Give the contract number (64 characters at most)")
        }
        guard from <= to else {
            throw DomainError.invalidField("to", zh: "合同结束日期不能早于开始日期", en: "The contract cannot end before it starts")
        }
        if let signed = ndaSignedOn, let until = ndaUntil, until < signed {
            throw DomainError.invalidField("nda_until", zh: "保密协议到期日不能早于签订日", en: "The NDA cannot end before it was signed")
        }
        if ndaUntil != nil, ndaSignedOn == nil {
            throw DomainError.invalidField("nda_signed_on", zh: "请填写保密协议签订日期", en: "Give the day the NDA was signed")
        }
        guard (0 ... 100_000_000).contains(ticketDeductionFen), (0 ... 100_000_000).contains(complaintDeductionFen) else {
            throw DomainError.invalidField("deduction", zh: "扣款金额须为 0 到 100 万元", en: "A deduction is ¥0 to ¥1,000,000")
        }
        guard (0 ... 100).contains(tolerancePercent), (0 ... 1_000_000).contains(toleranceFloor) else {
            throw DomainError.invalidField("tolerance", zh: "误差认可值：比例 0–100%，下限 0–1000000", en: "The tolerance is 0–100 % with a floor of 0–1,000,000")
        }
        return copy
    }

    /// The tolerance for one project's count: max(percent × Waihu's count rounded up, the floor).
    public func tolerance(waihu: Int) -> Int {
        max((waihu * tolerancePercent + 99) / 100, toleranceFloor)
    }
}

/// The data-protection gate (PIPL Art. 21, RULES D-52): no customer data goes to a vendor's agents without a contract in
/// force and a signed confidentiality agreement for the day.
public enum DataProtectionGate {
    /// The reasons the vendor may not be given data today; empty when it may.
    public static func refusals(contracts: [VendorContract], on day: LocalDate) -> [LocalizedText] {
        var reasons: [LocalizedText] = []
        if !contracts.contains(where: { $0.from <= day && day <= $0.to }) {
            reasons.append(LocalizedText(zh: "没有在 \(day) 有效的合作合同", en: "no contract in force on \(day)"))
        }
        let nda = contracts.contains { contract in
            guard let signed = contract.ndaSignedOn, signed <= day else { return false }
            return day <= (contract.ndaUntil ?? contract.to)
        }
        if !nda { reasons.append(LocalizedText(zh: "没有在 \(day) 有效的已签保密协议", en: "no signed confidentiality agreement (NDA) valid on \(day)")) }
        return reasons
    }

    /// The refusal as an error, or nothing.
    public static func check(vendor: String, contracts: [VendorContract], on day: LocalDate) throws(DomainError) {
        let reasons = refusals(contracts: contracts, on: day)
        guard !reasons.isEmpty else { return }
        throw DomainError(.ruleRefused, code: "vendor_data_gate",
                          zh: "不能向外呼公司“\(vendor)”分配客户数据：" + reasons.map(\.zh).joined(separator: "；"),
                          en: "Customer data cannot go to the vendor \(vendor): " + reasons.map(\.en).joined(separator: "; "))
    }
}
