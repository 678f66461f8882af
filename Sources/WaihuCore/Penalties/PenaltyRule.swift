import Foundation

/// The ledgers the seeds keep (RULES B.0): money and points, each booked per subject.
public enum PenaltyLedger: String, Sendable, Codable, CaseIterable {
    /// 乐捐: an agent's fine on the floor, ¥.
    case fine
    /// 扣除奖金: deducted from an agent's bonus, ¥.
    case bonusDeduction = "bonus_deduction"
    /// 绩效分: points off the month's KPI.
    case kpiPoints = "kpi_points"
    /// 扣分: points off a site's assessment scorecard.
    case sitePoints = "site_points"
    /// 合作方考核: deducted from a vendor's settlement, ¥.
    case vendorDeduction = "vendor_deduction"
    /// 奖励: a reward, ¥.
    case reward

    public var name: LocalizedText {
        switch self {
        case .fine: LocalizedText(zh: "乐捐", en: "Fine")
        case .bonusDeduction: LocalizedText(zh: "扣除奖金", en: "Bonus deduction")
        case .kpiPoints: LocalizedText(zh: "绩效扣分", en: "KPI points")
        case .sitePoints: LocalizedText(zh: "现场考核扣分", en: "Site points")
        case .vendorDeduction: LocalizedText(zh: "合作方考核扣款", en: "Vendor deduction")
        case .reward: LocalizedText(zh: "奖励", en: "Reward")
        }
    }

    /// Yuan or points.
    public var inPoints: Bool { self == .kpiPoints || self == .sitePoints }
}

/// Who an entry is booked on.
public enum PenaltySubject: String, Sendable, Codable, CaseIterable {
    case agent, supervisor, team, site, vendor

    public var name: LocalizedText {
        switch self {
        case .agent: LocalizedText(zh: "坐席", en: "Agent")
        case .supervisor: LocalizedText(zh: "班长", en: "Supervisor")
        case .team: LocalizedText(zh: "班组", en: "Team")
        case .site: LocalizedText(zh: "现场", en: "Site")
        case .vendor: LocalizedText(zh: "外呼公司", en: "Vendor")
        }
    }
}

/// What books an entry: an unqualified ticket, a finding of some categories, a valid complaint of some kinds and
/// channels, or a person booking it by hand (a supervisor on the floor).
public struct PenaltyTrigger: Sendable, Codable, Hashable {
    public enum Event: String, Sendable, Codable, CaseIterable {
        case unqualifiedTicket = "unqualified_ticket"
        case finding
        case complaint
        case manual
    }

    public var event: Event
    /// Finding categories or complaint kinds; nil is any.
    public var categories: [String]?
    /// Complaint channels; nil is any.
    public var channels: [String]?

    public init(event: Event, categories: [String]? = nil, channels: [String]? = nil) {
        self.event = event
        self.categories = categories
        self.channels = channels
    }

    public static let unqualifiedTicket = PenaltyTrigger(event: .unqualifiedTicket)
    public static let manual = PenaltyTrigger(event: .manual)
    public static func finding(_ categories: FindingCategory...) -> PenaltyTrigger {
        PenaltyTrigger(event: .finding, categories: categories.map(\.rawValue))
    }
    public static func complaint(_ kinds: [ComplaintKind]? = nil, channels: [ComplaintChannel]? = nil) -> PenaltyTrigger {
        PenaltyTrigger(event: .complaint, categories: kinds?.map(\.rawValue), channels: channels?.map(\.rawValue))
    }

    public func matches(_ occurrence: PenaltyOccurrence) -> Bool {
        guard occurrence.event == event else { return false }
        if let categories, !categories.contains(occurrence.category ?? "") { return false }
        if let channels, !channels.contains(occurrence.channel ?? "") { return false }
        return true
    }
}

