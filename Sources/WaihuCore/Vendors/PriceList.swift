import Foundation

/// A price list (价格表, RULES E-05, E-06, E-07): what a project's unit pays from a day on, for every vendor or for one
/// whose contract says so. Drafted, then approved by the deputy GM; only approved lists are used.
public struct PriceList: Sendable, Codable, Equatable {
    /// A price by the script's length (service and survey work, E-05): up to `questions` questions (nil: any longer).
    public struct Tier: Sendable, Codable, Equatable {
        public var questions: Int?
        public var fen: Int

        public init(questions: Int?, fen: Int) {
            self.questions = questions
            self.fen = fen
        }
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        case draft, approved

        public var name: LocalizedText {
            self == .draft ? LocalizedText(zh: "草稿", en: "Draft") : LocalizedText(zh: "已批准", en: "Approved")
        }
    }

    public var project: UUID
    /// nil: every vendor without a list of its own.
    public var vendor: UUID?
    public var from: LocalDate
    /// The last day in force; nil: until another list follows.
    public var to: LocalDate?
    /// One tier with no bound is a single unit price.
    public var tiers: [Tier]
    /// Commission on the acquired customers' usage fees, in basis points (E-06); marketing and win-back only.
    public var usageBasisPoints: Int
    public var status: Status

    public init(project: UUID, vendor: UUID? = nil, from: LocalDate, to: LocalDate? = nil, tiers: [Tier], usageBasisPoints: Int = 0,
                status: Status = .draft) {
        self.project = project
        self.vendor = vendor
        self.from = from
        self.to = to
        self.tiers = tiers
        self.usageBasisPoints = usageBasisPoints
        self.status = status
    }

    /// Checks the list and puts its tiers in order; a list whose days meet another's for the same project and vendor
    /// is refused.
    public func validated(against others: [PriceList]) throws(DomainError) -> PriceList {
        var copy = self
        if let to, to < from { throw DomainError.invalidField("to", zh: "结束日期不能早于生效日期", en: "The list cannot end before it starts") }
        guard !tiers.isEmpty, tiers.count <= 20 else {
            throw DomainError.invalidField("tiers", zh: "请填写 1–20 档单价", en: "Give 1 to 20 price tiers")
        }
        guard tiers.allSatisfy({ (0 ... 100_000_000).contains($0.fen) && ($0.questions ?? 1) >= 1 }) else {
            throw DomainError.invalidField("tiers", zh: "单价须为 0 到 100 万元，题数至少为 1", en: "A unit price is ¥0 to ¥1,000,000 and a tier is at least one question")
        }
        copy.tiers = tiers.sorted { ($0.questions ?? .max) < ($1.questions ?? .max) }
        guard copy.tiers.last?.questions == nil, Set(copy.tiers.map(\.questions)).count == copy.tiers.count else {
            throw DomainError.invalidField("tiers", zh: "各档题数不能重复，且最后一档须不设上限", en: "Tiers need different question bounds, and the last one none")
        }
        guard (0 ... 10_000).contains(usageBasisPoints) else {
            throw DomainError.invalidField("usage_rate", zh: "使用费提成比例须为 0–100%", en: "The usage commission is 0–100 %")
        }
        if let other = others.first(where: { $0.project == project && $0.vendor == vendor && overlaps($0) }) {
            throw DomainError(.conflict, code: "price_list_overlap",
                              zh: "与已有价格表（\(other.from) 至 \(other.to?.description ?? "不限")）的日期重叠；请先结束那张表或改生效日期",
                              en: "The days overlap the list from \(other.from) to \(other.to?.description ?? "open end"); end that list first or change the dates")
        }
        return copy
    }

    func overlaps(_ other: PriceList) -> Bool {
        other.to.map { from <= $0 } ?? true && to.map { other.from <= $0 } ?? true
    }

    public func contains(_ day: LocalDate) -> Bool { from <= day && day <= (to ?? day) }

    /// The unit price for a script of `questions` questions.
    public func price(questions: Int) -> Int {
        (tiers.first { ($0.questions ?? .max) >= questions } ?? tiers[tiers.count - 1]).fen
    }

    /// The approved list in force for a vendor's call on a day: the vendor's own before the project's general one.
    public static func inForce(_ lists: [PriceList], project: UUID, vendor: UUID, on day: LocalDate) -> PriceList? {
        let candidates = lists.filter { $0.status == .approved && $0.project == project && $0.contains(day) }
        return candidates.first { $0.vendor == vendor } ?? candidates.first { $0.vendor == nil }
    }
}