/// How much an entry books (RULES J-05): a fixed amount, one chosen in a range when booked, a first amount then an
/// increment for each further occurrence in the month (每宗扣a分,每多一宗加扣b分: n occurrences total
/// first + increment × (n − 1)), or an amount per unit (per household, 每户).
public struct PenaltyAmount: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case fixed, range, progressive
        case perUnit = "per_unit"
    }

    public var kind: Kind
    /// The fixed amount, the range's minimum, the first occurrence's amount, or the amount per unit.
    public var amount: Double
    /// The range's maximum.
    public var maximum: Double?
    /// Each further occurrence's amount.
    public var increment: Double?

    public init(kind: Kind, amount: Double, maximum: Double? = nil, increment: Double? = nil) {
        self.kind = kind
        self.amount = amount
        self.maximum = maximum
        self.increment = increment
    }

    public static func fixed(_ amount: Double) -> PenaltyAmount { PenaltyAmount(kind: .fixed, amount: amount) }
    public static func range(_ minimum: Double, _ maximum: Double) -> PenaltyAmount { PenaltyAmount(kind: .range, amount: minimum, maximum: maximum) }
    public static func progressive(first: Double, then increment: Double) -> PenaltyAmount {
        PenaltyAmount(kind: .progressive, amount: first, increment: increment)
    }
    public static func perUnit(_ amount: Double) -> PenaltyAmount { PenaltyAmount(kind: .perUnit, amount: amount) }

    /// The amount of one entry: the `occurrence`-th of its rule on its subject in the month (1 for the first),
    /// `units` the households of a leak, `chosen` the amount a person picked in a range.
    public func value(occurrence: Int, units: Int, chosen: Double?) throws(DomainError) -> Double {
        switch kind {
        case .fixed: return amount
        case .perUnit: return amount * Double(max(units, 1))
        case .progressive: return occurrence <= 1 ? amount : (increment ?? amount)
        case .range:
            let maximum = maximum ?? amount
            guard let chosen else { return amount }
            guard chosen >= amount, chosen <= maximum else {
                throw DomainError.invalidField("amount", zh: "金额须在 \(Self.format(amount)) 到 \(Self.format(maximum)) 之间",
                                               en: "the amount is between \(Self.format(amount)) and \(Self.format(maximum))")
            }
            return chosen
        }
    }

    /// "¥10", "10–50", "3, then 2 each", "50 per household" — the amount as the rules page shows it.
    public func text(_ language: Language, points: Bool) -> String {
        let unit = { (value: Double) in points ? "\(Self.format(value))" + (language == .zh ? " 分" : " pt") : "¥" + Self.format(value) }
        switch kind {
        case .fixed: return unit(amount)
        case .range: return unit(amount) + "–" + unit(maximum ?? amount)
        case .perUnit: return unit(amount) + (language == .zh ? "/户" : " per household")
        case .progressive:
            let more = unit(increment ?? amount)
            return language == .zh ? "首宗 \(unit(amount))，每多一宗 \(more)" : "\(unit(amount)) first, \(more) each further"
        }
    }

    public static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    func validated() throws(DomainError) -> PenaltyAmount {
        guard amount.isFinite, amount >= 0, amount <= 1_000_000 else {
            throw DomainError.invalidField("amount", zh: "金额须在 0 到 1000000 之间", en: "the amount is between 0 and 1000000")
        }
        if kind == .range {
            guard let maximum, maximum.isFinite, maximum >= amount, maximum <= 1_000_000 else {
                throw DomainError.invalidField("maximum", zh: "范围的上限须不小于下限", en: "a range's maximum is at least its minimum")
            }
        }
        if kind == .progressive, let increment, !(increment.isFinite && increment >= 0 && increment <= 1_000_000) {
            throw DomainError.invalidField("increment", zh: "每多一宗的金额须在 0 到 1000000 之间", en: "the increment is between 0 and 1000000")
        }
        return self
    }
}

/// One rule of the penalty and reward tables: on what, who, which ledger, how much, and where the seed says so.
public struct PenaltyRule: Sendable, Codable, Equatable, Identifiable {
    public var code: String
    public var name: LocalizedText
    public var ledger: PenaltyLedger
    public var subject: PenaltySubject
    public var trigger: PenaltyTrigger
    public var amount: PenaltyAmount
    /// The seed and line it comes from ("000 四·六.8"), empty for a center's own.
    public var source: String
    public var active: Bool

    public var id: String { code }

    public init(code: String, name: LocalizedText, ledger: PenaltyLedger, subject: PenaltySubject, trigger: PenaltyTrigger,
                amount: PenaltyAmount, source: String = "", active: Bool = true) {
        self.code = code
        self.name = name
        self.ledger = ledger
        self.subject = subject
        self.trigger = trigger
        self.amount = amount
        self.source = source
        self.active = active
    }

    /// Checks a rule as a center edits it.
    public func validated() throws(DomainError) -> PenaltyRule {
        var rule = self
        rule.code = code.trimmingWhitespace()
        guard rule.code.range(of: "^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$", options: .regularExpression) != nil else {
            throw DomainError.invalidField("code", zh: "规则代码为 1–40 个字母、数字、点、横线或下划线", en: "a rule code is 1–40 letters, digits, dots, dashes or underscores")
        }
        guard !name.zh.trimmingWhitespace().isEmpty || !name.en.trimmingWhitespace().isEmpty else { throw DomainError.missingField("name") }
        if trigger.event == .finding, let categories = trigger.categories,
           let wrong = categories.first(where: { FindingCategory(rawValue: $0) == nil }) {
            throw DomainError.invalidField("trigger", zh: "没有“\(wrong)”这个问题类别", en: "\(wrong) is not a finding category")
        }
        if trigger.event == .complaint {
            if let wrong = trigger.categories?.first(where: { ComplaintKind(rawValue: $0) == nil }) {
                throw DomainError.invalidField("trigger", zh: "没有“\(wrong)”这个投诉类型", en: "\(wrong) is not a complaint kind")
            }
            if let wrong = trigger.channels?.first(where: { ComplaintChannel(rawValue: $0) == nil }) {
                throw DomainError.invalidField("trigger", zh: "没有“\(wrong)”这个投诉渠道", en: "\(wrong) is not a complaint channel")
            }
        }
        if amount.kind == .range && trigger.event != .manual {
            throw DomainError.invalidField("amount", zh: "金额范围须由人工登记时选定，只能用于人工登记的规则",
                                           en: "a range is chosen by the person booking, so only a manual rule has one")
        }
        rule.amount = try amount.validated()
        return rule
    }
}

/// Something that happened which rules may book entries for.
public struct PenaltyOccurrence: Sendable, Equatable {
    public var event: PenaltyTrigger.Event
    /// The finding's category or the complaint's kind.
    public var category: String?
    /// The complaint's channel.
    public var channel: String?
    /// Households of a leak.
    public var units: Int

    public init(event: PenaltyTrigger.Event, category: String? = nil, channel: String? = nil, units: Int = 1) {
        self.event = event
        self.category = category
        self.channel = channel
        self.units = units
    }
}
